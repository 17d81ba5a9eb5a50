import BinaryParsing
import PacketLayers

/// TCP segments (RFC 9293) with the pseudo-header checksum; options only on SYNs (MSS).
public enum TCPSegment {
    public struct Flags: OptionSet, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let fin = Flags(rawValue: 0x01)
        public static let syn = Flags(rawValue: 0x02)
        public static let rst = Flags(rawValue: 0x04)
        public static let psh = Flags(rawValue: 0x08)
        public static let ack = Flags(rawValue: 0x10)
    }

    public static func build(
        source: IPAddress, destination: IPAddress, sourcePort: UInt16, destinationPort: UInt16,
        sequence: UInt32, acknowledgment: UInt32, flags: Flags, window: UInt16,
        maximumSegmentSize: UInt16? = nil, payload: [UInt8]
    ) -> [UInt8] {
        let optionsLength = maximumSegmentSize == nil ? 0 : 4
        let headerLength = 20 + optionsLength
        var segment = ByteWriter(capacity: headerLength + payload.count)
        segment.append(bigEndian: sourcePort)
        segment.append(bigEndian: destinationPort)
        segment.append(bigEndian: sequence)
        segment.append(bigEndian: flags.contains(.ack) ? acknowledgment : 0)
        segment.append(UInt8(headerLength / 4) << 4)
        segment.append(flags.rawValue)
        segment.append(bigEndian: window)
        segment.append(bigEndian: UInt16(0))  // checksum, below
        segment.append(bigEndian: UInt16(0))  // urgent pointer
        if let maximumSegmentSize {
            segment.append([2, 4])  // kind MSS, length 4
            segment.append(bigEndian: maximumSegmentSize)
        }
        segment.append(payload)
        var checksum = IPv4Packet.pseudoHeaderChecksum(
            source: source, destination: destination, protocolNumber: IPv4Packet.tcp, length: segment.count)
        checksum.add(segment.bytes)
        segment.set(bigEndian: checksum.value, at: 16)
        return segment.bytes
    }
}
