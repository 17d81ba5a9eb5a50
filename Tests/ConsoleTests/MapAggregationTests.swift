import Storage
import Testing

@testable import Console

/// The map of a large store is added up in SQL; drawn from those groups it must be the map the
/// console drew from every asset and edge (same nodes, places, links, colours and counts).
@Suite(.enabled(if: ConsoleFixture.shared != nil, "shared corpus not found"))
struct MapAggregationTests {
    static let fixture = ConsoleFixture.shared!

    @Test(
        arguments: [(nil, nil), ("modbus", nil), (nil, "plc"), ("s7comm", "plc"), ("no-such", nil)]
            as [(String?, String?)])
    func groupsDrawTheSameMapAsEveryAsset(protocolName: String?, role: String?) throws {
        let store = Self.fixture.store
        let assets = try store.assets()
        let edges = try store.communicationEdges()
        let direct = MapLayout(assets: assets, edges: edges, protocolName: protocolName, role: role, aggregate: true)
        let (groups, links) = try store.mapGroups(protocolName: protocolName, role: role)
        let summed = MapLayout(groups: groups, links: links)
        #expect(summed.svg() == direct.svg())
        #expect(summed.nodes.map(\.label) == direct.nodes.map(\.label))
        #expect(summed.links.count == direct.links.count)
        if protocolName == nil && role == nil {
            // The plant spans several levels and subnets, joined by links.
            #expect(summed.nodes.count > 3)
            #expect(summed.links.count > 3)
            #expect(groups.reduce(0) { $0 + $1.assets } == assets.count)
        }
        if protocolName == "no-such" { #expect(summed.nodes.isEmpty) }
    }
}
