import PacketLayers

/// Where an address lives, for statements about the internet.
enum AddressScope {
    /// Routable on the internet: not private (RFC 1918, RFC 4193), loopback, link-local, CGNAT
    /// (RFC 6598), multicast, broadcast or unspecified.
    static func isPublic(_ address: IPAddress) -> Bool {
        if address.isUnspecified || address.isMulticast || address.isBroadcast { return false }
        if address.isIPv4 {
            let value = address.ipv4Value
            let first = value >> 24
            let second = (value >> 16) & 0xFF
            if first == 10 || first == 127 || first == 0 { return false }
            if first == 172 && (16...31).contains(second) { return false }
            if first == 192 && second == 168 { return false }
            if first == 169 && second == 254 { return false }
            if first == 100 && (64...127).contains(second) { return false }
            return true
        }
        let top = address.high >> 48
        if top & 0xFE00 == 0xFC00 || top & 0xFFC0 == 0xFE80 { return false }
        if address.high == 0 && address.low <= 1 { return false }
        return true
    }
}
