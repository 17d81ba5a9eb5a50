import AssetInventory
import Monitor
import Segmentation
import Testing

/// The inventory's map judged against the zones and the conduits suggested from the normal
/// traffic of `mixed`: every rogue pair into the plant is a finding, every normal pair allowed.
@Suite struct ZonePairFindingTests {
    @Test func rogueCrossingsAreFindingsAndNormalOnesAllowed() throws {
        let zones = try readmeZones()
        let conduits = ConduitSuggester(policy: zones).suggest(try mixedNormalBaseline()).conduits.map(\.entry)
        let policy = zones.with(conduits: conduits)
        let (inventory, _) = CaptureAnalyzer(workers: 2).inventory([mixedCapture], reference: reference)
        let findings = policy.pairFindings(of: inventory)
        let rogueIP = rogue.description
        let ipByID = Dictionary(
            inventory.assets.compactMap { asset in asset.ips.first.map { (asset.id, $0.description) } },
            uniquingKeysWith: { first, _ in first })
        let fromRogue = findings.filter { ipByID[$0.client] == rogueIP }
        #expect(fromRogue.count >= 6)
        #expect(fromRogue.allSatisfy { $0.finding == .noConduit && $0.clientZone == "rogue-segment" })
        let normal = findings.filter { ipByID[$0.client] != rogueIP && ipByID[$0.server] != rogueIP }
        #expect(!normal.isEmpty)
        #expect(normal.allSatisfy { $0.finding == .allowed }, "\(normal.filter { $0.finding != .allowed }.map(\.text))")
        #expect(findings.allSatisfy { !$0.levelSkip && !$0.operationalToInternet })
    }
}
