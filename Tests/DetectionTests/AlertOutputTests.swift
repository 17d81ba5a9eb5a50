import Foundation
import Testing

@testable import Detection

/// The end of `palisade detect`: alerts merged from drafts in a fixed order, and JSON lines
/// written in one buffer exactly as `jsonLine` writes each alert.
@Suite struct AlertOutputTests {
    static func alert(_ number: Int, assets: [String] = ["10.0.0.1", "10.0.0.2"], firstTime: Int64? = nil) -> Alert {
        let time = firstTime ?? Int64(number) * 1_000_000_000
        return Alert(
            id: AlertIdentity.id(rule: "test-rule", subject: [String(number)]), firstTime: time,
            lastTime: time + 5, severity: .high, kind: .rule, rule: "test-rule", techniques: ["T0858"],
            assets: assets, summary: "summary \"\(number)\"\n", explanation: "why \(number) é",
            evidence: [
                AlertEvidence(
                    origin: "capture.pcap", frame: UInt64(number + 1), time: time, flow: "tcp a → b",
                    event: #"{"schema":"palisade.event/1","n":\#(number)}"#),
                AlertEvidence(origin: "capture.pcap", frame: 0, time: time + 1, flow: "tcp a → b", note: "flow"),
            ],
            count: UInt64(number + 1))
    }

    static func written(_ alerts: [Alert]) -> String {
        var bytes: [UInt8] = []
        AlertFormatter.writeJSONLines(alerts) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [0, 1, 3, AlertFormatter.parallelFormattingThreshold + 1, 2000])
    func jsonLinesAreTheAlertsJSONLines(count: Int) {
        let alerts = (0..<count).map { Self.alert($0) }
        let expected = alerts.map { AlertFormatter.jsonLine($0) + "\n" }.joined()
        #expect(Self.written(alerts) == expected)
    }

    @Test func draftsOfOneAlertMergeInBucketOrderWhateverTheirOrder() {
        let buckets: [(bucket: Int64, asset: String)] = [(7, "10.0.0.7"), (3, "10.0.0.3"), (5, "10.0.0.5")]
        let judged = buckets.map { entry in
            AlertCorrelator.JudgedDraft(
                bucket: entry.bucket,
                alert: Self.alert(1, assets: ["10.0.0.1", entry.asset], firstTime: entry.bucket * 1_000_000_000))
        }
        let other = AlertCorrelator.JudgedDraft(bucket: 0, alert: Self.alert(2))
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let alerts = AlertCorrelator.combine(order.map { judged[$0] } + [other])
            #expect(alerts.map(\.id) == [Self.alert(2).id, Self.alert(1).id])
            #expect(alerts[1].assets == ["10.0.0.1", "10.0.0.3", "10.0.0.5", "10.0.0.7"])
            #expect(alerts[1].firstTime == 3_000_000_000)
            #expect(alerts[1].count == 6)
        }
    }
}
