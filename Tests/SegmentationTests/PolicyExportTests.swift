import CorpusTestSupport
import Foundation
import Testing

@testable import Segmentation

@Suite struct PolicyExportTests {
    static let policyYAML = """
        zones:
          - name: supervisory
            cidrs: [10.77.1.0/24, 10.78.1.0/24]
            purdue_level: 2
          - name: control
            cidrs: [10.77.2.0/24, "fd00:77:2::/64"]
            purdue_level: 1
          - name: cell
            vlans: [30]
        conduits:
          - name: hmi-to-control
            from: supervisory
            to: control
            protocols: [modbus, enip]
            ports: [502, 44818]
            operations: [read, write]
            justification: "HMI polls and writes setpoints, \\"line 1\\" (change 2026-11-27)"
          - name: ews-to-control
            from: supervisory
            to: control
            protocols: [s7comm]
          - name: cell-to-control
            from: cell
            to: control
            protocols: [profinet-rt]
          - name: control-to-cloud
            from: control
            to: internet
            protocols: [mqtt]
            ports: [8883]
        """

    static var nft: String? {
        for candidate in ["/usr/sbin/nft", "/sbin/nft"] where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return findTool("nft")
    }

    @Test func csvHasOneRowPerNetworkPairTransportAndPort() throws {
        let policy = try ZonePolicyReader.parse(Self.policyYAML, file: "policy.yaml")
        let rows = ConduitCSVExport.csv(policy).split(separator: "\r\n").map(String.init)
        #expect(
            rows[0]
                == "conduit,source_zone,source_cidr,destination_zone,destination_cidr,transport,port,protocol,operations,justification"
        )
        let justification = "\"HMI polls and writes setpoints, \"\"line 1\"\" (change 2026-11-27)\""
        #expect(
            rows.contains(
                "hmi-to-control,supervisory,10.77.1.0/24,control,10.77.2.0/24,tcp,502,modbus enip,read write,\(justification)"
            ))
        #expect(
            rows.contains(
                "hmi-to-control,supervisory,10.78.1.0/24,control,10.77.2.0/24,tcp,44818,modbus enip,read write,\(justification)"
            ))
        #expect(
            rows.contains(
                "hmi-to-control,supervisory,10.77.1.0/24,control,10.77.2.0/24,udp,44818,modbus enip,read write,\(justification)"
            ))
        // s7comm without ports: its registered port; IPv4 sources never pair with IPv6 destinations.
        #expect(rows.contains("ews-to-control,supervisory,10.77.1.0/24,control,10.77.2.0/24,tcp,102,s7comm,any,"))
        #expect(!rows.contains { $0.contains("/24,control,fd00:77:2::/64") })
        #expect(rows.contains("control-to-cloud,control,10.77.2.0/24,internet,any,tcp,8883,mqtt,any,"))
        #expect(!rows.contains { $0.hasPrefix("cell-to-control") })
        #expect(rows.contains("control-to-cloud,control,fd00:77:2::/64,internet,any,tcp,8883,mqtt,any,"))
        // header, hmi-to-control 2 sources × 4 services, ews-to-control 2 × 1, control-to-cloud IPv4 and IPv6.
        #expect(rows.count == 1 + 2 * 4 + 2 * 1 + 2)
        let list = FirewallRuleList(policy: policy)
        #expect(
            list.omissions == [
                "conduit cell-to-control: zone cell has no CIDRs (VLANs only), so no address rule can carry it"
            ])
    }

    @Test func csvCellsCannotBecomeFormulas() {
        #expect(ConduitCSVExport.cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(ConduitCSVExport.cell("-1") == "'-1")
    }

    @Test func nftablesRulesetPassesNftCheck() throws {
        let nft = try #require(Self.nft, "nft is not installed (Debian: apt-get install nftables)")
        let policy = try ZonePolicyReader.parse(Self.policyYAML, file: "policy.yaml")
        let ruleset = NftablesExport.ruleset(policy)
        #expect(ruleset.contains("type filter hook forward priority filter; policy drop;"))
        #expect(ruleset.contains("ct state established,related accept"))
        #expect(
            ruleset.contains(
                "ip saddr 10.77.1.0/24 ip daddr 10.77.2.0/24 tcp dport { 502, 44818 } accept comment \"hmi-to-control modbus,enip\""
            ))
        #expect(ruleset.contains("ip saddr 10.77.2.0/24 tcp dport 8883 accept comment \"control-to-cloud mqtt\""))
        #expect(
            ruleset.contains(
                "ip saddr { 10.77.1.0/24, 10.78.1.0/24 } ip daddr { 10.77.1.0/24, 10.78.1.0/24 } accept comment \"zone supervisory\""
            ))
        #expect(ruleset.contains("# HMI polls and writes setpoints, \"line 1\" (change 2026-11-27)"))
        let folder = try temporaryFolder("nft")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("policy.nft")
        try ruleset.write(to: file, atomically: true, encoding: .utf8)
        let check = try run(nft, ["-c", "-f", file.path])
        #expect(check.status == 0, "nft -c -f: \(check.stderr)")
        // A hostile justification stays inside its comment.
        let hostile = policy.with(conduits: [
            Conduit(
                name: "x", from: "supervisory", to: "control", protocols: ["modbus"],
                justification: "a\n}\nflush ruleset \"\\")
        ])
        try NftablesExport.ruleset(hostile).write(to: file, atomically: true, encoding: .utf8)
        let hostileCheck = try run(nft, ["-c", "-f", file.path])
        #expect(hostileCheck.status == 0, "nft -c -f: \(hostileCheck.stderr)")
    }

    @Test func suggestedMixedPolicyPassesNftCheck() throws {
        let nft = try #require(Self.nft, "nft is not installed (Debian: apt-get install nftables)")
        let zones = try readmeZones()
        let policy = zones.with(
            conduits: ConduitSuggester(policy: zones).suggest(try mixedNormalBaseline()).conduits.map(\.entry))
        let ruleset = NftablesExport.ruleset(policy)
        #expect(
            ruleset.contains(
                "ip saddr 10.77.1.0/24 ip daddr 10.77.2.0/24 tcp dport 502 accept comment \"supervisory-to-control-modbus modbus\""
            ))
        #expect(ruleset.contains("ip saddr 10.77.1.0/24 ip daddr 10.77.2.0/24 udp dport 47808 accept"))
        #expect(!ruleset.contains("10.77.9.0/24"))
        let folder = try temporaryFolder("nft-mixed")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("mixed.nft")
        try ruleset.write(to: file, atomically: true, encoding: .utf8)
        let check = try run(nft, ["-c", "-f", file.path])
        #expect(check.status == 0, "nft -c -f: \(check.stderr)")
    }
}
