import EtherNetIP
import Foundation
import Monitor
import Testing

/// Over every other capture of the corpus (other protocols, mixed traffic, fuzzed files), we must not
/// report EtherNet/IP or CIP where tshark sees none, and must agree where it does (peers/mixed.pcap).
@Suite struct EtherNetIPCorpusPrecisionTests {
    static func otherCaptures() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: Corpus.root.path) else { return [] }
        var result: [String] = []
        while let path = walker.nextObject() as? String {
            guard path.hasSuffix(".tshark.tsv"), !path.hasPrefix("enip/"), !path.hasPrefix("bench-src/") else {
                continue
            }
            if path.hasPrefix("peers/enip-") { continue }
            let capture =
                path.hasPrefix("peers/")
                ? String(path.dropLast(".tshark.tsv".count)) + ".pcap" : String(path.dropLast(".tshark.tsv".count))
            if FileManager.default.fileExists(atPath: Corpus.root.appending(path: capture).path) {
                result.append(capture)
            }
        }
        return result.sorted()
    }

    @Test func noFalseEventsElsewhere() throws {
        var totalReference = 0
        var totalOurs = 0
        var totalMatched = 0
        let captures = Self.otherCaptures()
        #expect(captures.count > 50 || !Corpus.isAvailable)
        for name in captures {
            let capture = Corpus.root.appending(path: name)
            let reference = Corpus.reference(Corpus.tsv(for: capture))
            let ours = Corpus.ours(Corpus.events(capture))
            guard !reference.isEmpty || !ours.isEmpty else { continue }
            let agreement = Corpus.agreement(reference: reference, ours: ours)
            print(
                "agreement \(name) enip+cip: recall \(String(format: "%.4f", agreement.recall)) (\(agreement.matched)/\(agreement.reference)) precision \(String(format: "%.4f", agreement.precision)) (\(agreement.matched)/\(agreement.ours))"
            )
            if ProcessInfo.processInfo.environment["ENIP_DIFF"] != nil {
                for key in agreement.missing.prefix(10) {
                    print("  missing frame \(key.frame) \(key.protocolName) 0x\(String(key.function, radix: 16))")
                }
                for key in agreement.extra.prefix(10) {
                    print("  extra   frame \(key.frame) \(key.protocolName) 0x\(String(key.function, radix: 16))")
                }
            }
            totalReference += agreement.reference
            totalOurs += agreement.ours
            totalMatched += agreement.matched
        }
        let recall = totalReference == 0 ? 1 : Double(totalMatched) / Double(totalReference)
        let precision = totalOurs == 0 ? 1 : Double(totalMatched) / Double(totalOurs)
        print("agreement \(captures.count) other captures enip+cip: recall \(recall) precision \(precision)")
        #expect(recall >= 0.995)
        #expect(precision >= 0.995)
    }
}
