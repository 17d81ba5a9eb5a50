import BinaryParsing
import PacketLayers

/// Builds LLDPDUs (IEEE 802.1AB-2016 §8) for the traffic simulator: the bytes after the Ethernet
/// header, sent to `destination` (nearest bridge) with EtherType `etherType`.
public enum LLDPEncoder {
    public static let etherType: UInt16 = 0x88cc
    /// 01:80:c2:00:00:0e, the nearest-bridge group address (§7.1).
    public static let destination = MACAddress(rawValue: 0x0180_c200_000e)

    /// §8.5.8.1 system capabilities.
    public struct Capabilities: OptionSet, Sendable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        public static let other = Capabilities(rawValue: 1 << 0)
        public static let repeater = Capabilities(rawValue: 1 << 1)
        public static let bridge = Capabilities(rawValue: 1 << 2)
        public static let wlanAccessPoint = Capabilities(rawValue: 1 << 3)
        public static let router = Capabilities(rawValue: 1 << 4)
        public static let telephone = Capabilities(rawValue: 1 << 5)
        public static let docsisCableDevice = Capabilities(rawValue: 1 << 6)
        public static let station = Capabilities(rawValue: 1 << 7)
    }

    /// §8.5.9 management address, with its IANA address family.
    public enum ManagementAddress: Sendable, Equatable {
        case ipv4(IPAddress)
        case ipv6(IPAddress)
        case mac(MACAddress)
    }

    /// §8.5.3.2 port ID subtypes the simulator uses.
    public enum PortIDSubtype {
        /// ifName, as switches send it ("1/1", "Gi0/3").
        public static let interfaceName: UInt8 = 5
        /// Locally assigned, as PROFINET devices send their port name ("port-001").
        public static let locallyAssigned: UInt8 = 7
    }

    /// One LLDPDU: Chassis ID (MAC, subtype 4), Port ID, TTL, then the optional TLVs in §8.5 order and
    /// End. Text goes out as given (some stacks add a NUL: pass it in the string). The management
    /// address names interface `managementInterface` by ifIndex.
    public static func lldpdu(
        chassisMAC: MACAddress, portID: String, portIDSubtype: UInt8 = PortIDSubtype.interfaceName,
        timeToLive: UInt16 = 120, portDescription: String? = nil, systemName: String? = nil,
        systemDescription: String? = nil, capabilities: Capabilities? = nil, enabledCapabilities: Capabilities? = nil,
        managementAddress: ManagementAddress? = nil, managementInterface: UInt32 = 1
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: 128)
        appendTLV(1, [4] + bytes(of: chassisMAC), to: &writer)
        appendTLV(2, [portIDSubtype] + Array(portID.utf8.prefix(255)), to: &writer)
        appendTLV(3, [UInt8(timeToLive >> 8), UInt8(timeToLive & 0xff)], to: &writer)
        if let portDescription { appendTLV(4, Array(portDescription.utf8.prefix(255)), to: &writer) }
        if let systemName { appendTLV(5, Array(systemName.utf8.prefix(255)), to: &writer) }
        if let systemDescription { appendTLV(6, Array(systemDescription.utf8.prefix(255)), to: &writer) }
        if let capabilities {
            let enabled = enabledCapabilities ?? capabilities
            appendTLV(
                7,
                [
                    UInt8(capabilities.rawValue >> 8), UInt8(capabilities.rawValue & 0xff),
                    UInt8(enabled.rawValue >> 8), UInt8(enabled.rawValue & 0xff),
                ], to: &writer)
        }
        if let managementAddress {
            let address: [UInt8]
            switch managementAddress {
            case .ipv4(let ip): address = [1] + (0..<4).map { UInt8(truncatingIfNeeded: ip.ipv4Value >> (24 - 8 * $0)) }
            case .ipv6(let ip):
                address =
                    [2]
                    + [ip.high, ip.low].flatMap { half in
                        (0..<8).map { UInt8(truncatingIfNeeded: half >> (56 - 8 * $0)) }
                    }
            case .mac(let mac): address = [6] + bytes(of: mac)
            }
            var value = [UInt8(address.count)] + address
            value.append(2)  // interface numbering subtype: ifIndex
            value += (0..<4).map { UInt8(truncatingIfNeeded: managementInterface >> (24 - 8 * $0)) }
            value.append(0)  // no OID
            appendTLV(8, value, to: &writer)
        }
        appendTLV(0, [], to: &writer)
        return writer.bytes
    }

    /// §8.4 TLV header: 7-bit type, 9-bit length.
    static func appendTLV(_ type: UInt16, _ value: [UInt8], to writer: inout ByteWriter) {
        writer.append(bigEndian: type << 9 | UInt16(min(value.count, 511)))
        writer.append(Array(value.prefix(511)))
    }

    static func bytes(of mac: MACAddress) -> [UInt8] {
        (0..<6).map { UInt8(truncatingIfNeeded: mac.rawValue >> UInt64(40 - 8 * $0)) }
    }
}
