import AssetInventory
import Monitor
import PacketLayers
import Segmentation
import Testing

@Suite struct ZoneSuggestionTests {
    @Test func mixedCaptureGivesTheReadmeSubnets() throws {
        let (inventory, _) = CaptureAnalyzer(workers: 2).inventory([mixedCapture], reference: reference)
        let (zones, publicAddresses) = ZoneSuggester().suggest(inventory)
        #expect(publicAddresses.isEmpty)
        #expect(
            zones.map { $0.entry.networks.map(\.description) } == [
                ["10.77.1.0/24"], ["10.77.2.0/24"], ["10.77.3.0/24"], ["10.77.9.0/24"],
            ])
        #expect(zones.map(\.entry.name) == ["supervisory", "control", "operations", "supervisory-10-77-9-0-24"])
        #expect(zones.map(\.entry.purdueLevel) == [2, 1, 2, 2])
        #expect(zones[1].entry.criticality == .critical)
        // The reasons name the assets and their roles.
        #expect(zones[1].comments.first == "10.77.2.0/24: 5 assets; roles: PLC/controller ×4, RTU ×1")
        #expect(zones[1].comments.contains { $0.hasPrefix("  10.77.2.20 PLC/controller, level 1 (Siemens") })
        #expect(zones[3].comments.contains { $0.hasPrefix("  10.77.9.66 engineering workstation") })
        // The YAML reads back as a policy with the same zones.
        let text = ZonePolicyWriter.yaml(zones: zones, conduits: nil)
        let policy = try ZonePolicyReader.parse(text, file: "suggested.yaml")
        #expect(policy.zones == zones.map(\.entry))
        #expect(policy.zone(of: IPAddress("10.77.2.50")!) == "control")
    }

    @Test func siblingSubnetsOfOneKindMerge() throws {
        var assets: [Asset] = []
        for (index, text) in ["10.1.0.10", "10.1.1.10", "10.1.2.10", "10.1.5.10"].enumerated() {
            var asset = Asset(id: "ip:\(text)")
            asset.ips = [IPAddress(text)!]
            asset.role = index < 3 ? .controller : .hmi
            asset.purdueLevel = index < 3 ? 1 : 2
            assets.append(asset)
        }
        let (zones, _) = ZoneSuggester().suggest(assets: assets)
        // 10.1.0.0/24 + 10.1.1.0/24 are halves of 10.1.0.0/23; 10.1.2.0/24's sibling 10.1.3.0/24 is empty.
        #expect(
            zones.map { $0.entry.networks.map(\.description) } == [["10.1.0.0/23"], ["10.1.2.0/24"], ["10.1.5.0/24"]])
        #expect(zones.map(\.entry.name) == ["control", "control-10-1-2-0-24", "supervisory"])
    }
}
