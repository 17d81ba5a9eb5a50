import BinaryParsing
import EventModel

/// AnyDesk sessions, recognised by content. AnyDesk's own protocol runs inside TLS 1.2; what
/// identifies it in clear (nDPI's `tests/cfgs/default/result/anydesk.pcapng.out`, flows to relays
/// on TCP 80/443 and direct LAN sessions on TCP 7070):
/// - the ClientHello carries no SNI, and recent clients advertise an ALPN naming the product,
///   version and OS (`anydesk/6.2.0/linux`);
/// - relays present a certificate "C=DE, O=philandro Software GmbH, CN=AnyNet Relay" issued by
///   "CN=AnyNet Root CA, O=philandro Software GmbH"; in direct sessions both ends present a
///   self-signed "CN=AnyDesk Client".
///
/// Registered on TCP 6568 and 7070 (AnyDesk's documented direct-connection ports) and, on ports no
/// other protocol claims, by a ClientHello whose ALPN starts with "anydesk/". Relay sessions on
/// 80/443 reach the HTTP and TLS decoders instead (ports win over content probes); they are not
/// reported here.
public enum AnyDeskProtocol {
    public static let registration = ProtocolRegistration(
        .anydesk, tcpPorts: [6568, 7070], probeOnAnyPort: true, probe: probe, stream: { AnyDeskStreamDecoder() })

    /// A TLS handshake record holding a ClientHello whose bytes contain the ALPN prefix "anydesk/".
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 6 else { return .needMoreBytes }
        guard bytes[0] == 22, bytes[1] == 3, bytes[5] == 1 else { return .noMatch }
        return contains(bytes, "anydesk/") ? .match : .noMatch
    }

    /// Whether `literal` occurs in `bytes` (short needles, a few KiB of haystack, once per flow).
    static func contains(_ bytes: ByteView, _ literal: StaticString) -> Bool {
        let length = literal.utf8CodeUnitCount
        guard length > 0, bytes.count >= length else { return false }
        for start in 0...(bytes.count - length) where bytes[start] == literal.utf8Start[0] {
            if bytes.dropFirst(start).hasPrefix(literal) { return true }
        }
        return false
    }
}

/// Anomaly kinds of the AnyDesk recogniser.
public enum AnyDeskAnomaly {
    /// A flow on an AnyDesk port that ended without AnyDesk's ALPN or certificates in clear.
    public static let notRecognised = AnomalyKind("anydesk.not_recognised")
    /// A TLS handshake larger than `AnyDeskStreamDecoder.maximumHandshake`: no longer examined.
    public static let handshakeTooLarge = AnomalyKind("anydesk.handshake_too_large")
}
