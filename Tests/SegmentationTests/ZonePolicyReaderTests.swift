import EventModel
import PacketLayers
import Segmentation
import Sensor
import Testing

@Suite struct ZonePolicyReaderTests {
    static let example = """
        zones:
          - name: supervisory
            cidrs: [10.77.1.0/24]
            vlans: [10]
            purdue_level: 2
            security_level_target: 2
            criticality: high
            description: HMIs and historian
          - name: control
            cidrs: [10.77.2.0/24, 10.77.0.0/16]
            purdue_level: 1
          - name: hmi-host
            cidrs: [10.77.1.20/32]
          - name: tagged
            vlans: [30]
        conduits:
          - name: hmi-to-control
            from: supervisory
            to: control
            protocols: [modbus, s7comm, enip]
            ports: [502, 102, 44818]
            operations: [read, write]
            justification: "HMI polls and writes setpoints (baseline 2026-11-27)"
        """

    @Test func readsEveryField() throws {
        let policy = try ZonePolicyReader.parse(Self.example, file: "zones.yaml")
        #expect(policy.zones.map(\.name) == ["supervisory", "control", "hmi-host", "tagged"])
        let supervisory = try #require(policy.zone(named: "supervisory"))
        #expect(supervisory.networks.map(\.description) == ["10.77.1.0/24"])
        #expect(supervisory.vlans == [10])
        #expect(supervisory.purdueLevel == 2)
        #expect(supervisory.securityLevelTarget == 2)
        #expect(supervisory.criticality == .high)
        #expect(supervisory.description == "HMIs and historian")
        let conduit = try #require(policy.conduits.first)
        #expect(conduit.from == "supervisory" && conduit.to == "control")
        #expect(conduit.protocols == ["modbus", "s7comm", "enip"])
        #expect(conduit.ports == [502, 102, 44818])
        #expect(conduit.operations == [.read, .write])
        #expect(conduit.justification == "HMI polls and writes setpoints (baseline 2026-11-27)")
    }

    @Test func addressesBelongToTheLongestPrefix() throws {
        let policy = try ZonePolicyReader.parse(Self.example, file: "zones.yaml")
        #expect(policy.zone(of: IPAddress("10.77.1.20")!) == "hmi-host")
        #expect(policy.zone(of: IPAddress("10.77.1.21")!) == "supervisory")
        #expect(policy.zone(of: IPAddress("10.77.2.10")!) == "control")
        #expect(policy.zone(of: IPAddress("10.77.9.66")!) == "control")  // the /16
        #expect(policy.zone(of: IPAddress("192.168.5.1")!) == "unzoned")
        #expect(policy.zone(of: IPAddress("fd00::1")!) == "unzoned")
        #expect(policy.zone(of: IPAddress("8.8.8.8")!) == "internet")
        #expect(policy.zone(of: IPAddress("2001:db8::1")!) == "internet")
        // A VLAN claims only addresses no prefix claims.
        #expect(policy.zone(of: IPAddress("192.168.5.1")!, vlan: 30) == "tagged")
        #expect(policy.zone(of: IPAddress("10.77.2.10")!, vlan: 30) == "control")
    }

