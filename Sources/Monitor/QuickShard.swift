import BinaryParsing
import FlowTracking
import PacketLayers

extension PacketProcessor {
    /// The shard hash of a plain Ethernet (+ up to two VLAN tags) IPv4 packet read straight from
    /// its headers, or nil when only the full decoder can tell (other link types and EtherTypes,
    /// IPv6, malformed headers, and tunnels the decoder removes: GRE, IP-in-IP, VXLAN).
    ///
    /// Every worker reads the whole capture and keeps only its shard; this spares the others the
    /// full layer decode of every packet they drop. It must agree with `shardHash(of:)` on the
    /// decoded packet whenever it answers (tested on every corpus capture).
    @inline(__always)
    static func quickShardHash(_ bytes: ByteView, linkType: UInt32) -> UInt64? {
        guard linkType == 1, bytes.count >= 34 else { return nil }
        var type = bytes.uncheckedUInt16(at: 12)
        var offset = 14
        var outer: UInt32 = 0
        var inner: UInt32 = 0
        var tags = 0
        while type == EtherType.vlan || type == EtherType.qinq || type == EtherType.qinqLegacy {
            guard tags < 2, bytes.count >= offset + 4 + 20 else { return nil }
            let vlan = UInt32(bytes.uncheckedUInt16(at: offset) & 0x0FFF)
            if tags == 0 { outer = vlan } else { inner = vlan }
            type = bytes.uncheckedUInt16(at: offset + 2)
            offset += 4
            tags += 1
        }
        guard type == EtherType.ipv4 else { return nil }
        let versionAndLength = bytes.uncheckedUInt8(at: offset)
        let headerLength = Int(versionAndLength & 0x0F) * 4
        guard versionAndLength >> 4 == 4, headerLength >= 20, offset + headerLength <= bytes.count else { return nil }
        let totalLength = Int(bytes.uncheckedUInt16(at: offset + 2))
        guard totalLength == 0 || totalLength >= headerLength else { return nil }
        let proto = bytes.uncheckedUInt8(at: offset + 9)
        let fragmented = bytes.uncheckedUInt16(at: offset + 6) & 0x3FFF != 0
        if !fragmented {
            switch proto {
            case 4, 41, 47: return nil  // tunnels: the decoder takes the inner addresses
            case 17:
                // VXLAN is recognised by its destination port; a short UDP header goes the long way.
                let transport = offset + headerLength
                guard transport + 4 <= bytes.count, bytes.uncheckedUInt16(at: transport + 2) != 4789 else {
                    return nil
                }
            default: break
            }
        }
        let source = IPAddress(ipv4: bytes.uncheckedUInt32(at: offset + 12))
        let destination = IPAddress(ipv4: bytes.uncheckedUInt32(at: offset + 16))
        return FlowKey.shardHash(source, destination, vlan: outer << 12 | inner)
    }
}
