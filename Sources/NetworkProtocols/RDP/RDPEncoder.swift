import BinaryParsing

/// Builds the RDP connection sequence's first PDUs (MS-RDPBCGR 2.2.1.1 and 2.2.1.2: X.224
/// Connection Request / Confirm in TPKT, with the routing cookie and RDP_NEG_REQ / RDP_NEG_RSP)
/// for the traffic simulator and tests.
public enum RDPEncoder {
    /// TLS (1) | CredSSP (2), as mstsc asks.
    public static let protocolTLSAndCredSSP: UInt32 = 0x0000_0003
    public static let protocolCredSSP: UInt32 = 0x0000_0002

    /// X.224 Connection Request with `Cookie: mstshash=<user>` and an RDP_NEG_REQ.
    public static func connectionRequest(user: String, requestedProtocols: UInt32 = protocolTLSAndCredSSP) -> [UInt8] {
        var body = ByteWriter(capacity: 64)
        body.append(0)  // length indicator, below
        body.append(0xE0)
        body.append(bigEndian: UInt16(0))  // destination reference
        body.append(bigEndian: UInt16(0))  // source reference
        body.append(0)  // class 0
        body.append(utf8: "Cookie: mstshash=\(user)\r\n")
        body.append([0x01, 0x00])  // TYPE_RDP_NEG_REQ, flags
        body.append(littleEndian: UInt16(8))
        body.append(littleEndian: requestedProtocols)
        return tpkt(body.bytes)
    }

    /// X.224 Connection Confirm with an RDP_NEG_RSP selecting `selectedProtocol`.
    public static func connectionConfirm(selectedProtocol: UInt32 = protocolCredSSP, sourceReference: UInt16 = 0x1234)
        -> [UInt8]
    {
        var body = ByteWriter(capacity: 24)
        body.append(0)
        body.append(0xD0)
        body.append(bigEndian: UInt16(0))
        body.append(bigEndian: sourceReference)
        body.append(0)
        body.append([0x02, 0x1F])  // TYPE_RDP_NEG_RSP, flags as Windows servers send them
        body.append(littleEndian: UInt16(8))
        body.append(littleEndian: selectedProtocol)
        return tpkt(body.bytes)
    }

    private static func tpkt(_ body: [UInt8]) -> [UInt8] {
        var bytes = body
        bytes[0] = UInt8(bytes.count - 1)
        var writer = ByteWriter(capacity: 4 + bytes.count)
        writer.append([3, 0])
        writer.append(bigEndian: UInt16(4 + bytes.count))
        writer.append(bytes)
        return writer.bytes
    }
}
