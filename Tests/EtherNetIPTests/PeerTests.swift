import EtherNetIP
import Foundation
import Monitor
import Testing

/// Field values against the peers' outputs: ICSNPP (Zeek) logs, suricata-verify expectations, and
/// the ground truth of the peers scenarios (shared/peers/README.md).
@Suite struct EtherNetIPPeerTests {
    /// Data rows of a Zeek TSV log (comment and header lines dropped), split into columns.
    static func zeekRows(_ name: String) -> [[String]] {
        guard let text = try? String(contentsOf: Corpus.enip.appending(path: name), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    static func hex(_ value: Int64?) -> String {
        guard let value, value >= 0 else { return "-" }
        let digits = String(value, radix: 16)
        return "0x" + (digits.count < 2 ? "0" + digits : digits)
    }

    /// ICSNPP cip_identity.log: the ListIdentity reply's identity.
    @Test func icsnppIdentity() throws {
        let rows = Self.zeekRows("enip_cip_example.zeek-cip_identity.log")
        guard let row = rows.first, row.count >= 23 else { return }
        let events = Corpus.events(Corpus.enip.appending(path: "enip_cip_example.pcap"))
        let identities = events.filter { $0.protocolName == "enip" && !$0.identity.isEmpty }
        #expect(identities.count == 1)
        let identity = try #require(identities.first).identity
        #expect(identity["vendor_id"] == row[14])
        #expect(identity["vendor"] == row[15])
        #expect(identity["device_type"] == row[16])
        #expect(identity["product_code"] == row[18])
        #expect(identity["firmware"] == row[19])
        #expect(identity["serial"] == row[21])
        #expect(identity["product"] == row[22])
    }

    /// ICSNPP cip.log: requests by (service, class, instance), responses by (service, status).
    @Test(arguments: ["enip_cip_example", "set_attribute_single_service_cip"])
    func icsnppCIPLog(_ name: String) throws {
        let rows = Self.zeekRows("\(name).zeek-cip.log").filter { $0.count >= 22 }
        guard !rows.isEmpty else { return }
        let capture = Corpus.enip.appending(path: name + (name.hasPrefix("set_") ? ".pcapng" : ".pcap"))
        var theirs: [String: Int] = [:]
        for row in rows {
            let key =
                row[12] == "request" ? "request \(row[13]) \(row[19]) \(row[21])" : "response \(row[13]) \(row[15])"
            theirs[key, default: 0] += 1
        }
        var ours: [String: Int] = [:]
        for event in Corpus.events(capture) where event.protocolName == "cip" {
            let service = Self.hex(event.function)
            let key =
                event.direction == "request"
                ? "request \(service) \(Self.hex(event.targetNumbers[0])) \(Self.hex(event.targetNumbers[1]))"
                : "response \(service) \(Self.hex(event.resultStatus == .ok ? 0 : event.resultCode))"
            ours[key, default: 0] += 1
        }
        #expect(ours == theirs)
    }

    /// ICSNPP enip.log: one entry per encapsulation PDU with its command and direction.
    @Test(arguments: ["enip_cip_example", "set_attribute_single_service_cip"])
    func icsnppENIPLog(_ name: String) throws {
        let rows = Self.zeekRows("\(name).zeek-enip.log").filter { $0.count >= 16 }
        guard !rows.isEmpty else { return }
        let capture = Corpus.enip.appending(path: name + (name.hasPrefix("set_") ? ".pcapng" : ".pcap"))
        var theirs: [String: Int] = [:]
        for row in rows { theirs["\(row[6] == "T" ? "request" : "response") \(row[11])", default: 0] += 1 }
        var ours: [String: Int] = [:]
        for event in Corpus.events(capture) where event.protocolName == "enip" && event.function != nil {
            ours["\(event.direction == "response" ? "response" : "request") \(Self.hex(event.function))", default: 0] +=
                1
        }
        // ICSNPP also logs the UDP ListIdentity exchange; both sides must agree on every command.
        #expect(ours == theirs)
    }

    /// suricata-verify enip-log-identity: revision "4.3", product and vendor name of the reply.
    @Test func suricataIdentity() throws {
        let events = Corpus.events(Corpus.enip.appending(path: "enip_test1.pcap"))
        let identity = try #require(events.first { !$0.identity.isEmpty }).identity
        #expect(identity["firmware"] == "4.3")
        #expect(identity["product"] == "1756-ENBT/A")
        #expect(identity["vendor"] == "Rockwell Automation/Allen-Bradley")
        #expect(events.filter { $0.protocolName == "enip" }.map(\.function) == [0x63, 0x63])
    }

    /// peers enip-attack: plc3's identity, the broadcast ListIdentity, Write Tag x3 and Reset.
    @Test func peersAttackGroundTruth() throws {
        let capture = Corpus.peers.appending(path: "enip-attack.pcap")
        guard FileManager.default.fileExists(atPath: capture.path) else { return }
        let events = Corpus.events(capture)
        let identity = try #require(events.first { $0.identity["serial"] != nil }).identity
        #expect(identity["vendor_id"] == "1")
        #expect(identity["vendor"] == "Rockwell Automation/Allen-Bradley")
        #expect(identity["device_type"] == "14")
        #expect(identity["product_code"] == "54")
        #expect(identity["firmware"] == "20.11")
        #expect(identity["serial"] == "0x006c061a")
        #expect(identity["product"] == "1756-L61/B LOGIX5561")
        #expect(
            events.contains {
                $0.function == 0x63 && $0.direction == "broadcast" && $0.destination == "255.255.255.255"
            })
        let writes = events.filter { $0.protocolName == "cip" && $0.function == 0x4D && $0.direction == "request" }
        #expect(writes.count == 3)
        #expect(writes.allSatisfy { $0.operation == "write" && $0.source == "10.77.9.66" })
        #expect(Set(writes.map(\.targetText)) == ["Line_Speed", "Tank_Level", "Pump_Run"])
        let resets = events.filter { $0.protocolName == "cip" && $0.function == 0x05 && $0.direction == "request" }
        #expect(resets.count == 2)
        #expect(resets.allSatisfy { $0.operation == "control" && $0.targetNumbers[0] == 1 })
        // Everything dangerous comes from the rogue host.
        let dangerous = events.filter { ["write", "control", "program", "firmware"].contains($0.operation) }
        #expect(dangerous.allSatisfy { $0.source == "10.77.9.66" || $0.destination == "10.77.9.66" })
    }

    /// peers enip-normal: reads of three tags through Unconnected Send, nothing dangerous.
    @Test func peersNormalGroundTruth() throws {
        let capture = Corpus.peers.appending(path: "enip-normal.pcap")
        guard FileManager.default.fileExists(atPath: capture.path) else { return }
        let events = Corpus.events(capture)
        #expect(!events.contains { ["write", "control", "program", "firmware"].contains($0.operation) })
        let reads = events.filter { $0.protocolName == "cip" && $0.function == 0x4C && $0.direction == "request" }
        #expect(Set(reads.map(\.targetText)) == ["Line_Speed", "Tank_Level", "Pump_Run"])
        #expect(reads.allSatisfy { $0.operation == "read" })
        #expect(events.contains { $0.protocolName == "cip" && $0.function == 0x52 && $0.targetNumbers[0] == 6 })
    }

    /// QuickDraw and sample captures: the attack each one shows carries the right operation.
    @Test func attackCapturesCarryTheirOperation() throws {
        func operations(_ name: String) -> [String: Int] {
            var result: [String: Int] = [:]
            for event in Corpus.events(Corpus.enip.appending(path: name)) where event.protocolName == "cip" {
                result[event.operation, default: 0] += 1
            }
            return result
        }
        guard Corpus.isAvailable else { return }
        #expect((operations("EIP-FirmwareChange.pcap")["firmware"] ?? 0) > 10_000)
        #expect((operations("EIP-RebootorRestart.pcap")["control"] ?? 0) >= 2)
        #expect((operations("cip_stop_plc.pcap")["control"] ?? 0) == 1)
        #expect((operations("set_attribute_single_service_cip.pcapng")["write"] ?? 0) == 1)
    }
}

/// tshark's identity columns (`enip.lir.*` for ListIdentity, `cip.id.*` for Identity
/// Get_Attributes_All replies) against our identity facts, frame by frame, on every capture.
@Suite struct EtherNetIPIdentityAgainstTsharkTests {
    static let captures = Corpus.referenceCaptures

