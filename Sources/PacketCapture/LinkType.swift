/// A capture's link-layer header type (tcpdump.org LINKTYPE_ values; pcapng uses the same numbers).
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let null = LinkType(rawValue: 0)  // BSD loopback, host byte order family
    public static let ethernet = LinkType(rawValue: 1)
    public static let rawLegacy = LinkType(rawValue: 12)  // DLT_RAW on some BSDs
    public static let raw = LinkType(rawValue: 101)
    public static let loop = LinkType(rawValue: 108)  // OpenBSD loopback, network byte order family
    public static let linuxSLL = LinkType(rawValue: 113)
    public static let ipv4 = LinkType(rawValue: 228)
    public static let ipv6 = LinkType(rawValue: 229)
    public static let linuxSLL2 = LinkType(rawValue: 276)

    public var name: String {
        switch rawValue {
        case 0: "NULL"
        case 1: "EN10MB"
        case 7: "ARCNET"
        case 12, 101: "RAW"
        case 105: "IEEE802_11"
        case 108: "LOOP"
        case 113: "LINUX_SLL"
        case 127: "IEEE802_11_RADIOTAP"
        case 129: "ARCNET_LINUX"
        case 228: "IPV4"
        case 229: "IPV6"
        case 276: "LINUX_SLL2"
        default: "LINKTYPE_\(rawValue)"
        }
    }

    public var description: String { name }
}
