import EventModel
import Foundation
import Monitor
import Testing

/// Corpus captures holding DHCP or DHCPv6, through the Monitor, compared with tshark 4.0.17's
/// decoding. `it/` TSVs come with the corpus; for the others `Fixtures/<capture>.tsv` was made with
/// `tshark -n -r CAPTURE -Y 'dhcp||dhcpv6' -T fields -E header=y -E occurrence=a -E aggregator=,
/// -e frame.number -e udp.srcport -e dhcp.option.dhcp -e dhcp.option.hostname
/// -e dhcp.option.vendor_class_id -e dhcp.ip.your -e dhcp.option.requested_ip_address
/// -e dhcpv6.msgtype -e dhcpv6.vendorclass.enterprise`.
@Suite struct DHCPCorpusTests {
    struct Capture: CustomStringConvertible, Sendable {
        var pcap: String
        /// Reference, relative to the corpus (`it/…`) or to `Fixtures/`.
        var tsv: String
        var inCorpus = false
        var description: String { pcap }
    }

    static let captures = [
        Capture(pcap: "it/dhcp_eve_extended.pcap", tsv: "it/dhcp_eve_extended.pcap.tshark.tsv", inCorpus: true),
        Capture(pcap: "it/dhcp_eve_extended.pcap", tsv: "dhcp_eve_extended.pcap.tsv"),
        Capture(pcap: "profinet/profinet_io_cm_mixed_1.pcap", tsv: "profinet_io_cm_mixed_1.pcap.tsv"),
        Capture(pcap: "enip/enip_cip_1.pcap", tsv: "enip_cip_1.pcap.tsv"),
        Capture(pcap: "enip/EIP-FirmwareChange.pcap", tsv: "EIP-FirmwareChange.pcap.tsv"),
        Capture(pcap: "enip/EIP-IPAddressChangeAttempt.pcap", tsv: "EIP-IPAddressChangeAttempt.pcap.tsv"),
        Capture(pcap: "profinet/pn_ptcp.pcap", tsv: "pn_ptcp.pcap.tsv"),
        Capture(pcap: "s7comm/s7_attack.pcap", tsv: "s7_attack.pcap.tsv"),
        Capture(pcap: "other-ics/beckhoff-ads/ads_addroute.pcapng", tsv: "ads_addroute.pcapng.tsv"),
    ]

    static func reference(_ capture: Capture) throws -> [[String: String]] {
        let url =
            capture.inCorpus
            ? Corpus.root.appending(path: capture.tsv) : Corpus.testFolder.appending(path: "Fixtures/\(capture.tsv)")
        return try Corpus.tsv(url)
    }

