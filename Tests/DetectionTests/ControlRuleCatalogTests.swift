import CorpusTestSupport
import Detection
import Foundation
import Testing

/// Every control rule is well formed: a unique id, a rationale, real ATT&CK for ICS techniques.
@Suite struct ControlRuleCatalogTests {
    static let techniques: Set<String> = {
        let path = corpusRoot.deletingLastPathComponent().appendingPathComponent("data/attack-ics/ics_techniques.csv")
        let text = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
        // CRLF lines: "\r\n" is one Character, which `isNewline` matches.
        return Set(
            text.split(whereSeparator: \.isNewline).dropFirst().compactMap {
                $0.split(separator: ",").first.map(String.init)
            })
    }()

    @Test func controlRulesHaveUniqueIDsRationalesAndRealTechniques() {
        #expect(Self.techniques.count > 80)
        let all = RuleSet.builtIn.all.map(\.descriptor.id)
        let control = BuiltInRules.controlRules
        #expect(control.count >= 27)
        for rule in control {
            let descriptor = rule.descriptor
            #expect(all.filter { $0 == descriptor.id }.count == 1, "\(descriptor.id) is not unique")
            #expect(!descriptor.rationale.isEmpty, "\(descriptor.id)")
            #expect(!descriptor.title.isEmpty, "\(descriptor.id)")
            #expect(!descriptor.techniques.isEmpty, "\(descriptor.id)")
            for technique in descriptor.techniques {
                #expect(Self.techniques.contains(technique), "\(descriptor.id): \(technique)")
            }
            #expect(!descriptor.protocols.isEmpty, "\(descriptor.id) runs on every protocol")
        }
    }
}
