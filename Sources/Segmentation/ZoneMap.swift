import PacketLayers

/// The zone of an address, precomputed from a policy so that the detection path looks it up with
/// a few integer comparisons and no allocation. Zone numbers: 0 `unzoned`, 1 `internet`, then the
/// declared zones in their order.
public struct ZoneMap: Sendable {
    public static let unzoned: Int32 = 0
    public static let internet: Int32 = 1

    /// Every zone's name by number.
    public let names: [String]
    /// Declared prefixes, longest first (the first match is the longest prefix).
    private let prefixes: [Prefix]
    /// Zone by VLAN id (4096 entries, -1: no zone claims the VLAN).
    private let vlanZones: [Int32]

    private struct Prefix: Sendable {
        var high: UInt64
        var low: UInt64
        var maskHigh: UInt64
        var maskLow: UInt64
        var zone: Int32
        var length: Int
    }

    public init(zones: [Zone]) {
        names = [Zone.unzoned, Zone.internet] + zones.map(\.name)
        var prefixes: [Prefix] = []
        var vlans = [Int32](repeating: -1, count: 4096)
        for (offset, zone) in zones.enumerated() {
            let number = Int32(offset + 2)
            for network in zone.networks {
                prefixes.append(
                    Prefix(
                        high: network.address.high, low: network.address.low, maskHigh: network.maskHigh,
                        maskLow: network.maskLow, zone: number, length: network.fullLength))
            }
            for vlan in zone.vlans where Int(vlan) < vlans.count && vlans[Int(vlan)] < 0 { vlans[Int(vlan)] = number }
        }
        // Stable: of two equal prefixes (refused by the reader), the first declared wins.
        self.prefixes = prefixes.enumerated().sorted { ($1.element.length, $0.offset) < ($0.element.length, $1.offset) }
            .map(\.element)
        vlanZones = vlans
    }

    /// The zone number of `address` seen on `vlan` (0: untagged): the longest declared prefix,
    /// else a zone that claims the VLAN, else `internet` for a public address, else `unzoned`.
    public func zone(of address: IPAddress, vlan: UInt16 = 0) -> Int32 {
        if let prefix = longestPrefix(holding: address) { return prefixes[prefix].zone }
        if vlan != 0, Int(vlan) < vlanZones.count, vlanZones[Int(vlan)] >= 0 { return vlanZones[Int(vlan)] }
        return address.isNonPublic ? Self.unzoned : Self.internet
    }

    // `while` loops here and below: an unoptimised `for` allocates its iterator, and these run
    // for every flow and notable event.
    private func longestPrefix(holding address: IPAddress) -> Int? {
        var index = 0
        while index < prefixes.count {
            let prefix = prefixes[index]
            if address.high & prefix.maskHigh == prefix.high && address.low & prefix.maskLow == prefix.low {
                return index
            }
            index += 1
        }
        return nil
    }

    /// The VLAN a flow key carries (the innermost tag of QinQ).
    @inlinable public static func vlan(ofFlowKey key: UInt32) -> UInt16 {
        let inner = UInt16(truncatingIfNeeded: key & 0xFFF)
        return inner != 0 ? inner : UInt16(truncatingIfNeeded: (key >> 12) & 0xFFF)
    }

    /// Whether a packet from `source` to `destination` is delivered on the sender's own link and
    /// never crosses a router, so no zone boundary: limited broadcast, multicast, or the directed
    /// broadcast of a subnet that holds the sender (routers drop those, RFC 2644) when no declared
    /// prefix claims the address as a host.
    public func isLocalDelivery(from source: IPAddress, to destination: IPAddress) -> Bool {
        if destination.isBroadcast || destination.isMulticast { return true }
        guard destination.isIPv4, source.isIPv4 else { return false }
        let sender = source.ipv4Value
        let target = destination.ipv4Value
        var isDirectedBroadcast = false
        var hostBits: UInt32 = 2
        while hostBits <= 24 {
            if target == sender | ((1 << hostBits) - 1) {
                isDirectedBroadcast = true
                break
            }
            hostBits += 1
        }
        guard isDirectedBroadcast else { return false }
        // A zone's own last address is its broadcast; inside a longer prefix it would be a host,
        // and /31 and /32 have no broadcast address (RFC 3021).
        guard let index = longestPrefix(holding: destination) else { return true }
        return prefixes[index].length <= 96 + 30 && destination.low == prefixes[index].low | ~prefixes[index].maskLow
    }
}
