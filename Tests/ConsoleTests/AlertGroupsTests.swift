import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import Console

@Suite(.enabled(if: ConsoleFixture.shared != nil, "shared corpus not found"))
struct AlertGroupsTests {
    /// The groups add up to the alerts, one per rule, most severe first.
    @Test func groupsAddUpToTheAlerts() async throws {
        let fixture = ConsoleFixture.shared!
        // Another suite adds a `test.escape` alert to the shared store at any moment: left out.
        let groups = try fixture.store.alertGroups().filter { $0.rule != "test.escape" }
        var query = AlertQuery()
        query.limit = 100_000
        let alerts = try fixture.store.alerts(query).filter { $0.rule != "test.escape" }
        #expect(groups.reduce(0) { $0 + $1.alerts } == alerts.count)
        #expect(Set(groups.map(\.rule)) == Set(alerts.map(\.rule)))
        #expect(groups.reduce(UInt64(0)) { $0 + $1.occurrences } == alerts.reduce(UInt64(0)) { $0 + $1.count })
        let ranks = groups.map { StoredAlert.severities.firstIndex(of: $0.severity) ?? 0 }
        #expect(ranks == ranks.sorted(by: >))
        for group in groups {
            #expect(group.open == alerts.filter { $0.rule == group.rule && $0.state != "closed" }.count)
        }
        let app = fixture.application()
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/api/alert-groups", method: .get, headers: [.authorization: "Bearer \(fixture.tokens[.viewer]!)"])
            let records = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
            let rules = (records ?? []).compactMap { $0["rule"] as? String }.filter { $0 != "test.escape" }
            #expect(rules == groups.map(\.rule))
        }
    }
}
