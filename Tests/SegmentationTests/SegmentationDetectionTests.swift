import Detection
import Foundation
import Monitor
import PacketCrafting
import PacketLayers
import Segmentation
import Testing

@Suite struct SegmentationDetectionTests {
    static func detect(_ paths: [String], policy: ZonePolicy, baseline: Baseline? = nil) -> [Alert] {
        let rules = RuleSet(SegmentationRules.make(policy: policy, baseline: baseline))
        return CaptureAnalyzer(workers: 2).detect(paths, rules: rules, reference: reference).alerts
    }

    @Test func everyRogueFlowIntoThePlantIsAViolationAndNoNormalFlowIs() throws {
        let zones = try readmeZones()
        let baseline = try mixedNormalBaseline()
        let policy = zones.with(conduits: ConduitSuggester(policy: zones).suggest(baseline).conduits.map(\.entry))
        let alerts = Self.detect([mixedCapture], policy: policy, baseline: baseline)
        let segmentation = alerts.filter { $0.rule.hasPrefix("segmentation.") }
        // The rogue's unicast flows into the plant's subnets (its broadcasts never cross a router).
        let plant = IPNetwork("10.77.0.0/16")!
        var rogueFlows: Set<String> = []
        for flow in flows(of: mixedCapture) {
            let entry = flow.oriented.entry
            guard entry.client.address == rogue, plant.contains(entry.server.address),
                !policy.map.isLocalDelivery(from: rogue, to: entry.server.address)
            else { continue }
            rogueFlows.insert("\(entry.client.address)→\(entry.server.address)")
        }
        // plc1, plc2, plc3, rtu, bms and opcsrv.
        #expect(rogueFlows.count == 6)
        let noConduit = segmentation.filter { $0.rule == "segmentation.no-conduit" }
        let flagged = Set(noConduit.flatMap(\.evidencePairs))
        #expect(rogueFlows.isSubset(of: flagged), "unflagged: \(rogueFlows.subtracting(flagged).sorted())")
        #expect(
            segmentation.filter { $0.rule == "segmentation.new-path" }.flatMap(\.evidencePairs).count
                >= rogueFlows.count)
        // Every segmentation alert involves the rogue: no normal flow is a violation.
        for alert in segmentation {
            let pairs = alert.evidencePairs
            #expect(!pairs.isEmpty)
            #expect(pairs.allSatisfy { $0.contains(rogue.description) }, "\(alert.rule): \(alert.summary)")
        }
        #expect(segmentation.allSatisfy { $0.kind == .rule && !$0.techniques.isEmpty })
    }

    @Test func conduitOperationAndLevelSkipOnTheRoguesWrites() throws {
        // The rogue's segment gets a read-only Modbus conduit into control, and sits at level 4.
        let text =
            readmeZonesYAML.replacingOccurrences(
                of: "cidrs: [10.77.9.0/24]\n    purdue_level: 2", with: "cidrs: [10.77.9.0/24]\n    purdue_level: 4")
                + """

                conduits:
                  - name: rogue-reads-plc1
                    from: rogue-segment
                    to: control
                    protocols: [modbus]
                    ports: [502]
                    operations: [read]
                """
        let policy = try ZonePolicyReader.parse(text, file: "test.yaml")
        let alerts = Self.detect([mixedCapture], policy: policy)
        let operations = alerts.filter { $0.rule == "segmentation.conduit-operation" }
        // FC5/6/15/16/23 writes, FC8 diagnostics, FC8/1 and FC8/4 (restart, listen-only) control,
        // FC43/17 identification (discovery), all on plc1.
        #expect(
            Set(operations.map { $0.summary.split(separator: " ")[3] }) == [
                "write", "diagnostic", "discovery", "control",
            ])
        #expect(operations.first { $0.summary.hasPrefix("10.77.9.66 sent a control ") }?.severity == .critical)
        #expect(
            operations.allSatisfy { $0.summary.hasPrefix("10.77.9.66 sent a ") && $0.summary.contains("10.77.2.10") })
        #expect(operations.first { $0.summary.hasPrefix("10.77.9.66 sent a write ") }?.severity == .high)
        #expect(
            operations.allSatisfy { !$0.evidence.isEmpty && $0.evidence[0].event.contains("\"protocol\":\"modbus\"") })
        // The other services into control have no conduit: conduit-service, not no-conduit.
        let services = alerts.filter { $0.rule == "segmentation.conduit-service" }
        #expect(
            Set(services.flatMap(\.evidencePairs)).isSuperset(of: ["10.77.9.66→10.77.2.20", "10.77.9.66→10.77.2.30"]))
        #expect(
            !alerts.contains {
                $0.rule == "segmentation.no-conduit" && $0.evidencePairs.contains("10.77.9.66→10.77.2.10")
            })
        // Level 4 straight to level 1: every rogue flow into control, none into operations (level 2).
        let skips = alerts.filter { $0.rule == "segmentation.level-skip" }.flatMap(\.evidencePairs)
        #expect(Set(skips).isSuperset(of: ["10.77.9.66→10.77.2.10", "10.77.9.66→10.77.2.20", "10.77.9.66→10.77.2.50"]))
        #expect(!skips.contains("10.77.9.66→10.77.3.10"))
    }

    @Test func internetTrafficToAndFromOTZones() throws {
        let folder = try temporaryFolder("internet")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("internet.pcap").path
        let writer = try PcapWriter(path: path)
        let plc = NetworkEndpoint(mac: MACAddress("00:80:f4:77:02:10")!, ip: IPAddress("10.77.2.10")!)
        let outsider = NetworkEndpoint(mac: MACAddress("02:00:00:00:00:01")!, ip: IPAddress("198.51.100.7")!)
        let cloud = NetworkEndpoint(mac: MACAddress("02:00:00:00:00:02")!, ip: IPAddress("203.0.113.9")!)
        let office = NetworkEndpoint(mac: MACAddress("02:00:00:00:00:03")!, ip: IPAddress("10.77.40.5")!)
        var frames: [TimedFrame] = []
        var time: Int64 = 1_790_000_000_000_000
        for (client, server, port) in [(outsider, plc, UInt16(502)), (plc, cloud, 443), (office, plc, 502)] {
            var conversation = TCPConversation(
                client: client, server: server, clientPort: 40_000, serverPort: port, clientInitialSequence: 1,
                serverInitialSequence: 1000, clientIdentification: 1, serverIdentification: 1)
            frames += conversation.open(at: time, roundTrip: 200)
            if port == 502 {
                frames += conversation.send([0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 2], from: .client, at: time + 1000)
                frames += conversation.send([0, 1, 0, 0, 0, 7, 1, 3, 4, 0, 1, 0, 2], from: .server, at: time + 2000)
            }
            frames += conversation.close(from: .client, at: time + 3000, roundTrip: 200)
            time += 1_000_000
        }
        for frame in frames { try writer.write(frame) }
        try writer.close()
        let text =
            readmeZonesYAML + """

                  - name: office
                    cidrs: [10.77.40.0/24]
                    purdue_level: 4
                """
        let policy = try ZonePolicyReader.parse(text, file: "test.yaml")
        let alerts = Self.detect([path], policy: policy)
        let internet = alerts.filter { $0.rule == "segmentation.ot-internet" }
        #expect(internet.map(\.severity).sorted() == [.high, .critical])
        #expect(Set(internet.flatMap(\.evidencePairs)) == ["198.51.100.7→10.77.2.10", "10.77.2.10→203.0.113.9"])
        #expect(
            alerts.filter { $0.rule == "segmentation.level-skip" }.flatMap(\.evidencePairs) == ["10.77.40.5→10.77.2.10"]
        )
        #expect(alerts.filter { $0.rule == "segmentation.no-conduit" }.count == 3)
        // A conduit that names the internet and the service silences the exposure alert.
        let allowed = policy.with(conduits: [
            Conduit(name: "vendor-cloud", from: "control", to: "internet", ports: [443])
        ])
        let quieter = Self.detect([path], policy: allowed).filter { $0.rule == "segmentation.ot-internet" }
        #expect(quieter.flatMap(\.evidencePairs) == ["198.51.100.7→10.77.2.10"])
    }
}
