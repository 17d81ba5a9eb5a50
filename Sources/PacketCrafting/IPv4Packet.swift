import BinaryParsing
import PacketLayers

/// IPv4 datagrams without options (RFC 791), with the header checksum filled in.
public enum IPv4Packet {
    public static let tcp: UInt8 = 6
    public static let udp: UInt8 = 17
    public static let headerLength = 20

    public static func build(
        source: IPAddress, destination: IPAddress, protocolNumber: UInt8, identification: UInt16,
        timeToLive: UInt8 = 64, dontFragment: Bool = true, payload: [UInt8]
    ) -> [UInt8] {
        var packet = ByteWriter(capacity: headerLength + payload.count)
        packet.append(0x45)  // version 4, 5 words of header
        packet.append(0)  // DSCP/ECN
        packet.append(bigEndian: UInt16(headerLength + payload.count))
        packet.append(bigEndian: identification)
        packet.append(bigEndian: UInt16(dontFragment ? 0x4000 : 0))
        packet.append(timeToLive)
        packet.append(protocolNumber)
        packet.append(bigEndian: UInt16(0))  // checksum, below
        packet.append(bigEndian: source.ipv4Value)
        packet.append(bigEndian: destination.ipv4Value)
        var checksum = InternetChecksum()
        checksum.add(packet.bytes)
        packet.set(bigEndian: checksum.value, at: 10)
        packet.append(payload)
        return packet.bytes
    }

    /// The checksum of the pseudo header that UDP and TCP cover (RFC 768, RFC 793 §3.1).
    static func pseudoHeaderChecksum(
        source: IPAddress, destination: IPAddress, protocolNumber: UInt8, length: Int
    ) -> InternetChecksum {
        var checksum = InternetChecksum()
        checksum.add(UInt16(truncatingIfNeeded: source.ipv4Value >> 16))
        checksum.add(UInt16(truncatingIfNeeded: source.ipv4Value))
        checksum.add(UInt16(truncatingIfNeeded: destination.ipv4Value >> 16))
        checksum.add(UInt16(truncatingIfNeeded: destination.ipv4Value))
        checksum.add(UInt16(protocolNumber))
        checksum.add(UInt16(length))
        return checksum
    }
}
