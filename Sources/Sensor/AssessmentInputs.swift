import AssetInventory
import EventModel
import Foundation
import Storage
import Vulnerabilities

/// Inventory assets and edges, from the store or from an in-memory inventory, as the
/// vulnerability assessment reads them.
extension AssessedAsset {
    /// An asset of an in-memory inventory. The MAC's registered vendor stands in when the device
    /// does not name its vendor (S7comm does not).
    public init(asset: Asset) {
        let identity = asset.identity
        func cipNumber(_ key: IdentityKey) -> Int? {
            asset.facts.first { $0.key == key && ($0.protocolName == "cip" || $0.protocolName == "enip") }
                .flatMap { Int($0.value) }
        }
        self.init(
            peer: ExposurePeer(
                id: asset.id, role: asset.role.rawValue, purdueLevel: asset.purdueLevel,
                addresses: asset.ips.map(\.description)),
            identity: Self.deviceIdentity(
                vendor: identity.vendor ?? asset.macVendor, product: identity.product, model: identity.model,
                orderNumber: identity.orderNumber, firmware: identity.firmware, hardware: identity.hardware,
                cipVendorID: cipNumber(.vendorID), cipProductCode: cipNumber(.productCode)),
            identityText: ([identity.product, identity.model, identity.orderNumber, identity.stationName].compactMap {
                $0
            }
                + asset.names.map(\.name)).joined(separator: " "))
    }

    /// A stored asset, read from its JSON (`InventoryFormatter`); nil when the JSON is not an
    /// asset.
    public init?(stored: StoredAsset) {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(stored.json.utf8))) as? [String: Any] else {
            return nil
        }
        let identity = root["identity"] as? [String: Any] ?? [:]
        func text(_ key: String) -> String? {
            (identity[key] as? String).flatMap { $0.isEmpty ? nil : $0 }
        }
        func cipNumber(_ key: String) -> Int? {
            let facts = root["facts"] as? [[String: Any]] ?? []
            return facts.first { ($0["key"] as? String) == key && ["cip", "enip"].contains($0["protocol"] as? String) }
                .flatMap { ($0["value"] as? String).flatMap { Int($0) } }
        }
        let names = (root["names"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        let ips = (root["ips"] as? [String]) ?? []
        self.init(
            peer: ExposurePeer(id: stored.id, role: stored.role, purdueLevel: stored.purdueLevel, addresses: ips),
            identity: Self.deviceIdentity(
                vendor: text("vendor") ?? (root["vendor"] as? String), product: text("product"), model: text("model"),
                orderNumber: text("order_number"), firmware: text("firmware"), hardware: text("hardware"),
                cipVendorID: cipNumber("vendor_id"), cipProductCode: cipNumber("product_code")),
            identityText: ([text("product"), text("model"), text("order_number"), text("station_name")].compactMap {
                $0
            }
                + names).joined(separator: " "))
    }

    static func deviceIdentity(
        vendor: String?, product: String?, model: String?, orderNumber: String?, firmware: String?, hardware: String?,
        cipVendorID: Int?, cipProductCode: Int?
    ) -> DeviceIdentity? {
        guard product != nil || model != nil || orderNumber != nil else { return nil }
        return DeviceIdentity(
            vendor: vendor, product: product, model: model, orderNumber: orderNumber, firmware: firmware,
            hardware: hardware, cipVendorID: cipVendorID, cipProductCode: cipProductCode)
    }
}

extension ExposureEdge {
    public init(stored edge: StoredEdge) {
        self.init(
            client: edge.client, server: edge.server, protocolName: edge.protocolName, serverPort: edge.serverPort,
            operations: edge.operations)
    }

    public init(edge: CommunicationMap.Edge) {
        var operations: [String: UInt64] = [:]
        for operation in Operation.allCases {
            let count = edge.operations[operation]
            if count > 0 { operations[operation.name] = UInt64(count) }
        }
        self.init(
            client: edge.client, server: edge.server, protocolName: edge.protocolName, serverPort: edge.serverPort,
            operations: operations)
    }
}
