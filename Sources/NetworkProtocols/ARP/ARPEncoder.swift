import BinaryParsing
import PacketLayers

/// Builds Ethernet/IPv4 ARP packets (RFC 826) for the traffic simulator: the 28 bytes after the
/// Ethernet header (EtherType `etherType`); the framing pads the frame to the 60-byte minimum.
public enum ARPEncoder {
    public static let etherType: UInt16 = 0x0806

    /// `who-has targetIP tell senderIP`, broadcast; the target hardware address is zero as real stacks send it.
    public static func request(senderMAC: MACAddress, senderIP: IPAddress, targetIP: IPAddress) -> [UInt8] {
        packet(opcode: 1, senderMAC: senderMAC, senderIP: senderIP, targetMAC: .zero, targetIP: targetIP)
    }

    /// `senderIP is-at senderMAC`, unicast back to the asker.
    public static func reply(
        senderMAC: MACAddress, senderIP: IPAddress, targetMAC: MACAddress, targetIP: IPAddress
    ) -> [UInt8] {
        packet(opcode: 2, senderMAC: senderMAC, senderIP: senderIP, targetMAC: targetMAC, targetIP: targetIP)
    }

    /// A gratuitous ARP: an RFC 5227 §2.3 announcement (request, sender IP = target IP, zero target MAC).
    public static func gratuitous(senderMAC: MACAddress, ip: IPAddress) -> [UInt8] {
        packet(opcode: 1, senderMAC: senderMAC, senderIP: ip, targetMAC: .zero, targetIP: ip)
    }

    /// Any operation with Ethernet (1) / IPv4 (0x0800) addresses.
    public static func packet(
        opcode: UInt16, senderMAC: MACAddress, senderIP: IPAddress, targetMAC: MACAddress, targetIP: IPAddress
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: 28)
        writer.append(bigEndian: UInt16(1))  // hardware type: Ethernet
        writer.append(bigEndian: UInt16(0x0800))  // protocol type: IPv4
        writer.append(6)  // hardware address length
        writer.append(4)  // protocol address length
        writer.append(bigEndian: opcode)
        writer.append(bytes(of: senderMAC))
        writer.append(bigEndian: senderIP.ipv4Value)
        writer.append(bytes(of: targetMAC))
        writer.append(bigEndian: targetIP.ipv4Value)
        return writer.bytes
    }

    static func bytes(of mac: MACAddress) -> [UInt8] {
        (0..<6).map { UInt8(truncatingIfNeeded: mac.rawValue >> UInt64(40 - 8 * $0)) }
    }
}
