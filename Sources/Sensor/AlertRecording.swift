import Detection
import Foundation
import Storage

extension StoredAlert {
    /// The store's form of an alert; evidence goes in as a JSON array.
    public init(_ alert: Alert) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let evidence = (try? encoder.encode(alert.evidence)).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
        self.init(
            id: alert.id, firstTime: alert.firstTime, lastTime: alert.lastTime, severity: alert.severity.name,
            kind: alert.kind.rawValue, rule: alert.rule, techniques: alert.techniques, assets: alert.assets,
            summary: alert.summary, explanation: alert.explanation, evidenceJSON: evidence, count: alert.count,
            state: alert.state.rawValue)
    }
}

extension Alert {
    /// An alert read back from the store (evidence that does not decode is left out, not fatal).
    public init(_ stored: StoredAlert) {
        let evidence =
            (try? JSONDecoder().decode([AlertEvidence].self, from: Data(stored.evidenceJSON.utf8))) ?? []
        self.init(
            id: stored.id, firstTime: stored.firstTime, lastTime: stored.lastTime,
            severity: Severity(name: stored.severity) ?? .info, kind: AlertKind(rawValue: stored.kind) ?? .rule,
            rule: stored.rule, techniques: stored.techniques, assets: stored.assets, summary: stored.summary,
            explanation: stored.explanation, evidence: evidence, count: stored.count,
            state: AlertState(rawValue: stored.state) ?? .new)
    }
}
