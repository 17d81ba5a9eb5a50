import PacketLayers
import Testing

@testable import AssetInventory
@testable import Detection

/// The directory that judging asks for roles and names, by address value.
@Suite struct AssetDirectoryTests {
    private func asset(_ id: String, role: AssetRole, ips: [String], macs: [String], firstSeen: Int64) -> Asset {
        var asset = Asset(id: id)
        asset.role = role
        asset.ips = ips.compactMap { IPAddress($0) }
        asset.macs = macs.compactMap { MACAddress($0) }
        asset.firstSeen = firstSeen
        asset.roleReasons = ["because \(id)"]
        return asset
    }

    private func ip(_ text: String) throws -> Endpoint { .ip(try #require(IPAddress(text))) }
    private func mac(_ text: String) throws -> Endpoint { .mac(try #require(MACAddress(text))) }

    private var directory: AssetDirectory {
        var inventory = Inventory()
        inventory.assets = [
            asset(
                "mac:00:1d:9c:00:00:01", role: .controller, ips: ["10.0.0.5"], macs: ["00:1d:9c:00:00:01"],
                firstSeen: 50),
            // Claims the PLC's MAC too (a second listing): the first asset keeps the MAC.
            asset(
                "mac:00:1d:9c:00:00:02", role: .hmi, ips: ["10.0.0.6", "fd00::6"],
                macs: ["00:1d:9c:00:00:02", "00:1d:9c:00:00:01"], firstSeen: 20),
            // Lists the HMI's IP again: the last asset listing an IP holds it.
            asset("ip:10.0.0.6", role: .itClient, ips: ["10.0.0.6"], macs: [], firstSeen: 90),
        ]
        return AssetDirectory(inventory)
    }

    @Test func addresses() throws {
        let directory = directory
        #expect(directory.entry(try ip("10.0.0.5"))?.id == "mac:00:1d:9c:00:00:01")
        #expect(directory.entry(try ip("10.0.0.5"))?.role == .controller)
        #expect(directory.entry(try ip("10.0.0.5"))?.roleReasons == ["because mac:00:1d:9c:00:00:01"])
        #expect(directory.entry(try mac("00:1d:9c:00:00:01"))?.id == "mac:00:1d:9c:00:00:01")
        #expect(directory.entry(try mac("00:1d:9c:00:00:02"))?.role == .hmi)
        #expect(directory.entry(try ip("fd00::6"))?.id == "mac:00:1d:9c:00:00:02")
        #expect(directory.entry(try ip("10.0.0.6"))?.id == "ip:10.0.0.6")
        #expect(directory.entry(try ip("10.0.0.7")) == nil)
        #expect(directory.entry(try mac("00:1d:9c:00:00:03")) == nil)
        #expect(directory.observationStart == 20)
    }

    @Test func subnetRoles() throws {
        let directory = directory
        #expect(directory.subnet(of: try ip("10.0.0.200"), holdsOneOf: [.controller]))
        #expect(directory.subnet(of: try ip("10.0.0.1"), holdsOneOf: [.controller]))
        #expect(!directory.subnet(of: try ip("10.0.1.5"), holdsOneOf: [.controller]))
        #expect(directory.subnet(of: try ip("fd00::99"), holdsOneOf: [.hmi]))
        #expect(!directory.subnet(of: try mac("00:1d:9c:00:00:01"), holdsOneOf: [.controller]))
    }
}
