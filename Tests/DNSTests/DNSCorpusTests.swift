import EventModel
import Foundation
import Monitor
import Testing

/// Corpus captures holding DNS, mDNS, LLMNR or NBNS, through the Monitor, compared with tshark
/// 4.0.17. `it/` TSVs come with the corpus; `Fixtures/<capture>.tsv` were made with
/// `tshark -n -r CAPTURE -Y 'dns||nbns||llmnr||mdns' -T fields -E header=y -E occurrence=a
/// -E aggregator=, -e frame.number -e frame.protocols -e dns.qry.name -e dns.qry.type
/// -e dns.flags.response -e dns.flags.rcode -e nbns.name -e nbns.flags.opcode -e nbns.flags.response`.
@Suite struct DNSCorpusTests {
    struct Capture: CustomStringConvertible, Sendable {
        var pcap: String
        var tsv: String
        var inCorpus = false
        /// Floor reached; below 0.995 only where KNOWN_DIFFERENCES.md explains it.
        var floor = 0.995
        var description: String { pcap }
    }

    static let captures = [
        Capture(pcap: "it/ssh_hassh.pcap", tsv: "it/ssh_hassh.pcap.tshark.tsv", inCorpus: true),
        Capture(pcap: "it/ssh_hassh.pcap", tsv: "ssh_hassh.pcap.tsv"),
        Capture(pcap: "bench-src/it-dns-edns.pcap", tsv: "it-dns-edns.pcap.tsv"),
        Capture(pcap: "other-ics/crimson/crimson_v3_getversion.pcap", tsv: "crimson_v3_getversion.pcap.tsv"),
        Capture(pcap: "modbus/modbusSmall.pcap", tsv: "modbusSmall.pcap.tsv"),
        Capture(pcap: "other-ics/bsap/bsap-ip_example.pcap", tsv: "bsap-ip_example.pcap.tsv"),
        Capture(pcap: "profinet/profinet_io_cm_mixed_1.pcap", tsv: "profinet_io_cm_mixed_1.pcap.tsv"),
        Capture(pcap: "profinet/pn_ptcp.pcap", tsv: "pn_ptcp.pcap.tsv"),
        Capture(pcap: "profinet/Profinet_Failed.pcap", tsv: "Profinet_Failed.pcap.tsv"),
        Capture(pcap: "enip/enip_cip_1.pcap", tsv: "enip_cip_1.pcap.tsv"),
        Capture(pcap: "enip/EIP-ControlProtocolChangeAttempt.pcap", tsv: "EIP-ControlProtocolChangeAttempt.pcap.tsv"),
        Capture(pcap: "enip/EIP-IPAddressChangeAttempt.pcap", tsv: "EIP-IPAddressChangeAttempt.pcap.tsv"),
        Capture(pcap: "other-ics/beckhoff-ads/ads_addroute.pcapng", tsv: "ads_addroute.pcapng.tsv"),
        Capture(pcap: "other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap", tsv: "Sample_File_MMS_and_GOOSE.pcap.tsv"),
        Capture(
            pcap: "opcua/open62541_client-server_mainloop.pcap", tsv: "open62541_client-server_mainloop.pcap.tsv",
            floor: 0),
        Capture(pcap: "s7comm/s71500-normal.pcapng", tsv: "s71500-normal.pcapng.tsv"),
    ]

    static let family: Set<String> = ["dns", "mdns", "llmnr", "nbns"]

    /// The DNS-family protocol tshark saw last in `frame.protocols`.
    static func protocolName(_ protocols: String) -> String? {
        protocols.split(separator: ":").last(where: { family.contains(String($0)) }).map(String.init)
    }