    @Test func conduitTableAllowsOnlyWhatTheConduitNames() throws {
        let policy = try ZonePolicyReader.parse(Self.example, file: "zones.yaml")
        let supervisory = Int32(policy.map.names.firstIndex(of: "supervisory")!)
        let control = Int32(policy.map.names.firstIndex(of: "control")!)
        let table = policy.table
        #expect(table.conduit(from: supervisory, to: control, application: .modbus, port: 502, undecoded: false) == 0)
        #expect(table.conduit(from: supervisory, to: control, application: .dnp3, port: 20000, undecoded: false) == nil)
        #expect(table.conduit(from: supervisory, to: control, application: .modbus, port: 503, undecoded: false) == nil)
        #expect(table.conduit(from: control, to: supervisory, application: .modbus, port: 502, undecoded: false) == nil)
        #expect(table.conduit(from: supervisory, to: control, application: .tcpOther, port: 502, undecoded: true) == 0)
        #expect(
            table.allows(operation: .write, from: supervisory, to: control, application: .modbus, port: 502) == true)
        #expect(
            table.allows(operation: .program, from: supervisory, to: control, application: .s7comm, port: 102) == false)
        // CIP travels inside EtherNet/IP.
        #expect(
            table.allows(operation: .control, from: supervisory, to: control, application: .cip, port: 44818) == false)
        #expect(table.allows(operation: .write, from: supervisory, to: control, application: .dnp3, port: 20000) == nil)
    }

    @Test(arguments: [
        (
            "zones:\n  - name: a\n    cidrs: [10.0.0.0/33]\n",
            "zones.yaml:3: zones[0].cidrs[0]: '10.0.0.0/33' is not an IPv4 or IPv6 network such as 10.77.1.0/24 or fd00:1::/64"
        ),
        (
            "zones:\n  - name: a\n    cidrs: [10.0.0.5/24]\n",
            "zones.yaml:3: zones[0].cidrs[0]: '10.0.0.5/24' has host bits set; the network is 10.0.0.0/24"
        ),
        (
            "zones:\n  - name: a\n    cidr: [10.0.0.0/24]\n",
            "zones.yaml:3: zones[0].cidr: unknown key (known here: cidrs, criticality, description, name, purdue_level, security_level_target, vlans)"
        ),
        (
            "zones:\n  - name: A b\n    cidrs: [10.0.0.0/24]\n",
            "zones.yaml:2: zones[0].name: 'A b' is not a name of 1 to 63 characters a-z, 0-9, '_' and '-'"
        ),
        (
            "zones:\n  - name: a\n    cidrs: [10.0.0.0/24]\n    purdue_level: 7\n",
            "zones.yaml:4: zones[0].purdue_level: expected a whole number from 0 to 5, not '7'"
        ),
        (
            "zones:\n  - name: a\n    cidrs: [10.0.0.0/24]\n  - name: a\n    cidrs: [10.0.1.0/24]\n",
            "zones.yaml:4: zones[1].name: zone 'a' is already declared on line 2"
        ),
        (
            "zones:\n  - name: a\n    cidrs: [10.0.0.0/24]\n  - name: b\n    cidrs: [10.0.0.0/24]\n",
            "zones.yaml:4: zones[1].cidrs: 10.0.0.0/24 is already in zone 'a': an address must have one zone"
        ),
        ("zones:\n  - name: a\n", "zones.yaml:2: zones[0].cidrs: a zone needs at least one CIDR or VLAN"),
        (
            "zones:\n  - name: internet\n    cidrs: [10.0.0.0/8]\n",
            "zones.yaml:2: zones[0].name: 'internet' is an implicit zone (addresses no zone claims); choose another name"
        ),
        (
            "zones: []\nconduits:\n  - name: c\n    from: a\n    to: internet\n",
            "zones.yaml:4: conduits[0].from: no zone is called 'a' (declared: internet, unzoned)"
        ),
        (
            "zones:\n  - name: a\n    cidrs: [10.0.0.0/24]\nconduits:\n  - name: c\n    from: a\n    to: internet\n    protocols: [modbuss]\n",
            "zones.yaml:8: conduits[0].protocols[0]: 'modbuss' is not a protocol name as events print it (modbus, s7comm, enip, opcua, …)"
        ),
        (
            "zones:\n  - name: a\n    cidrs: [10.0.0.0/24]\nconduits:\n  - name: c\n    from: a\n    to: a\n",
            "zones.yaml:7: conduits[0].to: a conduit joins two different zones; traffic inside 'a' needs none"
        ),
        (
            "zones:\n  - name: a\n    cidrs: [10.0.0.0/24]\nconduits:\n  - name: c\n    from: a\n    to: unzoned\n    ports: [0]\n",
            "zones.yaml:8: conduits[0].ports[0]: expected a whole number from 1 to 65535, not '0'"
        ),
        (
            "zones:\n  - name: a\n    cidrs: [10.0.0.0/24]\nconduits:\n  - name: c\n    from: a\n    to: unzoned\n    operations: [erase]\n",
            "zones.yaml:8: conduits[0].operations[0]: 'erase' is not an operation category (control, data, diagnostic, discovery, firmware, other, program, read, session, write)"
        ),
        ("zones: [\n", "zones.yaml:2: not valid YAML (did not find expected node content)"),
        ("conduits: []\n", "zones.yaml:1: zones: missing"),
        ("", "zones.yaml: the file is empty"),
    ])
    func refusesBadInputNamingLineAndField(text: String, message: String) {
        #expect(throws: ZonePolicyError.self) { try ZonePolicyReader.parse(text, file: "zones.yaml") }
        do {
            _ = try ZonePolicyReader.parse(text, file: "zones.yaml")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func writtenPolicyReadsBackTheSame() throws {
        let policy = try ZonePolicyReader.parse(Self.example, file: "zones.yaml")
        let text = ZonePolicyWriter.yaml(
            header: ["a header"], zones: policy.zones.map { .init($0, comments: ["why:\nthis"]) },
            conduits: policy.conduits.map { .init($0) })
        let again = try ZonePolicyReader.parse(text, file: "written.yaml")
        #expect(again.zones == policy.zones)
        #expect(again.conduits == policy.conduits)
    }

    @Test func sensorConfigurationSectionsAreReadWithTheirLines() throws {
        let config = "interfaces: [eth0]\n" + Self.example
        let policy = try #require(try ZonePolicyReader.parseSections(of: config, file: "sensor.yaml"))
        #expect(policy.zones.count == 4)
        #expect(try ZonePolicyReader.parseSections(of: "interfaces: [eth0]\n", file: "sensor.yaml") == nil)
        #expect(throws: ZonePolicyError.self) {
            try ZonePolicyReader.parseSections(of: "interfaces: [eth0]\nzones:\n  - name: x\n", file: "sensor.yaml")
        }
    }
}

