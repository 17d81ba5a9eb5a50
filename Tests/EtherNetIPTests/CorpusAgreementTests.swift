import EtherNetIP
import Foundation
import Monitor
import Testing

/// Per capture: our (frame, protocol, function) multiset against tshark's `enip.command` / `cip.sc`.
/// Floors below 0.995 are documented in KNOWN_DIFFERENCES.md.
@Suite struct EtherNetIPCorpusAgreementTests {
    static let captures = Corpus.referenceCaptures

    /// Achieved floors where tshark and we legitimately differ (see KNOWN_DIFFERENCES.md).
    static let floors: [String: (recall: Double, precision: Double)] = [:]

    @Test(arguments: captures)
    func agreesWithTshark(_ name: String) throws {
        let capture = Corpus.root.appending(path: name)
        guard FileManager.default.fileExists(atPath: capture.path) else { return }
        let reference = Corpus.reference(Corpus.tsv(for: capture))
        let events = Corpus.events(capture)
        for protocolName in ["enip", "cip"] {
            let agreement = Corpus.agreement(
                reference: reference.filter { $0.key.protocolName == protocolName },
                ours: Corpus.ours(events).filter { $0.key.protocolName == protocolName })
            print(
                "agreement \(name) \(protocolName): recall \(String(format: "%.4f", agreement.recall)) (\(agreement.matched)/\(agreement.reference)) precision \(String(format: "%.4f", agreement.precision)) (\(agreement.matched)/\(agreement.ours))"
            )
            if ProcessInfo.processInfo.environment["ENIP_DIFF"] != nil {
                for key in agreement.missing.prefix(15) {
                    print("  missing frame \(key.frame) \(key.protocolName) 0x\(String(key.function, radix: 16))")
                }
                for key in agreement.extra.prefix(15) {
                    print("  extra   frame \(key.frame) \(key.protocolName) 0x\(String(key.function, radix: 16))")
                }
            }
            let floor = Self.floors[name] ?? (0.995, 0.995)
            #expect(agreement.recall >= floor.recall, "\(name) \(protocolName) recall")
            #expect(agreement.precision >= floor.precision, "\(name) \(protocolName) precision")
        }
    }
}
