import BACnet
import EventModel
import Foundation
import Monitor
import Testing

/// Each corpus capture through the Monitor (BACnet/IP) and, for 802.3 frames, through the Ethernet
/// decoder; the (frame, service) multiset is compared with tshark's reference decoding.
@Suite struct BACnetCorpusTests {
    struct Capture: CustomStringConvertible, Sendable {
        var pcap: String
        var tsv: String
        /// Floors reached (see KNOWN_DIFFERENCES.md where below 0.995).
        var recall: Double
        var precision: Double
        var description: String { pcap }
    }

    static let captures = [
        Capture(
            pcap: "bacnet/bacnet_example.pcap", tsv: "bacnet/bacnet_example.pcap.tshark.tsv", recall: 0.995,
            precision: 0.995),
        Capture(
            pcap: "bacnet/bacnet_services.pcap", tsv: "bacnet/bacnet_services.pcap.tshark.tsv", recall: 0.995,
            precision: 0.995),
        Capture(
            pcap: "bacnet/bacnet_test.pcap", tsv: "bacnet/bacnet_test.pcap.tshark.tsv", recall: 0.995, precision: 0.995),
        Capture(
            pcap: "bacnet/bacnet-stack-services.pcap", tsv: "bacnet/bacnet-stack-services.pcap.tshark.tsv",
            recall: 0.995, precision: 0.995),
        Capture(
            pcap: "bacnet/bacnet-properties.pcap", tsv: "bacnet/bacnet-properties.pcap.tshark.tsv", recall: 0.995,
            precision: 0.995),
        Capture(
            pcap: "bacnet/bacnet-ethernet.pcap", tsv: "bacnet/bacnet-ethernet.pcap.tshark.tsv", recall: 0.995,
            precision: 0.995),
        Capture(
            pcap: "peers/bacnet-normal.pcap", tsv: "peers/bacnet-normal.tshark.tsv", recall: 0.995, precision: 0.995),
        Capture(
            pcap: "peers/bacnet-attack.pcap", tsv: "peers/bacnet-attack.tshark.tsv", recall: 0.995, precision: 0.995),
    ]

    /// Our (frame, service) multiset: Monitor events of protocol bacnet plus Ethernet-decoded ones.
    static func ours(_ capture: Capture, includeEthernet: Bool) throws -> [String: Int] {
        var result: [String: Int] = [:]
        let records = Corpus.events(capture.pcap)
        if ProcessInfo.processInfo.environment["BACNET_CORPUS_DUMP"] == "1" {
            for record in records where record.protocolName == "bacnet" { print(capture.pcap, record.jsonLine) }
        }
        for record in records where record.protocolName == "bacnet" {
            if let function = record.function { result["\(record.frame)/\(function)", default: 0] += 1 }
        }
        if includeEthernet {
            for event in try Corpus.ethernetEvents(capture.pcap) where event.function >= 0 {
                result["\(event.frame)/\(event.function)", default: 0] += 1
            }
        }
        return result
    }

    @Test(arguments: captures)
    func servicesMatchTshark(_ capture: Capture) throws {
        let reference = try Corpus.tsharkFunctions(capture.tsv)
        // The Monitor routes BACnet/Ethernet (LLC SAP 0x82) frames to the frame decoder itself now.
        let agreement = Agreement(reference: reference, ours: try Self.ours(capture, includeEthernet: false))
        print("bacnet agreement \(capture.pcap): \(agreement)")
        if !agreement.missing.isEmpty { print("  missing: \(agreement.missing.prefix(20))") }
        if !agreement.extra.isEmpty { print("  extra: \(agreement.extra.prefix(20))") }
        #expect(agreement.recall >= capture.recall)
        #expect(agreement.precision >= capture.precision)
    }
}
