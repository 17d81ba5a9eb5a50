import EventModel
import PacketLayers

/// Decides which addresses are one device. A unicast MAC is a device on the monitored segment,
/// with every IP address it carried; but a MAC that carries at least `threshold` addresses it
/// never claimed (by ARP or a DHCP lease) forwards for others: a router or gateway. Its claimed
/// addresses stay with it and every other address behind it is a device of its own, keyed by IP.
/// A host that moved between addresses under DHCP keeps one MAC and so stays one asset.
struct AddressResolver {
    let collector: InventoryCollector
    let threshold: Int
    let facts: [(key: FactKey, observation: FactObservation)]
    /// Assets by index: MAC-keyed ones in MAC order, then IP-keyed ones in address order.
    private(set) var assets: [Asset] = []
    private var assetByMAC: [MACAddress: Int] = [:]
    private var assetByIP: [IPAddress: Int] = [:]
    private var routers: Set<MACAddress> = []

    init(collector: InventoryCollector, facts: [(key: FactKey, observation: FactObservation)], threshold: Int) {
        self.collector = collector
        self.facts = facts
        self.threshold = threshold
    }

    static func isDeviceMAC(_ mac: MACAddress) -> Bool { mac != .zero && !mac.isMulticast }

    /// Every MAC an asset can be keyed by, known before `resolve`: the device MACs of the
    /// endpoints and of the address claims (a superset of the MAC-keyed assets `resolve` makes).
    static func candidateMACs(
        collector: InventoryCollector, facts: [(key: FactKey, observation: FactObservation)]
    ) -> Set<MACAddress> {
        var macs = Set(collector.endpoints.keys.lazy.map(\.mac).filter(isDeviceMAC))
        for (key, _) in facts where key.key == .ipAddress && isDeviceMAC(key.subject.mac) {
            macs.insert(key.subject.mac)
        }
        return macs
    }
    static func isDeviceIP(_ ip: IPAddress) -> Bool { !ip.isUnspecified && !ip.isMulticast && !ip.isBroadcast }

