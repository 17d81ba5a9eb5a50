import CorpusTestSupport
import Foundation
import SQLiteStore
import Sensor
import Storage
import Testing

/// The console's paged and counted reads give what filtering, sorting and counting the full
/// lists gave, on the peers plant with its alerts and vulnerability assessment.
@Suite(.serialized)
struct ConsoleQueryStoreTests {
    static var sharedData: String { corpusRoot.deletingLastPathComponent().appendingPathComponent("data").path }
    static var dataAvailable: Bool { FileManager.default.fileExists(atPath: sharedData + "/csaf") }

    /// The plant imported with detection, advisories imported and the inventory assessed.
    static func plantStore() throws -> (store: SQLiteStore, folder: URL) {
        let (store, folder) = try makeStore("console-queries")
        let writer = try StoreWriter(store: store, reference: referenceData)
        let importer = CaptureImporter(writer: writer, workers: 2)
        importer.detection = StoreDetection(rules: .builtIn)
        _ = try importer.importCapture(corpusCapture("peers/mixed.pcap"), force: false)
        _ = try AdvisoryImporter.importPaths([sharedData], into: store)
        try StoreAssessment.run(store: store)
        return (store, folder)
    }

    /// What the console computed in memory before the store did it.
    static func expected(_ assets: [StoredAsset], risks: [String: StoredAssetRisk], _ query: AssetListQuery)
        -> [StoredAsset]
    {
        let filtered = assets.filter { asset in
            if let role = query.role, asset.role != role { return false }
            if let level = query.purdueLevel, asset.purdueLevel != level { return false }
            if let vendor = query.vendor, !(asset.vendor ?? "").lowercased().contains(vendor) { return false }
            if let search = query.search {
                let text = ([asset.id, asset.name ?? "", asset.vendor ?? "", asset.role] + asset.addresses)
                    .joined(separator: " ").lowercased()
                if !text.contains(search) { return false }
            }
            return true
        }
        switch query.sort {
        case .id: return filtered.sorted { $0.id < $1.id }
        case .role: return filtered.sorted { ($0.role, $0.id) < ($1.role, $1.id) }
        case .lastSeen: return filtered.sorted { ($0.lastSeen, $1.id) > ($1.lastSeen, $0.id) }
        case .risk:
            return filtered.sorted { (risks[$0.id]?.score ?? -1, $1.id) > (risks[$1.id]?.score ?? -1, $0.id) }
        }
    }

