import DNP3
import EventModel
import Foundation
import Monitor
import Testing

/// Field checks against the peers' logs in the corpus: Zeek's dnp3.log (function codes and IIN),
/// ICSNPP's dnp3_control.log / dnp3_objects.log (CROB indexes, object ranges) and suricata-verify's
/// expected eve records (function codes, first object group and variation).
@Suite(.serialized) struct DNP3PeerLogTests {
    /// Zeek's function code names (zeek/src/analyzer/protocol/dnp3/consts.bif).
    static let zeekFunctionCodes: [String: Int64] = [
        "CONFIRM": 0, "READ": 1, "WRITE": 2, "SELECT": 3, "OPERATE": 4, "DIRECT_OPERATE": 5, "DIRECT_OPERATE_NR": 6,
        "IMMED_FREEZE": 7, "IMMED_FREEZE_NR": 8, "FREEZE_CLEAR": 9, "FREEZE_CLEAR_NR": 10, "FREEZE_AT_TIME": 11,
        "FREEZE_AT_TIME_NR": 12, "COLD_RESTART": 13, "WARM_RESTART": 14, "INITIALIZE_DATA": 15,
        "INITIALIZE_APPL": 16, "START_APPL": 17, "STOP_APPL": 18, "SAVE_CONFIG": 19, "ENABLE_UNSOLICITED": 20,
        "DISABLE_UNSOLICITED": 21, "ASSIGN_CLASS": 22, "DELAY_MEASURE": 23, "RECORD_CURRENT_TIME": 24,
        "OPEN_FILE": 25, "CLOSE_FILE": 26, "DELETE_FILE": 27, "GET_FILE_INFO": 28, "AUTHENTICATE_FILE": 29,
        "ABORT_FILE": 30, "ACTIVATE_CONFIG": 31, "AUTHENTICATE_REQ": 32, "AUTHENTICATE_ERR": 33,
        "RESPONSE": 129, "UNSOLICITED_RESPONSE": 130, "AUTHENTICATE_RESP": 131,
    ]

