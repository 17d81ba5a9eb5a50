import Foundation
import PacketLayers
import Testing

@testable import AssetInventory

/// The JSON of a large inventory is written in two halves on two threads and joined: the joined
/// text must be exactly the one-writer array of every asset's object, in order.
@Suite("Inventory JSON")
struct InventoryJSONTests {
    static func assets(_ count: Int) -> [Asset] {
        (0..<count).map { index in
            var asset = Asset(id: "ip:10.\(index >> 16).\((index >> 8) & 255).\(index & 255)")
            asset.ips = [IPAddress(ipv4: 0x0A00_0000 | UInt32(index))]
            if index % 3 == 0 { asset.macs = [MACAddress(rawValue: 0x0000_1B1B_0000_0000 | UInt64(index))] }
            asset.names =
                index % 5 == 0 ? [AssetName(name: "plc-\(index) \"quoted\"", source: "dns", confidence: .high)] : []
            asset.identity.vendor = index % 7 == 0 ? "Vendor \(index)" : nil
            asset.role = index % 2 == 0 ? .controller : .unknown
            asset.firstSeen = Int64(index) * 1_000_000_000
            asset.lastSeen = Int64(index) * 2_000_000_000
            return asset
        }
    }

    @Test("two halves joined equal one array", arguments: [0, 1, 1023, 1024, 1025, 4001])
    func halvesJoined(count: Int) throws {
        var inventory = Inventory()
        inventory.assets = Self.assets(count)
        let text = InventoryFormatter.json(inventory)
        #expect(text == "[" + inventory.assets.map(InventoryFormatter.json).joined(separator: ",") + "]")
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        #expect(parsed?.count == count)
        #expect(parsed?.last?["id"] as? String == inventory.assets.last?.id)
    }
}
