import PacketLayers

/// Where an address lives, for statements about the internet.
enum AddressScope {
    /// Routable on the internet: not private (RFC 1918, RFC 4193), loopback, link-local, CGNAT
    /// (RFC 6598), multicast, broadcast or unspecified.
    static func isPublic(_ address: IPAddress) -> Bool { address.isGloballyRoutable }
}
