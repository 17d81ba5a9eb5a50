import AssetInventory
import Detection
import Foundation
import PacketLayers
import Testing

let userRuleVocabulary = UserRuleVocabulary.load(
    dataDirectory: reference.directory, reservedIDs: Set(BuiltInRules.all.map(\.descriptor.id)))

/// The rules of `yaml`, failing the test on any problem.
func userRules(_ yaml: String, file: String = "rules/test.yaml") -> [UserRule] {
    let (rules, problems) = UserRuleLoader(vocabulary: userRuleVocabulary).parse(yaml: yaml, file: file)
    #expect(problems.isEmpty, "\(problems)")
    return rules
}

func problems(_ yaml: String) -> [String] {
    UserRuleLoader(vocabulary: userRuleVocabulary).parse(yaml: yaml, file: "rules/plant.yaml").problems.map(
        \.description)
}

/// The `function` of an alert's first evidence event.
func evidenceFunction(_ alert: Alert) -> Int? {
    guard let event = alert.evidence.first?.event,
        let object = try? JSONSerialization.jsonObject(with: Data(event.utf8)) as? [String: Any]
    else { return nil }
    return object["function"] as? Int
}

@Suite struct UserRuleTests {
    static let rogueRegisterWrites = """
        - id: rogue-hr-write
          title: Holding register write from the rogue laptop
          severity: critical
          techniques: [T0836]
          description: Only the HMI writes the filler's registers.
          match:
            protocol: modbus
            operation: write
            direction: request
            source: 10.77.9.0/24
            target: {table: holding_registers, start: 0, end: 9, unit: 1}
        """

    /// modbus-attack: the rogue laptop (10.77.9.66) writes holding register 5 (FC6) and 0–9
    /// (FC16) at +1 s, and coils (FC5, FC15), which this rule leaves alone.
    @Test func registerWriteRuleFiresOnTheAttackAndNotOnNormalTraffic() throws {
        let rules = RuleSet(userRules(Self.rogueRegisterWrites))
        let alerts = detect([peerCapture("modbus-attack")], rules: rules).fired("rogue-hr-write")
        let functions = Set(alerts.compactMap(evidenceFunction))
        #expect(functions.isSuperset(of: [6, 16]))
        #expect(functions.isDisjoint(with: [5, 15]))
        for alert in alerts {
            #expect(alert.kind == .userRule)
            #expect(alert.severity == .critical)
            #expect(alert.techniques == ["T0836"])
            // The rogue laptop, by its asset id (its MAC on this segment).
            #expect(alert.assets.first == "mac:b8:27:eb:77:09:66")
            #expect(alert.evidence.first?.flow.contains("10.77.9.66:") == true)
            #expect(alert.summary.hasPrefix("Holding register write from the rogue laptop: 10.77.9.66 sent modbus"))
            #expect(alert.explanation.contains("Only the HMI writes the filler's registers."))
        }
        let frames = Set(alerts.flatMap { $0.evidence.map(\.frame) })
        #expect(frames.isSuperset(of: [106, 109]), "\(frames)")
        #expect(detect([peerCapture("modbus-normal")], rules: rules).fired("rogue-hr-write").isEmpty)
    }

    @Test func functionNamesResolveFromTheDataTables() throws {
        let rules = RuleSet(
            userRules(
                """
                - id: single-register-write
                  title: Write Single Register
                  match: {protocol: modbus, function: Write Single Register, source: 10.77.9.66}
                """))
        let alerts = detect([peerCapture("modbus-attack")], rules: rules).fired("single-register-write")
        #expect(alerts.count == 1)
        #expect(alerts.first.flatMap(evidenceFunction) == 6)
    }

    /// enip-attack: the rogue laptop writes tags Line_Speed, Pump_Run and Tank_Level. Without `direction` the
    /// rule sees the requests only; `direction: any` adds the server's responses, reversed.
    @Test func responsesNeedToBeAskedFor() {
        func sources(_ direction: String, tag: String = "Line_*") -> Set<String> {
            let rules = RuleSet(
                userRules(
                    """
                    - id: tag-write
                      title: Line speed written
                      match: {protocol: cip, operation: write, target: {tag: "\(tag)"}\(direction)}
                    """))
            return Set(
                detect([peerCapture("enip-attack")], rules: rules).fired("tag-write").compactMap {
                    $0.evidence.first?.flow.split(separator: " ").dropFirst().first.map(String.init)
                })
        }
        let requests = sources("")
        #expect(requests.count == 1)
        #expect(requests.first?.hasPrefix("10.77.9.66:") == true)
        #expect(sources(", direction: any").count == 2)
        #expect(sources("", tag: "Valve_*").isEmpty)
        // Of the three tags written (Line_Speed, Pump_Run, Tank_Level), `Pump_*` picks one.
        let pump = RuleSet(
            userRules(
                "- {id: pump, title: pump, match: {protocol: cip, operation: write, target: {tag: \"Pump_*\"}}}"))
        let evidence = detect([peerCapture("enip-attack")], rules: pump).fired("pump").flatMap(\.evidence)
        #expect(evidence.count == 1)
        #expect(evidence.allSatisfy { $0.event.contains(#""tag":"Pump_Run""#) })
    }