    @Test(arguments: captures)
    func identityMatchesTshark(_ name: String) throws {
        let capture = Corpus.root.appending(path: name)
        guard FileManager.default.fileExists(atPath: capture.path),
            let text = try? String(contentsOf: Corpus.tsv(for: capture), encoding: .utf8)
        else { return }
        var lines = text.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        let header = lines.removeFirst()
        func column(_ row: [String], _ field: String) -> String {
            guard let index = header.firstIndex(of: field), index < row.count else { return "" }
            if field.hasSuffix("name") { return row[index] }  // names may hold commas themselves
            return row[index].split(separator: ",").first.map(String.init) ?? ""
        }
        func number(_ text: String) -> Int? { text.hasPrefix("0x") ? Int(text.dropFirst(2), radix: 16) : Int(text) }
        var expected: [UInt64: [String: String]] = [:]
        for row in lines {
            guard let frame = UInt64(row.first ?? "") else { continue }
            if let vendor = number(column(row, "enip.lir.vendor")) {
                let revision = number(column(row, "enip.lir.revision")) ?? 0
                expected[frame] = [
                    "vendor_id": "\(vendor)", "device_type": column(row, "enip.lir.devtype"),
                    "product_code": column(row, "enip.lir.prodcode"), "firmware": "\(revision >> 8).\(revision & 0xFF)",
                    "serial": column(row, "enip.lir.serial"), "product": column(row, "enip.lir.name"),
                ]
            } else if let vendor = number(column(row, "cip.id.vendor_id")) {
                expected[frame] = [
                    "vendor_id": "\(vendor)", "device_type": "\(number(column(row, "cip.id.device_type")) ?? -1)",
                    "product_code": column(row, "cip.id.product_code"), "serial": column(row, "cip.id.serial_number"),
                    "product": column(row, "cip.id.product_name"),
                ]
            }
        }
        guard !expected.isEmpty else { return }
        var found: [UInt64: [String: String]] = [:]
        for event in Corpus.events(capture) where event.identity["vendor_id"] != nil {
            found[event.frame] = event.identity
        }
        for (frame, facts) in expected.sorted(by: { $0.key < $1.key }) {
            let ours = try #require(found[frame], "\(name) frame \(frame): no identity")
            for (key, value) in facts { #expect(ours[key] == value, "\(name) frame \(frame) \(key)") }
        }
        print("identity \(name): \(expected.count) frames agree with tshark")
    }
}