    @Test(.enabled(if: corpusAvailable && dataAvailable))
    func assetListMatchesTheInMemoryFilter() throws {
        let (store, folder) = try Self.plantStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let assets = try store.assets()
        let risks = Dictionary(uniqueKeysWithValues: try store.assetRisks().map { ($0.assetID, $0) })
        #expect(assets.count == 11)

        var queries: [AssetListQuery] = []
        for sort in AssetListQuery.Sort.allCases {
            var query = AssetListQuery()
            query.sort = sort
            query.limit = 1000
            queries.append(query)
        }
        var plcs = AssetListQuery()
        plcs.role = "plc"
        plcs.limit = 1000
        queries.append(plcs)
        var level1 = AssetListQuery()
        level1.purdueLevel = 1
        level1.sort = .id
        level1.limit = 1000
        queries.append(level1)
        var rockwell = AssetListQuery()
        rockwell.vendor = "rockwell"
        rockwell.limit = 1000
        queries.append(rockwell)
        for search in ["10.77.2.", "plc", "mac:00:80:f4", "zzz-no-such-asset"] {
            var query = AssetListQuery()
            query.search = search
            query.limit = 1000
            queries.append(query)
        }
        for query in queries {
            let page = try store.assetList(query)
            let expected = Self.expected(assets, risks: risks, query)
            #expect(page.assets.map(\.id) == expected.map(\.id), "\(query)")
            #expect(page.total == expected.count, "\(query)")
            #expect(page.assets == expected)
            for asset in page.assets { #expect(page.risks[asset.id] == risks[asset.id]) }
        }
        // The plant's Rockwell controller (PLC-1) is found by its vendor, and search matches its subnet.
        let plc1 = try #require(assets.first { $0.id == "mac:00:80:f4:77:02:10" })
        var byVendor = AssetListQuery()
        byVendor.vendor = try #require(plc1.vendor?.lowercased().split(separator: " ").first.map(String.init))
        #expect(try store.assetList(byVendor).assets.map(\.id).contains(plc1.id))
        var subnet = AssetListQuery()
        subnet.search = "10.77.2."
        #expect(try store.assetList(subnet).total > 0)

        // Paging: pages of 7 put together are the whole ordered list.
        var paged: [String] = []
        var query = AssetListQuery()
        query.limit = 7
        while true {
            let page = try store.assetList(query)
            #expect(page.total == assets.count)
            paged += page.assets.map(\.id)
            if page.assets.count < 7 { break }
            query.offset += 7
        }
        #expect(paged == Self.expected(assets, risks: risks, AssetListQuery()).map(\.id))
    }

    @Test(.enabled(if: corpusAvailable && dataAvailable))
    func singleRowsCountsAndPagesAgreeWithTheFullLists() throws {
        let (store, folder) = try Self.plantStore()
        defer { try? FileManager.default.removeItem(at: folder) }
        let assets = try store.assets()
        let edges = try store.communicationEdges()
        let risks = try store.assetRisks()
        let matches = try store.vulnerabilityMatches(assetID: nil)

        for asset in assets {
            #expect(try store.asset(id: asset.id) == asset)
            let mine = edges.filter { $0.client == asset.id || $0.server == asset.id }
                .sorted { $0.lastSeen > $1.lastSeen }
            #expect(try store.communicationEdges(ofAsset: asset.id, limit: nil) == mine)
            #expect(try store.communicationEdges(ofAsset: asset.id, limit: 2) == Array(mine.prefix(2)))
            #expect(try store.assetRisk(id: asset.id) == risks.first { $0.assetID == asset.id })
            #expect(
                try store.vulnerabilityMatchCount(assetID: asset.id) == matches.filter { $0.assetID == asset.id }.count)
        }
        #expect(try store.asset(id: "mac:00:00:00:00:00:00' OR 1=1 --") == nil)
        #expect(try store.assetRisk(id: "nope") == nil)

        #expect(try store.assetCountsByRole() == (try store.summary().assetsByRole))
        #expect(try store.edgeProtocols() == Set(edges.map(\.protocolName)).sorted())
        let (groups, links) = try store.mapGroups(protocolName: nil, role: nil)
        #expect(groups.reduce(0) { $0 + $1.assets } == assets.count)
        let assetIDs = Set(assets.map(\.id))
        let joined = edges.filter { assetIDs.contains($0.client) && assetIDs.contains($0.server) }
        #expect(links.reduce(0) { $0 + $1.packets } == joined.reduce(0) { $0 + $1.packets })
        #expect(Set(links.flatMap(\.protocols)) == Set(joined.map(\.protocolName)))
        let (modbusGroups, modbusLinks) = try store.mapGroups(protocolName: "modbus", role: nil)
        #expect(!modbusLinks.isEmpty && modbusLinks.allSatisfy { $0.protocols == ["modbus"] })
        #expect(modbusGroups.reduce(0) { $0 + $1.assets } < assets.count)

        var levels: [Int?: Int] = [:]
        for asset in assets { levels[asset.purdueLevel, default: 0] += 1 }
        #expect(try store.assetCountsByLevel() == levels)

        #expect(try store.assetRisks(limit: 8, scoreAbove: nil) == Array(risks.prefix(8)))
        #expect(try store.assetRisks(limit: 200, scoreAbove: 0) == Array(risks.filter { $0.score > 0 }.prefix(200)))
        var levelCounts: [String: Int] = [:]
        for risk in risks { levelCounts[risk.level, default: 0] += 1 }
        #expect(try store.riskLevelCounts() == levelCounts)
        #expect(levelCounts["high", default: 0] > 0)

        #expect(matches.count > 2)
        #expect(try store.vulnerabilityMatchCount(assetID: nil) == matches.count)
        #expect(try store.vulnerableAssetCount() == Set(matches.map(\.assetID)).count)
        #expect(try store.vulnerabilityMatches(assetID: nil, limit: 2, offset: 1) == Array(matches[1..<3]))
        #expect(
            try store.vulnerabilityMatches(assetID: "mac:00:80:f4:77:02:10", limit: 500, offset: 0)
                == (try store.vulnerabilityMatches(assetID: "mac:00:80:f4:77:02:10")))

        var all = AlertQuery()
        all.limit = 5000
        let alerts = try store.alerts(all)
        #expect(alerts.count > 5)
        // The asset filter finds by index (alert_asset) exactly the alerts that name the asset.
        for asset in assets {
            var mine = AlertQuery()
            mine.asset = asset.id
            mine.limit = 5000
            #expect(try store.alerts(mine) == alerts.filter { $0.assets.contains(asset.id) })
        }
        let activity = try store.alertActivity(limit: 5000)
        #expect(activity.map(\.time) == alerts.map(\.lastTime))
        #expect(activity.map(\.severity) == alerts.map(\.severity))
        #expect(try store.alertActivity(limit: 3).count == 3)
    }
}
