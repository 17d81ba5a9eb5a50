import EtherNetIP
import Foundation
import Monitor

/// Locates the shared corpus next to the repository (`<repo>/../shared/corpus`) and compares our
/// events with the tshark reference decodings.
enum Corpus {
    static let repositoryRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let root = repositoryRoot.deletingLastPathComponent().appending(path: "shared/corpus")
    static let enip = root.appending(path: "enip")
    static let peers = root.appending(path: "peers")

    /// The enip captures with a tshark reference, and the peers' EtherNet/IP scenarios.
    static let referenceCaptures: [String] = [
        "enip/EIP-ChangeDateAttempt.pcap", "enip/EIP-ChangeTimeAttempt.pcap",
        "enip/EIP-ControlProtocolChangeAttempt.pcap",
        "enip/EIP-FirmwareChange.pcap", "enip/EIP-IPAddressChangeAttempt.pcap", "enip/EIP-RebootorRestart.pcap",
        "enip/EIP-SoftwareUpload.pcap", "enip/EthernetIP-CIP.pcap", "enip/cip-multiple-1.pcap",
        "enip/cip_stop_plc.pcap",
        "enip/cip_unlock_cpu.pcap", "enip/enip_cip_1.pcap", "enip/enip_cip_example.pcap", "enip/enip_test.pcap",
        "enip/enip_test1.pcap", "enip/set_attribute_single_service_cip.pcapng", "peers/enip-normal.pcap",
        "peers/enip-attack.pcap",
    ]

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: enip.path) }

    static func analyzer() -> CaptureAnalyzer {
        CaptureAnalyzer(workers: 1, registrations: [EtherNetIPProtocol.registration] + ProtocolCatalog.standard)
    }

    static func events(_ capture: URL) -> [EventRecord] {
        analyzer().collectEvents([capture.path]).events
    }

    /// Every capture of the enip folder that has a reference decoding.
    static func enipCaptures() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: enip.path)) ?? []
        return names.filter { $0.hasSuffix(".tshark.tsv") }.sorted().map {
            enip.appending(path: String($0.dropLast(".tshark.tsv".count)))
        }
    }

    struct Key: Hashable, Comparable {
        var frame: UInt64
        var protocolName: String
        var function: Int64
        static func < (a: Key, b: Key) -> Bool {
            (a.frame, a.protocolName, a.function) < (b.frame, b.protocolName, b.function)
        }
    }

    /// tshark's (frame, protocol, function) multiset: `enip.command` → enip, `cip.sc` → cip.
    static func reference(_ tsv: URL) -> [Key: Int] {
        guard let text = try? String(contentsOf: tsv, encoding: .utf8) else { return [:] }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return [:] }
        let header = lines.removeFirst().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let frameIndex = header.firstIndex(of: "frame.number")
        let fields = [("enip.command", "enip"), ("cip.sc", "cip")].compactMap { field, name in
            header.firstIndex(of: field).map { ($0, name) }
        }
        var result: [Key: Int] = [:]
        for line in lines {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard let frameIndex, frameIndex < columns.count, let frame = UInt64(columns[frameIndex]) else { continue }
            for (index, name) in fields where index < columns.count && !columns[index].isEmpty {
                for value in columns[index].split(separator: ",") {
                    let text = value.hasPrefix("0x") ? String(value.dropFirst(2)) : String(value)
                    guard let number = Int64(text, radix: value.hasPrefix("0x") ? 16 : 10) else { continue }
                    result[Key(frame: frame, protocolName: name, function: number), default: 0] += 1
                }
            }
        }
        return result
    }

    static func ours(_ events: [EventRecord]) -> [Key: Int] {
        var result: [Key: Int] = [:]
        for event in events where event.protocolName == "enip" || event.protocolName == "cip" {
            guard let function = event.function else { continue }
            result[Key(frame: event.frame, protocolName: event.protocolName, function: function), default: 0] += 1
        }
        return result
    }

    struct Agreement {
        var matched = 0
        var reference = 0
        var ours = 0
        var missing: [Key] = []
        var extra: [Key] = []
        var recall: Double { reference == 0 ? 1 : Double(matched) / Double(reference) }
        var precision: Double { ours == 0 ? (reference == 0 ? 1 : 0) : Double(matched) / Double(ours) }
    }

    static func agreement(reference: [Key: Int], ours: [Key: Int]) -> Agreement {
        var result = Agreement()
        for (key, count) in reference {
            let mine = ours[key] ?? 0
            result.matched += min(count, mine)
            result.reference += count
            if count > mine { result.missing += Array(repeating: key, count: count - mine) }
        }
        for (key, count) in ours {
            result.ours += count
            let theirs = reference[key] ?? 0
            if count > theirs { result.extra += Array(repeating: key, count: count - theirs) }
        }
        result.missing.sort()
        result.extra.sort()
        return result
    }

    static func tsv(for capture: URL) -> URL {
        if capture.path.contains("/peers/") {
            return capture.deletingPathExtension().appendingPathExtension("tshark.tsv")
        }
        return URL(filePath: capture.path + ".tshark.tsv")
    }
}
