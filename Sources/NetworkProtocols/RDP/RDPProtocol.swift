import BinaryParsing
import EventModel
import PacketLayers

/// Remote Desktop Protocol (MS-RDPBCGR): TCP 3389, and any port whose first bytes are an RDP
/// connection request. UDP 3389 (the RDP-UDP transport) is identified by port, not decoded.
public enum RDPProtocol {
    public static let registration = ProtocolRegistration(
        .rdp, tcpPorts: [3389], udpPorts: [3389], probeOnAnyPort: true, probe: probe,
        stream: { RDPStreamDecoder() })

    /// The first segment of an RDP connection: a TPKT (RFC 1006: version 3, reserved, length) holding an
    /// X.224 Connection Request (class 0) whose user data is empty, a cookie (`Cookie: mstshash=` or a
    /// `Cookie: msts=` routing token) or an RDP_NEG_REQ (MS-RDPBCGR 2.2.1.1). A capture that starts at the
    /// server's Connection Confirm with an RDP_NEG_RSP/FAILURE matches too. ISO transport for S7 or MMS
    /// carries TSAP parameters (0xC0–0xC2) after the X.224 header, so it does not.
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 11 else {
            // Undecided only while what is there still looks like a TPKT.
            if let version = bytes.getUInt8(at: 0), version != 3 { return .noMatch }
            if let reserved = bytes.getUInt8(at: 1), reserved != 0 { return .noMatch }
            return .needMoreBytes
        }
        guard bytes[0] == 3, bytes[1] == 0, let length = bytes.getUInt16(at: 2), length >= 11,
            Int(bytes[4]) == Int(length) - 5
        else { return .noMatch }
        let code = bytes[5] & 0xF0
        guard code == X224.connectionRequest || code == X224.connectionConfirm else { return .noMatch }
        if length == 11 { return .match }
        guard bytes.count >= 12 else { return .needMoreBytes }
        if code == X224.connectionRequest {
            if bytes[11] == UInt8(ascii: "C") {
                guard bytes.count >= 19 else { return .needMoreBytes }
                return bytes.dropFirst(11).hasPrefix("Cookie: ") ? .match : .noMatch
            }
            return length == 19 && bytes[11] == Negotiation.request ? .match : .noMatch
        }
        return length == 19 && (bytes[11] == Negotiation.response || bytes[11] == Negotiation.failure)
            ? .match : .noMatch
    }
}

/// X.224 TPDU codes (ITU-T X.224 §13; the high nibble of the second header octet).
enum X224 {
    static let connectionRequest: UInt8 = 0xE0
    static let connectionConfirm: UInt8 = 0xD0
    static let data: UInt8 = 0xF0
}

/// RDP negotiation structures (MS-RDPBCGR 2.2.1.1.1, 2.2.1.2.1, 2.2.1.2.2): type(1), flags(1),
/// length(2, little-endian, always 8), then requestedProtocols / selectedProtocol / failureCode (4, LE).
enum Negotiation {
    static let request: UInt8 = 0x01
    static let response: UInt8 = 0x02
    static let failure: UInt8 = 0x03

    /// PROTOCOL_* flags, lowest first: 0x1 SSL, 0x2 HYBRID, 0x4 RDSTLS, 0x8 HYBRID_EX, 0x10 RDSAAD.
    static let protocolNames: [StaticString] = ["TLS", "CredSSP", "RDSTLS", "CredSSP-EUA", "RDS-AAD"]

    /// failureCode values (2.2.1.2.2).
    static func failureName(_ code: UInt32) -> StaticString {
        switch code {
        case 1: "SSL_REQUIRED_BY_SERVER"
        case 2: "SSL_NOT_ALLOWED_BY_SERVER"
        case 3: "SSL_CERT_NOT_ON_SERVER"
        case 4: "INCONSISTENT_FLAGS"
        case 5: "HYBRID_REQUIRED_BY_SERVER"
        case 6: "SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER"
        default: "unknown"
        }
    }
}
