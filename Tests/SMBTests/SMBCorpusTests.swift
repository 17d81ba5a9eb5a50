import Foundation
import Monitor
import Testing

/// Corpus SMB captures through the whole pipeline, against tshark 4.0.17 (`Fixtures/*.tsv`, made by
/// `Fixtures/make-expected.sh`) and Suricata's smb2-04 test.
@Suite struct SMBCorpusTests {
    static let captures = ["it/smb2_at_schedule.pcap", "bench-src/it-smb2.pcap", "bench-src/it-smb2-small.pcap"]

    static func reference(_ capture: String) throws -> [[String: String]] {
        let name = URL(fileURLWithPath: capture).lastPathComponent
        return try Corpus.table(Corpus.testFolder.appendingPathComponent("Fixtures/\(name).tsv"))
    }

    static func values(_ row: [String: String], _ field: String) -> [String] {
        (row[field] ?? "").split(separator: "|").map(String.init)
    }

    /// (frame, command, request/response) multisets equal tshark's `smb2.cmd`/`smb2.flags.response`
    /// and `smb.cmd`.
    @Test(arguments: captures)
    func commandsMatchTshark(_ capture: String) throws {
        var expected: [String: Int] = [:]
        for row in try Self.reference(capture) {
            let frame = row["frame.number"] ?? ""
            let responses = Self.values(row, "smb2.flags.response")
            for (index, command) in Self.values(row, "smb2.cmd").enumerated() {
                let direction = index < responses.count && responses[index] == "1" ? "response" : "request"
                expected["\(frame)/\(command)/\(direction)", default: 0] += 1
            }
            for command in Self.values(row, "smb.cmd") {
                expected["\(frame)/smb1:\(Int(command.dropFirst(2), radix: 16) ?? -1)", default: 0] += 1
            }
        }
        var ours: [String: Int] = [:]
        for event in Corpus.events(capture) where event.protocolName == "smb" {
            let function = event.function ?? -1
            let key =
                event.functionName.hasPrefix("SMB_COM")
                ? "\(event.frame)/smb1:\(function)" : "\(event.frame)/\(function)/\(event.direction)"
            ours[key, default: 0] += 1
        }
        #expect(ours == expected)
    }

    /// Share paths of TREE_CONNECT requests and file names of CREATE requests equal tshark's.
    @Test(arguments: captures)
    func sharesAndFileNamesMatchTshark(_ capture: String) throws {
        let events = Corpus.events(capture).filter { $0.protocolName == "smb" && $0.direction == "request" }
        var checked = 0
        for row in try Self.reference(capture) {
            let frame = UInt64(row["frame.number"] ?? "") ?? 0
            let commands = Self.values(row, "smb2.cmd")
            guard Self.values(row, "smb2.flags.response").allSatisfy({ $0 == "0" }) else { continue }
            for (field, command) in [("smb2.tree", 3), ("smb2.filename", 5)] where commands == ["\(command)"] {
                let expected = Self.values(row, field).first ?? ""
                let ours = events.first { $0.frame == frame && $0.function == Int64(command) }?.targetText
                // tshark names the root directory "" and the tree of a CREATE with smb2.tree too.
                if field == "smb2.filename", expected == "<share>" { continue }
                #expect(ours == expected, "frame \(frame)")
                checked += 1
            }
        }
        #expect(checked > 0)
    }

    /// NTLM: the AUTHENTICATE's user, domain and workstation (tshark prints "NULL" for empty
    /// strings), the CHALLENGE's NetBIOS/DNS names and version.
    @Test(arguments: captures)
    func ntlmIdentityMatchesTshark(_ capture: String) throws {
        let events = Corpus.events(capture).filter { $0.protocolName == "smb" && $0.function == 1 }
        for row in try Self.reference(capture) {
            let frame = UInt64(row["frame.number"] ?? "") ?? 0
            guard let event = events.first(where: { $0.frame == frame }) else { continue }
            if let user = Self.values(row, "ntlmssp.auth.username").first {
                func expected(_ field: String) -> String? {
                    let value = Self.values(row, field).first ?? "NULL"
                    return value == "NULL" ? nil : value
                }
                #expect(event.identity["account"] == expected("ntlmssp.auth.username"), "frame \(frame) \(user)")
                #expect(event.identity["domain"] == expected("ntlmssp.auth.domain"), "frame \(frame)")
                #expect(event.identity["name"] == expected("ntlmssp.auth.hostname"), "frame \(frame)")
            }
            for field in [
                "ntlmssp.challenge.target_info.nb_computer_name", "ntlmssp.challenge.target_info.nb_domain_name",
                "ntlmssp.challenge.target_info.dns_computer_name", "ntlmssp.challenge.target_info.dns_domain_name",
            ] {
                for value in Self.values(row, field) {
                    #expect(event.jsonLine.contains("\"\(value)\""), "frame \(frame) \(field)")
                }
            }
            if Self.values(row, "ntlmssp.messagetype") == ["0x00000002"],
                let major = Self.values(row, "ntlmssp.version.major").first,
                let minor = Self.values(row, "ntlmssp.version.minor").first,
                let build = Self.values(row, "ntlmssp.version.build_number").first
            {
                #expect(event.identity["os"] == "Windows \(major).\(minor) build \(build)", "frame \(frame)")
            }
        }
    }

    /// NEGOTIATE responses name tshark's `smb2.dialect`.
    @Test(arguments: captures)
    func dialectsMatchTshark(_ capture: String) throws {
        let names = ["0x0202": "2.0.2", "0x0210": "2.1", "0x0300": "3.0", "0x0302": "3.0.2", "0x0311": "3.1.1"]
        let events = Corpus.events(capture).filter { $0.protocolName == "smb" && $0.function == 0 }
        for row in try Self.reference(capture) where Self.values(row, "smb2.flags.response") == ["1"] {
            guard Self.values(row, "smb2.cmd") == ["0"], let dialect = Self.values(row, "smb2.dialect").first else {
                continue
            }
            let frame = UInt64(row["frame.number"] ?? "") ?? 0
            #expect(events.first { $0.frame == frame }?.targetText == names[dialect], "frame \(frame)")
        }
    }

    /// Suricata-verify smb2-04: CREATE of "atsvc" answered STATUS_SUCCESS, a WRITE answered
    /// STATUS_SUCCESS (the DCERPC bind to the task scheduler).
    @Test func atScheduleMatchesSuricata() {
        let events = Corpus.events("it/smb2_at_schedule.pcap").filter { $0.protocolName == "smb" }
        #expect(
            events.contains {
                $0.function == 5 && $0.direction == "response" && $0.targetText == "atsvc" && $0.resultStatus == .ok
            })
        #expect(events.contains { $0.function == 9 && $0.direction == "response" && $0.resultStatus == .ok })
        #expect(events.contains { $0.function == 9 && $0.direction == "request" && $0.operation == "write" })
    }
}
