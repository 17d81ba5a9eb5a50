import PacketLayers

/// An IPv4 or IPv6 prefix (`10.77.1.0/24`, `fd00:1::/64`). IPv4 prefixes are held as IPv4-mapped
/// IPv6 prefixes (`::ffff:0:0/96` + the IPv4 length), as `IPAddress` holds IPv4 addresses, so one
/// 128-bit mask test serves both families.
public struct IPNetwork: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The network address (host bits zero).
    public let address: IPAddress
    /// The prefix length as written (0–32 for IPv4, 0–128 for IPv6).
    public let prefixLength: Int
    let maskHigh: UInt64
    let maskLow: UInt64

    /// The prefix of `address` with `prefixLength` bits (host bits are cleared); nil when the
    /// length is out of range for the family.
    public init?(address: IPAddress, prefixLength: Int) {
        let bits = address.isIPv4 ? prefixLength + 96 : prefixLength
        guard prefixLength >= 0, prefixLength <= (address.isIPv4 ? 32 : 128) else { return nil }
        maskHigh = bits >= 64 ? .max : (bits == 0 ? 0 : ~(UInt64.max >> UInt64(bits)))
        maskLow = bits <= 64 ? 0 : (bits == 128 ? .max : ~(UInt64.max >> UInt64(bits - 64)))
        self.address = IPAddress(high: address.high & maskHigh, low: address.low & maskLow)
        self.prefixLength = prefixLength
    }

    /// Parses `10.77.1.0/24`, `fd00::/8`, or a bare address (a /32 or /128).
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPAddress(String(parts[0])) else { return nil }
        let maximum = address.isIPv4 ? 32 : 128
        var length = maximum
        if parts.count == 2 {
            guard parts[1].count <= 3, parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber),
                let parsed = Int(parts[1])
            else { return nil }
            length = parsed
        }
        self.init(address: address, prefixLength: length)
    }

    /// Whether `text` names the network exactly (no host bits set): `10.77.1.5/24` is a typo
    /// worth pointing out, not a network.
    public static func hasHostBits(_ text: String) -> Bool {
        guard let network = IPNetwork(text), let address = IPAddress(String(text.split(separator: "/")[0])) else {
            return false
        }
        return network.address != address
    }

    @inlinable public var isIPv4: Bool { address.isIPv4 }

    /// The prefix length counted over 128 bits (IPv4 prefixes sit below `::ffff:0:0/96`).
    var fullLength: Int { isIPv4 ? prefixLength + 96 : prefixLength }

    public func contains(_ candidate: IPAddress) -> Bool {
        candidate.high & maskHigh == address.high && candidate.low & maskLow == address.low
    }

    /// Whether `other` lies inside this network.
    public func contains(_ other: IPNetwork) -> Bool {
        other.fullLength >= fullLength && contains(other.address)
    }

    /// The last address of the network (the IPv4 directed broadcast).
    public var lastAddress: IPAddress { IPAddress(high: address.high | ~maskHigh, low: address.low | ~maskLow) }

    public var description: String { "\(address)/\(prefixLength)" }

    public static func < (lhs: IPNetwork, rhs: IPNetwork) -> Bool {
        lhs.address != rhs.address ? lhs.address < rhs.address : lhs.prefixLength < rhs.prefixLength
    }
}

extension IPAddress {
    /// RFC 1918, RFC 6598 (carrier-grade NAT), loopback, link-local, ULA (fc00::/7), IPv6
    /// link-local and loopback, multicast, broadcast and unspecified: every address that is not
    /// reachable across the public internet. Anything else is in the implicit zone `internet`.
    public var isNonPublic: Bool { !isGloballyRoutable }
}
