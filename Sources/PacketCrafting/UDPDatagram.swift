import BinaryParsing
import PacketLayers

/// UDP datagrams (RFC 768) with the pseudo-header checksum.
public enum UDPDatagram {
    public static func build(
        source: IPAddress, destination: IPAddress, sourcePort: UInt16, destinationPort: UInt16, payload: [UInt8]
    ) -> [UInt8] {
        var datagram = ByteWriter(capacity: 8 + payload.count)
        datagram.append(bigEndian: sourcePort)
        datagram.append(bigEndian: destinationPort)
        datagram.append(bigEndian: UInt16(8 + payload.count))
        datagram.append(bigEndian: UInt16(0))
        datagram.append(payload)
        var checksum = IPv4Packet.pseudoHeaderChecksum(
            source: source, destination: destination, protocolNumber: IPv4Packet.udp, length: datagram.count)
        checksum.add(datagram.bytes)
        // A computed zero is sent as all ones: zero means "no checksum" in UDP.
        datagram.set(bigEndian: checksum.value == 0 ? 0xFFFF : checksum.value, at: 6)
        return datagram.bytes
    }
}