@Suite struct SensorZoneConfigurationTests {
    @Test func sensorConfigurationCarriesTheZonePolicy() throws {
        let text = "interfaces: [eth0]\n" + ZonePolicyReaderTests.example
        let configuration = try SensorConfiguration.parse(text, file: "sensor.yaml")
        #expect(configuration.zonePolicy?.zones.map(\.name) == ["supervisory", "control", "hmi-host", "tagged"])
        #expect(configuration.zonePolicy?.conduits.map(\.name) == ["hmi-to-control"])
        #expect(try SensorConfiguration.parse("interfaces: [eth0]\n", file: "sensor.yaml").zonePolicy == nil)
        do {
            _ = try SensorConfiguration.parse(
                "zones:\n  - {name: a, cidrs: [10.0.0.0/8]}\nconduits:\n  - {name: c, from: a, to: nowhere}\n",
                file: "sensor.yaml")
            Issue.record("a conduit to an unknown zone was accepted")
        } catch {
            #expect(
                error.description
                    == "sensor.yaml:4: conduits[0].to: no zone is called 'nowhere' (declared: a, internet, unzoned)")
        }
    }
}

@Suite struct ZonePolicyReaderRobustnessTests {
    /// Every byte of a policy file is untrusted: mutated files parse or fail with a
    /// `ZonePolicyError`, never trap.
    @Test func mutatedFilesParseOrFailCleanly() {
        var generator = SplitMix(seed: 0x5E6)
        let original = Array(ZonePolicyReaderTests.example.utf8)
        let alphabet = Array("[]{}:-,&*!|>'\"#\n 0123456789./abcdefxyz".utf8)
        var parsed = 0
        var refused = 0
        for _ in 0..<400 {
            var bytes = original
            for _ in 0...(generator.next() % 4) {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[position] = alphabet[Int(generator.next() % UInt64(alphabet.count))]
                case 1: bytes.remove(at: position)
                default: bytes.insert(alphabet[Int(generator.next() % UInt64(alphabet.count))], at: position)
                }
            }
            do {
                _ = try ZonePolicyReader.parse(String(decoding: bytes, as: UTF8.self), file: "mutated.yaml")
                parsed += 1
            } catch {
                #expect(!error.description.isEmpty)
                refused += 1
            }
        }
        #expect(parsed > 0 && refused > 0)
    }

    @Test func aliasesAndNestingAreRefusedWithoutExpanding() throws {
        var lines = ["zones:", "  - name: a", "    cidrs: &level0 [10.0.0.0/24]"]
        for depth in 1...20 { lines.append("x\(depth): &level\(depth) [*level\(depth - 1), *level\(depth - 1)]") }
        #expect(throws: ZonePolicyError.self) {
            try ZonePolicyReader.parse(lines.joined(separator: "\n"), file: "bomb.yaml")
        }
        let nested = "zones: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: ZonePolicyError.self) { try ZonePolicyReader.parse(nested, file: "nested.yaml") }
    }
}

/// A seeded generator (SplitMix64), so a failure can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