    /// Five writes (FC6, 16, 5, 15, 23) from the rogue laptop within a second or two.
    @Test func thresholdRuleNeedsItsCountWithinTheWindow() {
        func rule(_ count: Int) -> RuleSet {
            RuleSet(
                userRules(
                    """
                    rules:
                      - id: write-burst
                        title: Burst of Modbus writes
                        severity: high
                        match: {protocol: modbus, operation: write, direction: request}
                        threshold: {count: \(count), seconds: 10, per: source}
                    """))
        }
        let fired = detect([peerCapture("modbus-attack")], rules: rule(3)).fired("write-burst")
        #expect(fired.count == 1)
        #expect(fired.first?.count ?? 0 >= 3)
        #expect(fired.first?.assets.first == "mac:b8:27:eb:77:09:66")
        #expect(detect([peerCapture("modbus-attack")], rules: rule(50)).fired("write-burst").isEmpty)
        #expect(detect([peerCapture("modbus-normal")], rules: rule(1)).fired("write-burst").isEmpty)
    }

    @Test func distinctRuleCountsFunctionCodes() {
        let rules = RuleSet(
            userRules(
                """
                id: many-write-functions
                title: One client tries many write functions
                match: {protocol: modbus, operation: write, direction: request}
                distinct: {field: function, count: 4, seconds: 30}
                """))
        let fired = detect([peerCapture("modbus-attack")], rules: rules).fired("many-write-functions")
        #expect(fired.count == 1)
        #expect(fired.first?.summary.contains("function codes") == true)
    }

