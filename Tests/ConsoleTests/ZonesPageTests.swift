import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Console

/// The zones page with the README's subnets and one conduit (the HMI's Modbus reads).
@Suite(.enabled(if: ConsoleFixture.shared != nil && ConsoleFixture.zones != nil, "shared corpus not found"))
struct ZonesPageTests {
    @Test func crossingsAreJudgedAgainstTheConduits() async throws {
        let fixture = ConsoleFixture.shared!
        try await fixture.application().test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(fixture.tokens[.viewer]!)"]
            let api = try await client.execute(uri: "/api/zones", method: .get, headers: auth)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any]
            #expect(body?["zones"] as? [String] == ["supervisory", "control", "operations", "rogue-segment"])
            let findings = body?["findings"] as? [[String: Any]] ?? []
            let hmiModbus = findings.first {
                $0["client"] as? String == "mac:00:d0:c9:77:01:20" && $0["protocol"] as? String == "modbus"
            }
            #expect(hmiModbus?["finding"] as? String == "allowed")
            let rogue = findings.filter { $0["client_zone"] as? String == "rogue-segment" }
            #expect(rogue.count >= 6)
            #expect(rogue.allSatisfy { $0["finding"] as? String == "no_conduit" })
            let page = String(buffer: try await client.execute(uri: "/zones", method: .get, headers: auth).body)
            #expect(page.contains("hmi-modbus"))
            #expect(page.contains("break the policy"))
            let nft = String(
                buffer: try await client.execute(uri: "/zones/policy?format=nft", method: .get, headers: auth).body)
            #expect(nft.contains("table inet"))
            #expect(nft.contains("10.77.1.0/24"))
        }
        try await fixture.application(zones: nil).test(.router) { client in
            let auth: HTTPFields = [.authorization: "Bearer \(fixture.tokens[.viewer]!)"]
            #expect(try await client.execute(uri: "/api/zones", method: .get, headers: auth).status == .notFound)
            let page = String(buffer: try await client.execute(uri: "/zones", method: .get, headers: auth).body)
            #expect(page.contains("No zones configured"))
        }
    }
}
