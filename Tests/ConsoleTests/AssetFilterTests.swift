import Foundation
import HTTPTypes
import HummingbirdTesting
import Storage
import Testing

@testable import Console

/// The asset list's protocol, zone and vendor filters, on the page and through the API.
@Suite(.enabled(if: ConsoleFixture.shared != nil, "shared corpus not found"))
struct AssetFilterTests {
    static let fixture = ConsoleFixture.shared!

    static func ids(_ client: some TestClientProtocol, _ query: String) async throws -> Set<String> {
        let response = try await client.execute(
            uri: "/api/assets?page_size=500&\(query)", method: .get,
            headers: [.authorization: "Bearer \(fixture.tokens[.viewer]!)"])
        #expect(response.status == .ok, "\(query)")
        let page = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
        let items = page?["items"] as? [[String: Any]] ?? []
        #expect(page?["total"] as? Int == items.count)
        return Set(items.compactMap { $0["id"] as? String })
    }

    @Test func protocolZoneAndVendor() async throws {
        let fixture = Self.fixture
        let assets = try fixture.store.assets()
        let edges = try fixture.store.communicationEdges()
        let controlSubnet = Set(assets.filter { $0.addresses.contains { $0.hasPrefix("10.77.2.") } }.map(\.id))
        let rogueSubnet = Set(assets.filter { $0.addresses.contains { $0.hasPrefix("10.77.9.") } }.map(\.id))
        try await fixture.application().test(.router) { client in
            // Protocol: exactly the clients and servers of that protocol's edges.
            for name in ["s7comm", "modbus", "bacnet"] {
                // Broadcast and multicast destinations are map endpoints, not assets.
                let speakers = Set(edges.filter { $0.protocolName == name }.flatMap { [$0.client, $0.server] })
                    .intersection(assets.map(\.id))
                #expect(!speakers.isEmpty)
                let found = try await Self.ids(client, "protocol=\(name)")
                #expect(found == speakers, "\(name)")
            }
            let noProtocol = try await Self.ids(client, "protocol=no-such-protocol")
            #expect(noProtocol.isEmpty)
            // Zone (the fixture's zones are the peers README's subnets): the control subnet holds
            // the four PLCs and the RTU; the rogue's segment holds the rogue alone.
            let control = try await Self.ids(client, "zone=control")
            #expect(control == controlSubnet)
            #expect(control.count == 5)
            let rogue = try await Self.ids(client, "zone=rogue-segment")
            #expect(rogue == rogueSubnet)
            let controlS7 = try await Self.ids(client, "zone=control&protocol=s7comm")
            #expect(!controlS7.isEmpty && controlS7.isSubset(of: control))
            let nowhere = try await Self.ids(client, "zone=nowhere")
            #expect(nowhere.isEmpty)
            // Vendor, compared case-folded.
            let vendor = try #require(assets.compactMap(\.vendor).first)
            let byVendor = Set(assets.filter { $0.vendor == vendor }.map(\.id))
            let folded = vendor.uppercased().addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let found = try await Self.ids(client, "vendor=\(folded)")
            #expect(found.isSuperset(of: byVendor))
        }
        // Without zones, the zone filter takes a /24, as the map groups.
        try await fixture.application(zones: nil).test(.router) { client in
            let subnet = try await Self.ids(client, "zone=10.77.2.0%2F24")
            #expect(subnet == controlSubnet)
        }
    }

    @Test func theFormOffersTheFilters() async throws {
        let fixture = Self.fixture
        try await fixture.application().test(.router) { client in
            let session = try #require(try await BrowserSession.signIn(client, user: "viewer"))
            let page = String(
                buffer: try await client.execute(
                    uri: "/assets?zone=control&protocol=modbus", method: .get, headers: session.headers
                ).body)
            #expect(page.contains("<option selected>control</option>"))
            #expect(page.contains("<option selected>modbus</option>"))
            #expect(page.contains("name=\"vendor\""))
        }
    }
}