    /// PDUs per (frame, protocol) agree; functions (first question type, NBNS opcode), first
    /// question names and rcodes equal tshark's.
    @Test(arguments: captures)
    func messagesMatchTshark(_ capture: Capture) throws {
        let url =
            capture.inCorpus
            ? Corpus.root.appending(path: capture.tsv) : Corpus.testFolder.appending(path: "Fixtures/\(capture.tsv)")
        let rows = try Corpus.tsv(url)
        let records = Corpus.events(capture.pcap).filter { Self.family.contains($0.protocolName) }
        var reference: [String: Int] = [:]
        for row in rows {
            guard let name = Self.protocolName(row["frame.protocols"] ?? "") else { continue }
            reference["\(row["frame.number"] ?? "")/\(name)", default: 0] += 1
        }
        var ours: [String: Int] = [:]
        for record in records { ours["\(record.frame)/\(record.protocolName)", default: 0] += 1 }
        let agreement = Agreement(reference: reference, ours: ours)
        print("dns agreement \(capture.pcap) vs \(capture.tsv): \(agreement)")
        if !agreement.missing.isEmpty { print("  missing: \(agreement.missing.prefix(20))") }
        if !agreement.extra.isEmpty { print("  extra: \(agreement.extra.prefix(20))") }
        #expect(agreement.recall >= capture.floor)
        #expect(agreement.precision >= capture.floor)

        let byFrame = Dictionary(grouping: records, by: \.frame)
        var checked = 0
        var same = 0
        for row in rows {
            guard let frame = UInt64(row["frame.number"] ?? ""), let record = byFrame[frame]?.first,
                let name = Self.protocolName(row["frame.protocols"] ?? "")
            else { continue }
            let isNBNS = name == "nbns"
            let function =
                isNBNS ? row["nbns.flags.opcode"] : row["dns.qry.type"]?.split(separator: ",").first.map(String.init)
            // tshark appends the suffix's meaning to NetBIOS names: "NAME<20> (Server service)".
            let questionName = (isNBNS ? row["nbns.name"] : row["dns.qry.name"])?.split(separator: ",").first
                .map { String($0.split(separator: " (").first ?? $0) }
            guard let function, !function.isEmpty else { continue }
            checked += 1
            var agrees = record.function.map(String.init) == function
            if let questionName, !questionName.isEmpty { agrees = agrees && record.targetText.hasPrefix(questionName) }
            if !isNBNS, row["dns.flags.response"] == "1", let rcode = row["dns.flags.rcode"], !rcode.isEmpty {
                agrees = agrees && (rcode == "0" ? record.resultStatus == .ok : record.resultCode == Int64(rcode) ?? -1)
            }
            if agrees {
                same += 1
            } else if checked - same <= 5 {
                print("  differs #\(frame): \(row) vs \(record.jsonLine)")
            }
        }
        print("dns values \(capture.pcap): \(same)/\(checked) agree (function, question name, rcode)")
        #expect(same == checked)
    }

    /// Senders that name themselves: NBNS registrations and LLMNR/mDNS answers about the source.
    @Test func identitiesFromNameServices() {
        let records = Corpus.events("profinet/profinet_io_cm_mixed_1.pcap").filter {
            Self.family.contains($0.protocolName)
        }
        var names: [String: Set<String>] = [:]
        for record in records {
            if let name = record.identity["name"] { names[record.source, default: []].insert(name) }
        }
        print("named senders: \(names)")
        #expect(names["192.168.1.1"] == ["KW-VLIPC"])  // <00> and <20> registrations, one host name
        #expect(names.values.allSatisfy { !$0.contains("WORKGROUP") })  // group names are not the node's
        let domains = Set(records.compactMap { $0.source == "192.168.1.1" ? $0.identity["domain"] : nil })
        #expect(domains == ["WORKGROUP"])
    }

    /// A positive NBNS query response names the host it resolves (tshark: frame 2816, DBLICENSESERVER<20>
    /// at 192.168.10.105, sent by 192.168.10.105 itself).
    @Test func nbnsQueryResponseBinding() {
        let records = Corpus.events("enip/EIP-ControlProtocolChangeAttempt.pcap").filter { $0.frame == 2816 }
        #expect(records.count == 1)
        #expect(records.first?.source == "192.168.10.105")
        #expect(records.first?.identity["name"] == "DBLICENSESERVER")
    }

    /// Every A, AAAA and reverse PTR record of the DNS responses in three corpus captures becomes a
    /// `name` fact about the address, exactly as tshark lists the records (`Fixtures/dns-bindings.tshark.tsv`,
    /// command in its header).
    @Test(arguments: [
        "bench-src/it-dns-edns.pcap", "other-ics/crimson/crimson_v3_getversion.pcap", "modbus/modbusSmall.pcap",
    ])
    func addressRecordsBecomeBindings(_ capture: String) throws {
        let text = try String(
            contentsOf: Corpus.testFolder.appending(path: "Fixtures/dns-bindings.tshark.tsv"), encoding: .utf8)
        var expected: [UInt64: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("capture\t") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5, fields[0] == capture, let frame = UInt64(fields[1]) else { continue }
            let (owner, type, value) = (fields[2], fields[3], fields[4])
            if type == "PTR" {
                // d.c.b.a.in-addr.arpa → a.b.c.d
                let octets = owner.split(separator: ".").prefix(4).reversed().joined(separator: ".")
                expected[frame, default: []].append("\(octets) name=\(value)")
            } else {
                expected[frame, default: []].append("\(value) name=\(owner)")
            }
        }
        #expect(!expected.isEmpty)
        let records = Corpus.events(capture).filter { Self.family.contains($0.protocolName) }
        var ours: [UInt64: [String]] = [:]
        for record in records where !record.relatedIdentity.isEmpty {
            ours[record.frame, default: []] += record.relatedIdentity.map { "\($0.subject) \($0.key)=\($0.value)" }
        }
        #expect(ours.keys.sorted() == expected.keys.sorted())
        for (frame, facts) in expected { #expect(ours[frame] == facts, "frame \(frame)") }
        print("dns bindings \(capture): \(expected.values.map(\.count).reduce(0, +)) facts in \(expected.count) frames")
    }
}