    mutating func resolve() {
        // Device addresses by MAC, sorted: each MAC's addresses are one run of the array (a set
        // per MAC, and the tables' step-by-step growth, were most of the resolve).
        var pairs: [(mac: MACAddress, ip: IPAddress)] = []
        pairs.reserveCapacity(collector.endpoints.count)
        var macs: [MACAddress] = []
        for key in collector.endpoints.keys {
            guard Self.isDeviceMAC(key.mac) else { continue }
            if Self.isDeviceIP(key.ip) {
                pairs.append((key.mac, key.ip))
            } else if key.ip.isUnspecified {
                macs.append(key.mac)
            }
        }
        pairs.sort { ($0.mac.rawValue, $0.ip) < ($1.mac.rawValue, $1.ip) }
        // Addresses a MAC claimed for itself: ARP sender bindings and DHCP leases.
        var claimed: [MACAddress: Set<IPAddress>] = [:]
        for (key, _) in facts where key.key == .ipAddress {
            guard Self.isDeviceMAC(key.subject.mac), let address = IPAddress(key.value), Self.isDeviceIP(address)
            else { continue }
            claimed[key.subject.mac, default: []].insert(address)
        }
        // Each MAC's run of addresses (endpoint keys are unique, so a run has no repeats).
        var runs: [MACAddress: Range<Int>] = [:]
        runs.reserveCapacity(pairs.count)
        var start = 0
        while start < pairs.count {
            let mac = pairs[start].mac
            var end = start + 1
            while end < pairs.count && pairs[end].mac == mac { end += 1 }
            runs[mac] = start..<end
            macs.append(mac)
            let own = claimed[mac] ?? []
            var ipv4 = 0
            var ipv6Prefixes: Set<UInt64> = []
            for (_, address) in pairs[start..<end] where !own.contains(address) && !Self.isOwnIPv6(address, of: mac) {
                // A dual-stack host carries one IPv4 address and several IPv6 addresses of one or
                // two prefixes (stable, temporary); hosts behind a router come from many prefixes.
                if address.isIPv4 { ipv4 += 1 } else { ipv6Prefixes.insert(address.high) }
            }
            if ipv4 >= threshold || ipv6Prefixes.count >= threshold { routers.insert(mac) }
            start = end
        }
        macs.append(contentsOf: claimed.keys)
        macs.sort()

        assets.reserveCapacity(macs.count)
        assetByMAC.reserveCapacity(macs.count)
        assetByIP.reserveCapacity(pairs.count)
        var previous: MACAddress?
        // Each asset is appended, then filled where it lies: built in a local and appended, it
        // was copied into the array (every field retained) and the local destroyed.
        for mac in macs where mac != previous {
            previous = mac
            let addresses = pairs[runs[mac] ?? 0..<0].lazy.map(\.ip)
            let own = claimed[mac] ?? []
            let ips: [IPAddress]
            var routedAddresses = 0
            if routers.contains(mac) {
                var mine = own
                for address in addresses where Self.isOwnIPv6(address, of: mac) { mine.insert(address) }
                ips = mine.sorted()
                routedAddresses = addresses.count - addresses.filter { mine.contains($0) }.count
            } else if !own.isEmpty {
                ips = own.union(addresses).sorted()
            } else {
                ips = Array(addresses)  // already in address order
            }
            let index = assets.count
            for ip in ips where assetByIP[ip] == nil { assetByIP[ip] = index }
            assetByMAC[mac] = index
            assets.append(Asset(id: "mac:\(mac)"))
            updateInPlace(&assets[index]) { asset in
                asset.macs = [mac]
                asset.ips = ips
                asset.routedAddresses = routedAddresses
            }
        }
        // Addresses seen only behind routers, or without link addresses.
        let unowned = collector.endpoints.keys.filter {
            Self.isDeviceIP($0.ip) && assetByIP[$0.ip] == nil && !$0.mac.isMulticast
        }
        // An address seen behind several MACs is behind the first router by MAC order. (Whether
        // a MAC is a router is looked up once per key, not in every comparison of the sort.)
        let ordered = unowned.map { (key: $0, rank: routers.contains($0.mac) ? 0 : 1) }.sorted {
            ($0.key.ip, $0.rank, $0.key.mac.rawValue) < ($1.key.ip, $1.rank, $1.key.mac.rawValue)
        }
        for (key, _) in ordered where assetByIP[key.ip] == nil {
            let index = assets.count
            assetByIP[key.ip] = index
            assets.append(Asset(id: "ip:\(key.ip)"))
            updateInPlace(&assets[index]) { asset in
                asset.ips = [key.ip]
                if routers.contains(key.mac) { asset.behindRouter = key.mac }
            }
        }
    }

    /// IPv6 addresses that are the MAC's own whoever else it routes for: link-local ones (never
    /// forwarded) and SLAAC addresses whose interface identifier is the MAC's EUI-64.
    static func isOwnIPv6(_ address: IPAddress, of mac: MACAddress) -> Bool {
        guard !address.isIPv4 else { return false }
        if address.high >> 54 == 0x3FA { return true }  // fe80::/10
        let raw = mac.rawValue
        let eui64 = ((raw >> 24) ^ 0x02_0000) << 40 | 0xFF_FE00_0000 | (raw & 0xFF_FFFF)
        return address.low == eui64
    }

    /// Moves the resolved assets out (the indices stay valid for `asset(of:)`): a copy would be
    /// duplicated, every asset retained, at the builder's first change.
    mutating func takeAssets() -> [Asset] {
        var taken: [Asset] = []
        swap(&taken, &assets)
        return taken
    }

    /// The index in `assets` of the asset an endpoint of a flow belongs to; nil for broadcast and
    /// multicast groups.
    func asset(of key: EndpointKey) -> Int? {
        if Self.isDeviceMAC(key.mac), !routers.contains(key.mac), let id = assetByMAC[key.mac] { return id }
        if Self.isDeviceIP(key.ip), let id = assetByIP[key.ip] { return id }
        if key.ip.isUnspecified, Self.isDeviceMAC(key.mac), let id = assetByMAC[key.mac] { return id }
        return nil
    }

    /// The asset a fact's subject names: by MAC when only a MAC is known, by IP when only an IP is.
    func asset(ofSubject key: EndpointKey) -> Int? {
        if key.ip.isUnspecified {
            return Self.isDeviceMAC(key.mac) ? assetByMAC[key.mac] : nil
        }
        return asset(of: key)
    }
}
