import PacketLayers
import Segmentation
import Testing

@Suite struct ZoneMapTests {
    let map = ZoneMap(zones: [
        Zone(name: "office", networks: [IPNetwork("10.20.0.0/16")!]),
        Zone(name: "cell", networks: [IPNetwork("10.77.1.0/24")!]),
        Zone(name: "printer", networks: [IPNetwork("10.77.2.255/32")!]),
        Zone(name: "tagged", vlans: [40]),
    ])

    @Test func flowKeysCarryTheInnermostTag() {
        #expect(ZoneMap.vlan(ofFlowKey: 40 << 12) == 40)
        #expect(ZoneMap.vlan(ofFlowKey: 100 << 12 | 40) == 40)
        #expect(ZoneMap.vlan(ofFlowKey: 0) == 0)
        #expect(map.zone(of: IPAddress("192.168.1.1")!, vlan: ZoneMap.vlan(ofFlowKey: 100 << 12 | 40)) == 5)
    }

    @Test func broadcastsStayOnTheSendersLink() {
        let sender = IPAddress("10.77.1.10")!
        #expect(map.isLocalDelivery(from: sender, to: IPAddress("255.255.255.255")!))
        #expect(map.isLocalDelivery(from: sender, to: IPAddress("224.0.0.251")!))
        #expect(map.isLocalDelivery(from: sender, to: IPAddress("10.77.1.255")!))  // the zone's own broadcast
        #expect(map.isLocalDelivery(from: sender, to: IPAddress("10.77.255.255")!))  // a /16 the sender is in
        #expect(!map.isLocalDelivery(from: sender, to: IPAddress("10.77.2.10")!))
        #expect(!map.isLocalDelivery(from: sender, to: IPAddress("10.77.2.255")!))  // not a subnet of the sender
        #expect(!map.isLocalDelivery(from: IPAddress("10.77.2.1")!, to: IPAddress("10.77.2.255")!))  // a declared host
        // A host of the /16.
        #expect(!map.isLocalDelivery(from: IPAddress("10.20.1.1")!, to: IPAddress("10.20.1.255")!))
        #expect(map.isLocalDelivery(from: IPAddress("10.20.1.1")!, to: IPAddress("10.20.255.255")!))
    }

    @Test func publicAndPrivateAddresses() {
        for text in [
            "10.1.1.1", "172.16.0.1", "172.31.255.255", "192.168.0.1", "100.64.0.1", "169.254.1.1", "127.0.0.1",
            "fd12::1", "fe80::1",
        ] {
            #expect(IPAddress(text)!.isNonPublic, "\(text)")
        }
        for text in ["172.32.0.1", "8.8.8.8", "100.128.0.1", "2001:db8::1", "192.169.0.1"] {
            #expect(!IPAddress(text)!.isNonPublic, "\(text)")
        }
    }
}