    /// Rows of a Zeek TSV log as column → value.
    static func zeekRows(_ path: String) -> [[String: String]] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        var fields: [String] = []
        var rows: [[String: String]] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("#fields") {
                fields = line.split(separator: "\t").dropFirst().map(String.init)
            } else if !line.hasPrefix("#") {
                let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                rows.append(Dictionary(zip(fields, cells), uniquingKeysWith: { first, _ in first }))
            }
        }
        return rows
    }

    static func zeekLogs(suffix: String) -> [(capture: String, log: String)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: DNP3Corpus.dnp3Folder.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().compactMap { log in
            let capture = String(log.dropLast(suffix.count)) + ".pcap"
            guard names.contains(capture) else { return nil }
            return (
                DNP3Corpus.dnp3Folder.appending(path: capture).path, DNP3Corpus.dnp3Folder.appending(path: log).path
            )
        }
    }

    struct Reply: Hashable {
        var function: Int64
        var iin: Int64
    }

    /// Zeek logs a request/reply pair per reply: every request and every (reply, IIN) it logged must
    /// be among ours (Zeek overwrites unanswered requests, so we may have more requests).
    @Test func zeekFunctionCodesAndIINAreOurs() throws {
        try #require(DNP3Corpus.isAvailable)
        let logs = Self.zeekLogs(suffix: ".zeek-dnp3.log")
        #expect(logs.count >= 9)
        for (capture, log) in logs {
            let events = DNP3Corpus.events(capture).filter { $0.protocolName == "dnp3" }
            var ourRequests: [Int64: Int] = [:]
            var ourReplies: [Reply: Int] = [:]
            for event in events {
                guard let function = event.function else { continue }
                if event.direction == "request" || event.direction == "broadcast" {
                    ourRequests[function, default: 0] += 1
                } else {
                    ourReplies[Reply(function: function, iin: event.resultCode), default: 0] += 1
                }
            }
            var zeekRequests: [Int64: Int] = [:]
            var zeekReplies: [Reply: Int] = [:]
            for row in Self.zeekRows(log) {
                if let name = row["fc_request"], name != "-" {
                    let code = try #require(Self.zeekFunctionCodes[name], "unknown Zeek name \(name)")
                    zeekRequests[code, default: 0] += 1
                }
                if let name = row["fc_reply"], name != "-", let iin = row["iin"].flatMap({ Int64($0) }) {
                    let code = try #require(Self.zeekFunctionCodes[name], "unknown Zeek name \(name)")
                    zeekReplies[Reply(function: code, iin: iin), default: 0] += 1
                }
            }
            let name = URL(filePath: capture).lastPathComponent
            print(
                "dnp3 zeek \(name): requests zeek \(zeekRequests.values.reduce(0, +)) ours \(ourRequests.values.reduce(0, +)); replies zeek \(zeekReplies.values.reduce(0, +)) ours \(ourReplies.values.reduce(0, +))"
            )
            for (code, count) in zeekRequests {
                #expect(
                    (ourRequests[code] ?? 0) >= count,
                    "\(name): request \(code) zeek \(count) ours \(ourRequests[code] ?? 0)")
            }
            for (reply, count) in zeekReplies {
                #expect(
                    (ourReplies[reply] ?? 0) >= count,
                    "\(name): reply \(reply.function) IIN \(reply.iin) zeek \(count) ours \(ourReplies[reply] ?? 0)")
            }
        }
    }

    /// ICSNPP dnp3_control.log: each CROB a master sent (function, point index) is a request of ours
    /// whose target is g12 and covers that index.
    @Test func icsnppControlBlocksAreOurTargets() throws {
        let logs = Self.zeekLogs(suffix: ".zeek-dnp3_control.log")
        try #require(!logs.isEmpty)
        for (capture, log) in logs {
            let events = DNP3Corpus.events(capture).filter { $0.protocolName == "dnp3" && $0.direction == "request" }
            var ours: [String: Int] = [:]
            for event in events where event.targetNumbers[0] == 12 {
                ours["\(event.function ?? -1)/\(event.targetNumbers[2])", default: 0] += 1
            }
            var theirs: [String: Int] = [:]
            for row in Self.zeekRows(log) where row["is_orig"] == "T" {
                let code = try #require(row["function_code"].flatMap { Self.zeekFunctionCodes[$0] })
                theirs["\(code)/\(row["index_number"] ?? "")", default: 0] += 1
            }
            print("dnp3 icsnpp control: \(theirs.values.reduce(0, +)) commands, ours \(ours.values.reduce(0, +))")
            for (key, count) in theirs { #expect((ours[key] ?? 0) >= count, "command \(key)") }
        }
    }

    /// ICSNPP dnp3_objects.log: class 0 polls and the first object range of each integrity response.
    @Test func icsnppObjectRangesAreOurTargets() throws {
        let logs = Self.zeekLogs(suffix: ".zeek-dnp3_objects.log")
        try #require(!logs.isEmpty)
        // Only object types that come first in their fragment here (we report the first header):
        // the class 0 poll and the static binary inputs that open each integrity response.
        let objectTypes: [String: (Int64, Int64)] = ["Class 0 Data": (60, 1), "Binary Input With Status": (1, 2)]
        for (capture, log) in logs {
            let events = DNP3Corpus.events(capture).filter { $0.protocolName == "dnp3" }
            var ours: [String: Int] = [:]
            for event in events {
                let numbers = event.targetNumbers
                ours["\(event.function ?? -1) \(numbers[0]):\(numbers[1]) \(numbers[2])-\(numbers[3])", default: 0] += 1
            }
            var theirs: [String: Int] = [:]
            for row in Self.zeekRows(log) {
                guard let type = row["object_type"].flatMap({ objectTypes[$0] }),
                    let code = row["function_code"].flatMap({ Self.zeekFunctionCodes[$0] })
                else { continue }
                let low = row["range_low"].flatMap { Int64($0) } ?? -1
                let high = row["range_high"].flatMap { Int64($0) } ?? -1
                theirs["\(code) \(type.0):\(type.1) \(low)-\(high)", default: 0] += 1
            }
            #expect(!theirs.isEmpty)
            for (key, count) in theirs { #expect((ours[key] ?? 0) >= count, "objects \(key): ours \(ours[key] ?? 0)") }
        }
    }

    /// suricata-verify: every expected dnp3 record (type, function code, first object) is among ours.
    @Test func suricataRecordsAreOurs() throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: DNP3Corpus.dnp3Folder.path)) ?? []
        let tests = names.filter { $0.hasSuffix(".test.yaml") }.sorted()
        try #require(!tests.isEmpty)
        for test in tests {
            guard let capture = names.first(where: { $0.hasSuffix(".pcap") && test.hasPrefix($0.dropLast(5) + ".") }),
                let text = try? String(
                    contentsOfFile: DNP3Corpus.dnp3Folder.appending(path: test).path, encoding: .utf8)
            else { continue }
            let events = DNP3Corpus.events(DNP3Corpus.dnp3Folder.appending(path: capture).path)
                .filter { $0.protocolName == "dnp3" }
            for block in text.components(separatedBy: "- filter:").dropFirst() {
                var fields: [String: String] = [:]
                for line in block.split(separator: "\n") {
                    let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    if parts.count == 2 { fields[parts[0]] = parts[1] }
                }
                guard fields["event_type"] == "dnp3", let count = fields["count"].flatMap({ Int($0) }) else { continue }
                let matching = events.filter { event in
                    if let type = fields["dnp3.type"] {
                        let isRequest = event.direction == "request" || event.direction == "broadcast"
                        if (type == "request") != isRequest { return false }
                    }
                    if let code = fields["dnp3.application.function_code"].flatMap({ Int64($0) }),
                        event.function != code
                    {
                        return false
                    }
                    if let group = fields["dnp3.application.objects[0].group"].flatMap({ Int64($0) }),
                        event.targetNumbers[0] != group
                    {
                        return false
                    }
                    if let variation = fields["dnp3.application.objects[0].variation"].flatMap({ Int64($0) }),
                        event.targetNumbers[1] != variation
                    {
                        return false
                    }
                    return true
                }
                #expect(matching.count >= count, "\(test): \(fields)")
            }
        }
    }
}
