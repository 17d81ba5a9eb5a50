import BinaryParsing
import PacketLayers

/// Ethernet II frames (IEEE 802.3 clause 3), with an optional IEEE 802.1Q tag.
public enum EthernetFrame {
    public static let ipv4: UInt16 = 0x0800
    public static let vlanTag: UInt16 = 0x8100
    /// Frames shorter than this (without the FCS) are padded, as a NIC does on transmit.
    public static let minimumLength = 60

    public static func build(
        destination: MACAddress, source: MACAddress, vlan: UInt16? = nil, priority: UInt8 = 0,
        etherType: UInt16, payload: [UInt8]
    ) -> [UInt8] {
        var frame = ByteWriter(capacity: 18 + payload.count)
        frame.append(destination.bytes)
        frame.append(source.bytes)
        if let vlan {
            frame.append(bigEndian: vlanTag)
            frame.append(bigEndian: UInt16(priority & 0x7) << 13 | (vlan & 0x0FFF))
        }
        frame.append(bigEndian: etherType)
        frame.append(payload)
        if frame.count < minimumLength { frame.append(repeating: 0, count: minimumLength - frame.count) }
        return frame.bytes
    }
}

extension MACAddress {
    /// The six address bytes in transmission order.
    public var bytes: [UInt8] { (0..<6).map { UInt8(truncatingIfNeeded: rawValue >> (40 - 8 * $0)) } }
}
