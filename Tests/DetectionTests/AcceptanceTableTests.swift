import CorpusTestSupport
import Detection
import Foundation
import Testing

/// The acceptance table in docs/detection.md (between the `acceptance:begin` and
/// `acceptance:end` markers) is the specification: for each capture, the alerts it must yield.
/// This test reads the table and checks every row, so the document cannot drift from the code.
struct AcceptanceRow: Sendable, CustomStringConvertible {
    var capture: String
    var baseline: String?
    /// Rule id → the severity it must have.
    var expected: [(rule: String, severity: Severity)]
    var techniques: [String]
    var description: String { capture }

    static func load() -> [AcceptanceRow] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/detection.md").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let begin = text.range(of: "<!-- acceptance:begin -->"),
            let end = text.range(of: "<!-- acceptance:end -->")
        else { return [] }
        var rows: [AcceptanceRow] = []
        for line in text[begin.upperBound..<end.lowerBound].split(separator: "\n") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 5, cells[1].hasPrefix("`") else { continue }
            let capture = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let baselineCell = cells[2].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            var expected: [(String, Severity)] = []
            for item in cells[3].components(separatedBy: ";") {
                let parts = item.split(separator: ":").map {
                    $0.trimmingCharacters(in: CharacterSet(charactersIn: "` "))
                }
                guard parts.count == 2, let severity = Severity(name: parts[1]) else { continue }
                expected.append((parts[0], severity))
            }
            let techniques = cells[4].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            rows.append(
                AcceptanceRow(
                    capture: capture, baseline: baselineCell == "–" || baselineCell.isEmpty ? nil : baselineCell,
                    expected: expected, techniques: techniques))
        }
        return rows
    }
}

@Suite struct AcceptanceTableTests {
    @Test func theTableIsThereAndNamesKnownRules() {
        let rows = AcceptanceRow.load()
        #expect(rows.count >= 10, "docs/detection.md has no acceptance table")
        let known = Set(RuleSet.builtIn.all.map(\.descriptor.id))
        for row in rows {
            #expect(!row.expected.isEmpty, "\(row.capture): no expected alerts parsed")
            for (rule, _) in row.expected where !rule.hasPrefix("anomaly.") {
                #expect(known.contains(rule), "\(row.capture): \(rule) is not a built-in rule")
            }
        }
    }

    @Test func everyBuiltInRuleIsDocumented() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/detection.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for rule in RuleSet.builtIn.all.map(\.descriptor) {
            #expect(text.contains("| `\(rule.id)` | \(rule.severity.name) |"), "\(rule.id) is not in docs/detection.md")
        }
    }

    @Test(arguments: AcceptanceRow.load())
    func captureYieldsItsAlerts(_ row: AcceptanceRow) throws {
        let alerts = try acceptanceAlerts(
            capture: corpusCapture(row.capture), baseline: row.baseline.map(corpusCapture))
        for (rule, severity) in row.expected {
            let fired = alerts.filter { $0.rule == rule }
            #expect(
                fired.contains { $0.severity == severity },
                "\(row.capture): expected \(rule) at \(severity.name); got \(fired.map { $0.severity.name }) — all: \(alerts.map { "\($0.rule):\($0.severity.name)" })"
            )
        }
        let techniques = Set(alerts.flatMap { $0.techniques })
        for technique in row.techniques {
            #expect(techniques.contains(technique), "\(row.capture): no alert carries \(technique)")
        }
    }
}

/// The alerts of one acceptance row: the built-in rules, plus the anomalies against a baseline
/// learned on another capture when the row names one.
func acceptanceAlerts(capture: String, baseline: String?) throws -> [Alert] {
    guard let baseline else { return detect([capture]) }
    return detect([capture], against: learn([baseline]))
}
