import Detection
import EventModel
import PacketLayers
import Segmentation
import Testing

@Suite struct ConduitSuggestionTests {
    /// The README's normal client → server pairs of `mixed` that cross its subnets.
    static let normalCrossings: Set<String> = [
        "supervisory→control bacnet/47808",  // ews → bms
        "supervisory→control modbus/502",  // hmi → plc1
        "supervisory→control s7comm/102",  // hmi → plc2
        "supervisory→control enip/44818",  // hmi → plc3
        "supervisory→control iec104/2404",  // hmi → rtu
        "supervisory→operations opcua/4840",  // historian → opcsrv
        "operations→supervisory mqtt/1883",  // iiotgw → historian (broker)
    ]

    @Test func conduitsCoverExactlyTheNormalPairs() throws {
        let zones = try readmeZones()
        let baseline = try mixedNormalBaseline()
        let outcome = ConduitSuggester(policy: zones).suggest(baseline)
        let services = Set(
            outcome.conduits.map { item in
                let conduit = item.entry
                return
                    "\(conduit.from)→\(conduit.to) \(conduit.protocols.joined(separator: ","))/\(conduit.ports.map(String.init).joined(separator: ","))"
            })
        #expect(services == Self.normalCrossings)
        // hmi → historian (MQTT subscriber) stays inside supervisory; the BACnet Who-Is broadcast is no conduit.
        #expect(outcome.insideZones == 1)
        #expect(outcome.localDelivery == ["10.77.1.10 → 10.77.255.255 bacnet/47808"])
        // Normal traffic only reads, polls and subscribes: no conduit allows a change to a device.
        for item in outcome.conduits {
            let operations = try #require(item.entry.operations)
            #expect(
                operations.allSatisfy { ![.write, .control, .program, .firmware].contains($0) }, "\(item.entry.name)")
        }
        let modbus = try #require(outcome.conduits.first { $0.entry.protocols == ["modbus"] })
        #expect(modbus.entry.operations == [.read])
        #expect(modbus.comments.count == 1)
        #expect(modbus.comments[0].hasPrefix("10.77.1.20 → 10.77.2.10 modbus/502: 1 flow, read ×"))
        #expect(modbus.entry.justification?.hasPrefix("1 pair, 1 flow in the baseline from 2026-11-27T10:17:0") == true)
        // Every normal crossing pair is allowed by the suggested policy, and no rogue pair is.
        let policy = zones.with(conduits: outcome.conduits.map(\.entry))
        for pair in baseline.pairs {
            guard let client = IPAddress(pair.client), let server = IPAddress(pair.server),
                !policy.map.isLocalDelivery(from: client, to: server)
            else { continue }
            let from = policy.map.zone(of: client)
            let to = policy.map.zone(of: server)
            guard from != to else { continue }
            let application = try #require(ApplicationProtocol.named(pair.protocolName))
            #expect(
                policy.table.conduit(from: from, to: to, application: application, port: pair.port, undecoded: false)
                    != nil)
        }
        let rogueZone = policy.map.zone(of: rogue)
        for number in 0..<Int32(policy.map.names.count) {
            #expect(!policy.table.hasConduit(from: rogueZone, to: number))
        }
    }

    @Test func suggestedPolicyFileReadsBack() throws {
        let zones = try readmeZones()
        let outcome = ConduitSuggester(policy: zones).suggest(try mixedNormalBaseline())
        let text = ZonePolicyWriter.yaml(zones: zones.zones.map { .init($0) }, conduits: outcome.conduits)
        let policy = try ZonePolicyReader.parse(text, file: "policy.yaml")
        #expect(policy.conduits == outcome.conduits.map(\.entry))
        #expect(text.contains("  # 10.77.1.30 → 10.77.3.10 opcua/4840: 1 flow, read ×"))
    }
}