    /// Each problem names the file, the line of the offending node and the key.
    @Test func validationErrorsNameFileLineAndKey() {
        let yaml = """
            rules:
              - id: ok-rule
                title: fine
                match: {protocol: modbus, operation: write}
              - id: Bad Id
                title: broken
                severity: urgent
                techniques: [T0836, T9999, X1]
                colour: red
                match:
                  protocol: modbus
                  function: Write Coils
                  source: [10.0.0.0/8, 10.0.0.0/33]
                  operation: scribble
                  target: {table: holding_registers, start: 20, end: 10, tag: "x"}
                threshold: {count: 0, seconds: 10}
              - id: ok-rule
                title: same id again
                match: {protocol: mqtt, target: {topic: "plant/#/x"}}
            """
        #expect(
            problems(yaml) == [
                "rules/plant.yaml:9: colour: unknown key (expected one of id, title, severity, techniques, description, match, threshold, distinct)",
                "rules/plant.yaml:5: id: 'Bad Id' may only hold a–z, 0–9, '.', '_' and '-'",
                "rules/plant.yaml:7: severity: 'urgent' is not one of info, low, medium, high, critical",
                "rules/plant.yaml:8: techniques[1]: 'T9999' is not an ATT&CK for ICS technique",
                "rules/plant.yaml:8: techniques[2]: 'X1' is not a technique id (T0855)",
                "rules/plant.yaml:12: match.function: 'Write Coils' is not a modbus function name",
                "rules/plant.yaml:14: match.operation: 'scribble' is not one of read, write, control, program, firmware, diagnostic, discovery, session, data, other",
                "rules/plant.yaml:13: match.source: '10.0.0.0/33' is not an IP address or CIDR network",
                "rules/plant.yaml:15: match.target.tag: cannot be combined with 'table' (another kind of target)",
                "rules/plant.yaml:15: match.target: start 20 is after end 10",
                "rules/plant.yaml:16: threshold.count: '0' is not a whole number in 1–1000000",
                "rules/plant.yaml:19: match.target.topic: 'plant/#/x' is not an MQTT topic filter",
            ])
        let yamlError = problems("- id: x\n  title: [unclosed\n")
        #expect(yamlError.count == 1)
        #expect(yamlError.first?.hasPrefix("rules/plant.yaml:3: YAML: ") == true, "\(yamlError)")
    }

    @Test func duplicateIDsAndBuiltInIDsAreRefused() {
        let found = problems(
            """
            - {id: s7-cpu-state-change, title: clash, match: {protocol: s7comm}}
            - {id: mine, title: one, match: {protocol: s7comm}}
            - {id: mine, title: two, match: {protocol: s7comm}}
            """)
        #expect(
            found == [
                "rules/plant.yaml:1: id: 's7-cpu-state-change' is already taken (ids must be unique)",
                "rules/plant.yaml:3: id: 'mine' is already taken (ids must be unique)",
            ])
    }

    /// A folder with one bad file and one good one: the good rules load, the bad file's problems
    /// are listed.
    @Test func aBadFileDoesNotStopTheGoodOnes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.rogueRegisterWrites.write(
            to: folder.appendingPathComponent("a-good.yaml"), atomically: true, encoding: .utf8)
        try "- id: broken\n  title: x\n  match: {protocol: nonsense}\n".write(
            to: folder.appendingPathComponent("b-bad.yml"), atomically: true, encoding: .utf8)
        try "not rules".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let load = UserRuleLoader(vocabulary: userRuleVocabulary).load(directory: folder.path)
        #expect(load.rules.map(\.descriptor.id) == ["rogue-hr-write"])
        #expect(load.files.count == 2)
        #expect(
            load.problems.map(\.description) == [
                "\(folder.path)/b-bad.yml:3: match.protocol: 'nonsense' is not a protocol Palisade decodes"
            ])
    }

    /// The shipped examples load cleanly.
    @Test func shippedExamplesLoad() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let load = UserRuleLoader(vocabulary: userRuleVocabulary).load(
            directory: root.appendingPathComponent("rules").path)
        #expect(load.problems.isEmpty, "\(load.problems)")
        #expect(load.rules.count == 3)
        #expect(load.rules.allSatisfy { $0.descriptor.kind == .userRule })
    }

    @Test func addressPatternsMatchNetworks() throws {
        let network = try #require(AddressPattern("10.77.0.0/16"))
        #expect(network.contains(try #require(IPAddress("10.77.9.66"))))
        #expect(network.contains(try #require(IPAddress("10.77.255.255"))))
        #expect(!network.contains(try #require(IPAddress("10.78.0.1"))))
        #expect(!network.contains(try #require(IPAddress("fd00::1"))))
        let host = try #require(AddressPattern("10.77.9.66"))
        #expect(host.contains(try #require(IPAddress("10.77.9.66"))))
        #expect(!host.contains(try #require(IPAddress("10.77.9.67"))))
        let everything = try #require(AddressPattern("0.0.0.0/0"))
        #expect(everything.contains(try #require(IPAddress("192.168.1.1"))))
        #expect(!everything.contains(try #require(IPAddress("2001:db8::1"))))
        let odd = try #require(AddressPattern("192.168.1.128/25"))
        #expect(odd.contains(try #require(IPAddress("192.168.1.200"))))
        #expect(!odd.contains(try #require(IPAddress("192.168.1.127"))))
        let v6 = try #require(AddressPattern("fd00:77::/32"))
        #expect(v6.contains(try #require(IPAddress("fd00:77:1::5"))))
        #expect(!v6.contains(try #require(IPAddress("fd00:78::5"))))
        #expect(AddressPattern("10.0.0.0/33") == nil)
        #expect(AddressPattern("10.0.0/8") == nil)
        #expect(AddressPattern("fd00::/129") == nil)
    }

    @Test func globsAndTopicFilters() {
        let pump = GlobPattern("Pump_*")
        #expect(pump.matches("Pump_1"))
        #expect(pump.matches("Pump_"))
        #expect(!pump.matches("pump_1"))
        #expect(!pump.matches("Pum"))
        #expect(GlobPattern("*_Run").matches("Pump_Run"))
        #expect(GlobPattern("ns=2;s=*Setpoint").matches("ns=2;s=Line1.Setpoint"))
        #expect(!GlobPattern("ns=2;s=*Setpoint").matches("ns=2;s=Setpoint2"))
        #expect(GlobPattern("a?c*e").matches("abcdde"))
        #expect(GlobPattern("*a*a*a*").matches("banana a"))
        #expect(!GlobPattern("*a*a*a*a*").matches("banana"))
        #expect(GlobPattern("*").matches(""))
        #expect(GlobPattern("Tank_Level").matches("Tank_Level"))
        let plant = TopicFilter("plant/#")
        #expect(plant.matches("plant"))
        #expect(plant.matches("plant/line1/level"))
        #expect(!plant.matches("plantx/line1"))
        #expect(!plant.matches("other/plant"))
        let level = TopicFilter("plant/+/level")
        #expect(level.matches("plant/line1/level"))
        #expect(!level.matches("plant/line1/temp"))
        #expect(!level.matches("plant/a/b/level"))
        #expect(TopicFilter("+/x").matches("/x"))
        #expect(TopicFilter("#").matches("anything/at/all"))
    }
}
