import CorpusTestSupport
import Foundation
import Testing

/// The commands end to end, as an engineer runs them: zones from the capture, conduits from its
/// normal part, detection with the policy, and the firewall export.
@Suite struct SegmentationCLITests {
    @Test func suggestDetectAndExportThroughTheCommandLine() throws {
        let palisade = try #require(CLI.binary, "build the palisade executable first (swift build)")
        let folder = try temporaryFolder("cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let zones = folder.appendingPathComponent("zones.yaml").path
        let policy = folder.appendingPathComponent("policy.yaml").path

        let suggestZones = try run(palisade, ["zones", "suggest", mixedCapture, "--workers", "1", "--out", zones])
        #expect(suggestZones.status == 0, "\(suggestZones.stderr)")
        let zonesText = try String(contentsOfFile: zones, encoding: .utf8)
        #expect(zonesText.contains("  - name: control\n    cidrs: [10.77.2.0/24]\n    purdue_level: 1\n"))
        #expect(zonesText.contains("  # 10.77.2.0/24: 5 assets; roles: PLC/controller ×4, RTU ×1\n"))

        let suggestPolicy = try run(
            palisade,
            ["policy", "suggest", mixedCapture, "--until", "+14", "--zones", zones, "--workers", "1", "--out", policy])
        #expect(suggestPolicy.status == 0, "\(suggestPolicy.stderr)")
        let policyText = try String(contentsOfFile: policy, encoding: .utf8)
        #expect(
            policyText.contains("  - name: supervisory-to-control-modbus\n    from: supervisory\n    to: control\n"))
        #expect(
            policyText.contains(
                "# not a conduit (broadcast or multicast, never routed): 10.77.1.10 → 10.77.255.255 bacnet/47808"))

        let detect = try run(
            palisade, ["detect", mixedCapture, "--zones", policy, "--workers", "1", "--format", "jsonl"])
        #expect(detect.status == 0, "\(detect.stderr)")
        let violations = detect.stdout.split(separator: "\n").filter { $0.contains("\"rule\":\"segmentation.") }
        #expect(violations.count == 8)
        #expect(violations.allSatisfy { $0.contains("10.77.9.66") })

        // Imported into a store with the same policy, the violations are stored alerts.
        let database = folder.appendingPathComponent("palisade.db").path
        let imported = try run(
            palisade, ["import", mixedCapture, "--db", database, "--zones", policy, "--workers", "1"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let stored = try run(palisade, ["alerts", "list", "--db", database, "--format", "jsonl", "--limit", "1000"])
        let storedViolations = stored.stdout.split(separator: "\n").filter {
            $0.contains("\"rule\":\"segmentation.")
        }
        #expect(storedViolations.count == 8)
        #expect(storedViolations.allSatisfy { $0.contains("10.77.9.66") })

        let export = try run(palisade, ["policy", "export", "--zones", policy, "--format", "csv"])
        #expect(export.status == 0)
        #expect(export.stdout.hasPrefix("conduit,source_zone,source_cidr,destination_zone,destination_cidr,"))
        #expect(
            export.stdout.contains(
                "supervisory-to-control-s7comm,supervisory,10.77.1.0/24,control,10.77.2.0/24,tcp,102,s7comm,read session,"
            ))

        let badZones = folder.appendingPathComponent("bad.yaml").path
        try "zones:\n  - name: a\n    cidrs: [10.0.0.5/24]\n".write(toFile: badZones, atomically: true, encoding: .utf8)
        let refused = try run(palisade, ["detect", mixedCapture, "--zones", badZones])
        #expect(refused.status == 2)
        #expect(
            refused.stderr
                == "palisade: \(badZones):3: zones[0].cidrs[0]: '10.0.0.5/24' has host bits set; the network is 10.0.0.0/24\n"
        )
    }
}
