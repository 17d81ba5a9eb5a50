import CorpusTestSupport
import Foundation
import Testing

@testable import Detection

@Suite struct SurveillanceRuleSetTests {
    /// ATT&CK for ICS v18.1 technique ids (`../shared/data/attack-ics/ics_techniques.csv`).
    static let knownTechniques: Set<String> = {
        let path = corpusRoot.deletingLastPathComponent().appendingPathComponent("data/attack-ics/ics_techniques.csv")
        let text = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
        // Lines end in CRLF, a single Character in Swift: split on any newline.
        return Set(
            text.split(whereSeparator: \.isNewline).dropFirst().compactMap {
                $0.split(separator: ",").first.map(String.init)
            })
    }()

    @Test func everyRuleHasAUniqueIDARationaleAndKnownTechniques() {
        let rules = BuiltInRules.surveillanceRules
        #expect(rules.count == 20)
        #expect(Self.knownTechniques.count > 80)
        let ids = rules.map(\.descriptor.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(BuiltInRules.all.map(\.descriptor.id)).count == BuiltInRules.all.count)
        for rule in rules {
            let descriptor = rule.descriptor
            #expect(!descriptor.rationale.isEmpty, "\(descriptor.id)")
            #expect(!descriptor.title.isEmpty, "\(descriptor.id)")
            #expect(!descriptor.techniques.isEmpty, "\(descriptor.id)")
            for technique in descriptor.techniques {
                #expect(Self.knownTechniques.contains(technique), "\(descriptor.id): \(technique)")
            }
        }
    }

    @Test func normalPeerCapturesRaiseNothingAboveLow() {
        let rules = RuleSet(BuiltInRules.surveillanceRules)
        for name in [
            "modbus-normal", "s7-normal", "enip-normal", "opcua-normal", "iec104-normal", "bacnet-normal",
            "mqtt-normal", "dnp3-normal",
        ] {
            let loud = detect([peerCapture(name)], rules: rules).filter { $0.severity >= .medium }
            #expect(loud.isEmpty, "\(name): \(loud.map(\.rule))")
        }
    }
}
