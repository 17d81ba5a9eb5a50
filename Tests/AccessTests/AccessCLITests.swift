import CorpusTestSupport
import Foundation
import Testing

/// `palisade access` and `palisade report` as a user runs them: outputs, and one clear line with
/// exit status 2 on bad input.
@Suite(
    .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"),
    .enabled(if: corpusAvailable, "shared corpus not found"))
struct AccessCLITests {
    static let data = corpusRoot.deletingLastPathComponent().appendingPathComponent("data").path
    static let mixed = corpusCapture("peers/mixed.pcap")

    static func oneLine(_ text: String) -> Bool {
        text.split(separator: "\n").count == 1 && text.hasPrefix("palisade: ")
    }

    @Test func htmlReportToAFile() throws {
        let folder = try makeTemporaryFolder("palisade-report")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("report.html").path
        let result = try run(
            CLI.binary!, ["report", Self.mixed, "--format", "html", "--out", out, "--data", Self.data])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Palisade built an inventory of 11 assets from traffic"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func matrixAsCSV() throws {
        let result = try run(
            CLI.binary!, ["access", Self.mixed, "--format", "csv", "--section", "matrix", "--data", Self.data])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("actor_asset,actor_address,actor_name,actor_role,actor_zone,") == true)
        #expect(lines.count == 1 + 11)
        #expect(
            lines.contains {
                $0.hasPrefix("mac:b8:27:eb:77:09:66,10.77.9.66,") && $0.contains(",modbus,502,13,5,2,0,0,2,2,1,")
            })
    }

    /// The simulated plant's attack opens RDP to the engineering workstation and VNC to a packing
    /// HMI (docs/simulator.md): both are remote access into OT, by the targets' roles.
    @Test func remoteAccessIntoOTInTheSimulatedPlant() throws {
        let folder = try makeTemporaryFolder("palisade-access-sim")
        defer { try? FileManager.default.removeItem(at: folder) }
        let capture = folder.appendingPathComponent("plant.pcap").path
        let simulated = try run(CLI.binary!, ["simulate", "--out", capture, "--minutes", "3", "--attack"])
        #expect(simulated.status == 0, "\(simulated.stderr)")
        let result = try run(
            CLI.binary!, ["access", capture, "--format", "json", "--section", "sessions", "--data", Self.data])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let sessions = try #require(document["sessions"] as? [[String: Any]])
        #expect(sessions.map { $0["protocol"] as? String } == ["rdp", "vnc"])
        #expect(sessions.map { $0["ot_reason"] as? String } == ["role engineering workstation", "role HMI/SCADA"])
        #expect(sessions.allSatisfy { ($0["client"] as? [String: Any])?["address"] as? String == "10.10.3.66" })
        #expect(sessions.map { $0["port"] as? Int } == [3389, 5900])
        // The RDP cookie names the user; the login itself is inside TLS.
        let credentials = try run(
            CLI.binary!, ["access", capture, "--format", "csv", "--section", "credentials", "--data", Self.data])
        #expect(credentials.stdout.contains(",rdp,user_name,engineer,no,1,"))
    }

    @Test func badInputIsOneLineAndStatusTwo() throws {
        let folder = try makeTemporaryFolder("palisade-access-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let garbage = folder.appendingPathComponent("garbage.pcap").path
        try Data("not a capture at all".utf8).write(to: URL(fileURLWithPath: garbage))
        let cases: [[String]] = [
            ["access", "--db", folder.appendingPathComponent("missing.db").path],
            ["access", garbage, "--data", Self.data],
            ["report", Self.mixed, "--zones", folder.appendingPathComponent("missing.yaml").path],
        ]
        for arguments in cases {
            let result = try run(CLI.binary!, arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(Self.oneLine(result.stderr), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let neither = try run(CLI.binary!, ["access"])
        #expect(neither.status == 64)
        #expect(neither.stderr.contains("Give capture files or --db PATH."))
    }

    /// With the README's subnets as zones and one conduit (HMI → control, Modbus reads only),
    /// SR 5.1 counts the zones and the crossings without a conduit; the HMI's reads are not one.
    @Test func zonesFeedSegmentationFindings() throws {
        let folder = try makeTemporaryFolder("palisade-access-zones")
        defer { try? FileManager.default.removeItem(at: folder) }
        let zones = folder.appendingPathComponent("zones.yaml").path
        try """
        zones:
          - {name: supervisory, cidrs: [10.77.1.0/24], purdue_level: 2}
          - {name: control, cidrs: [10.77.2.0/24], purdue_level: 1}
          - {name: operations, cidrs: [10.77.3.0/24], purdue_level: 2}
          - {name: rogue-segment, cidrs: [10.77.9.0/24], purdue_level: 2}
        conduits:
          - {name: hmi-modbus, from: supervisory, to: control, protocols: [modbus], ports: [502], operations: [read]}
        """.write(toFile: zones, atomically: true, encoding: .utf8)
        let result = try run(
            CLI.binary!, ["report", Self.mixed, "--zones", zones, "--format", "md", "--data", Self.data])
        #expect(result.status == 0, "\(result.stderr)")
        let section = result.stdout.components(separatedBy: "### SR 5.1").dropFirst().first ?? ""
        #expect(section.hasPrefix(" Network segmentation: gap"))
        #expect(section.contains("4 zones and 1 conduit configured."))
        // 16 crossing pairs, of which the HMI's Modbus reads have their conduit.
        #expect(section.contains("15 cross-zone pairs without a conduit."))
        #expect(section.contains("mac:b8:27:eb:77:09:66 (rogue-segment) → mac:00:00:bc:77:02:30 (control) enip/44818"))
        #expect(!section.contains("mac:00:d0:c9:77:01:20 (supervisory) → mac:00:80:f4:77:02:10 (control) modbus/502"))
    }
}