    /// (frame, protocol, function) multisets agree; host names and vendor classes equal tshark's.
    @Test(arguments: captures)
    func messagesAndIdentityMatchTshark(_ capture: Capture) throws {
        let rows = try Self.reference(capture)
        let records = Corpus.events(capture.pcap).filter { $0.protocolName == "dhcp" || $0.protocolName == "dhcpv6" }
        var reference: [String: Int] = [:]
        for row in rows {
            let frame = row["frame.number"] ?? ""
            if let type = row["dhcp.option.dhcp"], !type.isEmpty { reference["\(frame)/dhcp/\(type)", default: 0] += 1 }
            // tshark lists the relayed messages' types too; the event's function is the outer one.
            if let types = row["dhcpv6.msgtype"], let outer = types.split(separator: ",").first {
                reference["\(frame)/dhcpv6/\(outer)", default: 0] += 1
            }
        }
        var ours: [String: Int] = [:]
        for record in records {
            if let function = record.function {
                ours["\(record.frame)/\(record.protocolName)/\(function)", default: 0] += 1
            }
        }
        let agreement = Agreement(reference: reference, ours: ours)
        print("dhcp agreement \(capture.pcap) vs \(capture.tsv): \(agreement)")
        if !agreement.missing.isEmpty { print("  missing: \(agreement.missing.prefix(20))") }
        if !agreement.extra.isEmpty { print("  extra: \(agreement.extra.prefix(20))") }
        #expect(agreement.recall >= 0.995)
        #expect(agreement.precision >= 0.995)

        // Identity values: tshark's host name and vendor class of each client message.
        let byFrame = Dictionary(grouping: records, by: \.frame)
        var checked = 0
        for row in rows {
            guard let frame = UInt64(row["frame.number"] ?? ""), let record = byFrame[frame]?.first else { continue }
            guard row["udp.srcport"] == "68" else { continue }
            // Client facts are about chaddr, which the target text shows ("chaddr 00:11:…").
            let chaddr = record.targetText.split(separator: " ").drop { $0 != "chaddr" }.dropFirst().first
            let client = record.facts(about: chaddr.map(String.init) ?? "")
            let hostName = row["dhcp.option.hostname"] ?? ""
            #expect(client["name"] ?? "" == hostName, "frame \(frame)")
            let vendorClass = row["dhcp.option.vendor_class_id"] ?? ""
            #expect(client["vendor_class"] ?? "" == vendorClass, "frame \(frame)")
            #expect(record.identity.isEmpty, "frame \(frame)")
            if let requested = row["dhcp.option.requested_ip_address"], !requested.isEmpty {
                #expect(record.targetText.hasPrefix("requested \(requested)"), "frame \(frame)")
            }
            checked += 1
        }
        for row in rows where row["udp.srcport"] == "67" {
            guard let frame = UInt64(row["frame.number"] ?? ""), let record = byFrame[frame]?.first,
                let your = row["dhcp.ip.your"], your != "0.0.0.0", !your.isEmpty
            else { continue }
            #expect(record.targetText.hasPrefix("assigned \(your)"), "frame \(frame)")
            if row["dhcp.option.dhcp"] == "5" {
                #expect(record.relatedIdentity.contains { $0.key == "ip" && $0.value == your }, "frame \(frame)")
            }
        }
        // DHCPv6 clients speak from their own link-local address: vendor class about the sender.
        for row in rows where row["udp.srcport"] == "546" {
            guard let frame = UInt64(row["frame.number"] ?? ""), let record = byFrame[frame]?.first,
                let enterprise = row["dhcpv6.vendorclass.enterprise"], !enterprise.isEmpty
            else { continue }
            let vendorClass = record.identity["vendor_class"] ?? ""
            #expect(vendorClass == enterprise || vendorClass.hasPrefix("\(enterprise):"), "frame \(frame)")
            checked += 1
        }
        print("dhcp identity \(capture.pcap): \(checked) client messages checked")
    }

    /// suricata-verify dhcp_eve_extended: the request names "nas1" with client id and MAC
    /// 00:11:32:17:49:f0, client IP 10.16.1.4 and parameters 1,3,15,6; the ACK assigns 10.16.1.4.
    @Test func suricataEveExtended() {
        let records = Corpus.events("it/dhcp_eve_extended.pcap").filter { $0.protocolName == "dhcp" }
        #expect(records.count == 2)
        guard records.count == 2 else { return }
        let request = records[0]
        let ack = records[1]
        #expect(request.frame == 1 && request.functionName == "DHCP Request" && request.direction == "request")
        #expect(request.sourcePort == 68 && request.destinationPort == 67)
        let client = request.facts(about: "00:11:32:17:49:f0")
        #expect(client["name"] == "nas1")
        #expect(client["other"]?.contains("client_id=01:00:11:32:17:49:f0") == true)
        #expect(client["ip"] == "10.16.1.4")
        // Suricata lists only the parameters it names (subnet_mask, router, domain, dns_server);
        // the wire list is 1,28,2,3,15,6,12.
        #expect(client["other"]?.contains("prl=1,28,2,3,15,6,12") == true)
        #expect(request.targetText == "client 10.16.1.4 chaddr 00:11:32:17:49:f0")
        #expect(ack.frame == 2 && ack.functionName == "DHCP ACK" && ack.direction == "response")
        #expect(ack.targetText == "assigned 10.16.1.4 chaddr 00:11:32:17:49:f0")
        #expect(ack.identity.isEmpty)
        #expect(ack.facts(about: "00:11:32:17:49:f0")["ip"] == "10.16.1.4")
        print(request.jsonLine)
        print(ack.jsonLine)
    }
}
