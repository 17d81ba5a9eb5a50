import AssetInventory
import Detection
import Foundation
import Monitor
import Testing

@Suite struct BaselineTests {
    static let hmi = "10.77.1.20"
    static let plc1 = "10.77.2.10"

    @Test func modbusNormalBaselineHasThePollsTheirRegistersAndPeriods() throws {
        let baseline = learn([peerCapture("modbus-normal")])
        let pair = try #require(baseline.pairs.first { $0.client == Self.hmi && $0.server == Self.plc1 })
        #expect(pair.protocolName == "modbus")
        #expect(pair.transport == "tcp")
        #expect(pair.port == 502)
        #expect(pair.flows == 1)
        let codes = Set(pair.functions.filter { $0.protocolName == "modbus" }.map(\.code))
        #expect(codes == [1, 2, 3, 4])
        #expect(pair.functions.allSatisfy { $0.operation == "read" })

        let holding = try #require(pair.functions.first { $0.code == 3 })
        #expect(holding.name == "Read Holding Registers")
        let target = try #require(holding.targets.first)
        #expect(holding.targets.count == 1)
        #expect(target.kind == .modbus)
        #expect(target.space == ["table": "holding_registers", "unit": "1"])
        #expect(target.ranges.description == "0-9")
        let coils = try #require(pair.functions.first { $0.code == 1 })
        #expect(coils.targets.first?.ranges.description == "0-15")

        // FC3 every second, FC2 every 5 s (peers README), a request and a response per exchange.
        let fast = try #require(holding.timing)
        #expect(abs(fast.periodMilliseconds - 1000) <= 20)
        #expect(fast.jitterMilliseconds < 50)
        #expect(fast.samples >= 15)
        #expect(fast.eventsPerExchange == 2)
        let slow = try #require(pair.functions.first { $0.code == 2 }?.timing)
        #expect(abs(slow.periodMilliseconds - 5000) <= 50)

        // The two ends are assets with their MACs and roles.
        let plc = try #require(baseline.assets.first { $0.addresses == [Self.plc1] })
        #expect(plc.macs == ["00:80:f4:77:02:10"])
        #expect(plc.role == "plc")
        #expect(baseline.assets.contains { $0.addresses == [Self.hmi] })
        #expect(baseline.header.captures == [peerCapture("modbus-normal")])
        #expect(baseline.header.start != nil && baseline.header.end! > baseline.header.start!)
    }

    @Test func yamlRoundTripsAndIsDeterministic() throws {
        let path = peerCapture("s7-normal")
        let first = BaselineDocument.yaml(learn([path], workers: 1))
        let second = BaselineDocument.yaml(learn([path], workers: 2))
        #expect(first == second)
        let parsed = try BaselineDocument.parse(first, file: "s7.yaml")
        // Times live in the comments; everything else comes back as written.
        #expect(BaselineDocument.yaml(parsed).filter { !$0.isWhitespace }.count > 0)
        #expect(strippingComments(BaselineDocument.yaml(parsed)) == strippingComments(first))
        var original = learn([path])
        original.normalize()
        #expect(parsed.pairs.map(\.functions.count) == original.pairs.map(\.functions.count))
        #expect(parsed.pairs.flatMap(\.functions).map(\.timing) == original.pairs.flatMap(\.functions).map(\.timing))
        #expect(parsed.assets.map(\.identity) == original.assets.map(\.identity))
        #expect(first.contains("# 10.77.1.20 → 10.77.2.20 s7comm/102") || first.contains("→ 10.77.2.20 cotp/102"))
    }

    @Test func everyNormalScenarioRoundTrips() throws {
        for name in ["modbus", "s7", "enip", "opcua", "iec104", "bacnet", "mqtt", "dnp3"] {
            let text = BaselineDocument.yaml(learn([peerCapture("\(name)-normal")]))
            let parsed = try BaselineDocument.parse(text, file: name)
            #expect(strippingComments(BaselineDocument.yaml(parsed)) == strippingComments(text), "\(name)")
        }
    }

    func strippingComments(_ text: String) -> String {
        text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
            .joined(separator: "\n")
    }

    @Test func diffSaysWhatChangedInWords() throws {
        let old = learn([peerCapture("modbus-normal")])
        #expect(BaselineDiff.changes(from: old, to: old).isEmpty)
        var new = old
        let pairIndex = try #require(new.pairs.firstIndex { $0.server == Self.plc1 })
        let holding = try #require(new.pairs[pairIndex].functions.firstIndex { $0.code == 3 })
        new.pairs[pairIndex].functions[holding].timing?.periodMilliseconds = 5000
        new.pairs[pairIndex].functions.append(
            BaselineFunction(protocolName: "modbus", code: 16, name: "Write Multiple Registers", operation: "write"))
        new.pairs.append(
            BaselinePair(client: "10.0.0.5", server: "10.0.0.10", protocolName: "modbus", transport: "tcp", port: 502))
        let plc = try #require(new.assets.firstIndex { $0.addresses == [Self.plc1] })
        new.assets[plc].identity.firmware = "V3.0"
        var older = old
        older.assets[plc].identity.firmware = "V2.9"
        let changes = BaselineDiff.changes(from: older, to: new)
        #expect(changes.contains("new pair 10.0.0.5 → 10.0.0.10 modbus/502"))
        #expect(
            changes.contains(
                "function 16 Write Multiple Registers (write) now seen on 10.77.1.20 → 10.77.2.10 modbus/502"))
        #expect(
            changes.contains(
                "period of function 3 Read Holding Registers (read) on 10.77.1.20 → 10.77.2.10 modbus/502 changed from \(old.pairs[pairIndex].functions[holding].timing!.periodMilliseconds) ms to 5000 ms"
            ))
        #expect(changes.contains("firmware of 10.77.2.10 changed from V2.9 to V3.0"))
        #expect(changes.count == 4)
    }

    @Test func unknownKeysAndWrongTypesNameTheLineAndKey() throws {
        let text = BaselineDocument.yaml(learn([peerCapture("modbus-normal")]))
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let portLine = try #require(lines.firstIndex { $0.hasSuffix("port: 502") })
        var wrongType = lines
        wrongType[portLine] = wrongType[portLine].replacingOccurrences(of: "502", with: "five hundred")
        let typeError = #expect(throws: BaselineFileError.self) {
            try BaselineDocument.parse(wrongType.joined(separator: "\n"), file: "plant.yaml")
        }
        #expect(typeError?.line == portLine + 1)
        #expect(typeError?.key == "port")
        #expect(typeError?.description.hasPrefix("plant.yaml:\(portLine + 1): key 'port': ") == true)

        lines.insert("    bogus: 1", at: portLine)
        let keyError = #expect(throws: BaselineFileError.self) {
            try BaselineDocument.parse(lines.joined(separator: "\n"), file: "plant.yaml")
        }
        #expect(keyError?.line == portLine + 1)
        #expect(keyError?.key == "bogus")
        #expect(keyError?.description.contains("unknown key") == true)

        let badRange = text.replacingOccurrences(of: "ranges: \"0-9\"", with: "ranges: \"9-0\"")
        let rangeError = #expect(throws: BaselineFileError.self) {
            try BaselineDocument.parse(badRange, file: "plant.yaml")
        }
        #expect(rangeError?.key == "ranges")
        let badSchema = text.replacingOccurrences(
            of: "schema: palisade.baseline/1", with: "schema: palisade.baseline/9")
        #expect(throws: BaselineFileError.self) { try BaselineDocument.parse(badSchema) }
    }

    @Test func rangeListsMergeAndCap() {
        var ranges = RangeList()
        ranges.insert(0...9)
        ranges.insert(20...29)
        ranges.insert(10...12)
        #expect(ranges.description == "0-12, 20-29")
        #expect(ranges.contains(5...12))
        #expect(!ranges.contains(12...20))
        for start in stride(from: 100, to: 1000, by: 10) { ranges.insert(Int64(start)...Int64(start)) }
        ranges.cap(at: 16)
        #expect(ranges.count == 16)
        #expect(ranges.contains(0...12) && ranges.contains(990...990))
        #expect(RangeList(parsing: "0-9, 20, 30-39")?.description == "0-9, 20, 30-39")
        #expect(RangeList(parsing: "a-b") == nil)
    }

    @Test func learningIsIncrementalAndSaysWhenItStopsChanging() {
        let path = peerCapture("modbus-normal")
        let learner = BaselineLearner()
        let analyzer = CaptureAnalyzerWithAllEvents.make()
        _ = analyzer.run([path], observers: [learner])
        let revision = learner.revision
        #expect(revision > 0)
        // The same traffic again teaches nothing new.
        _ = analyzer.run([path], observers: [learner])
        #expect(!learner.changedSince(revision))
        let other = BaselineLearner()
        _ = analyzer.run([peerCapture("s7-normal")], observers: [other])
        learner.merge(other)
        #expect(learner.changedSince(revision))
    }

    /// The store keeps notable events as their JSON lines; learning from those lines gives the
    /// same functions and targets as learning from the packets.
    @Test func eventsReadBackAsJSONLearnLikeThePacketPath() throws {
        let path = peerCapture("modbus-attack")
        let fromPackets = learn([path])
        let (events, _) = CaptureAnalyzer(workers: 1).collectEvents([path])
        let learner = BaselineLearner()
        var parsed = 0
        for event in events {
            guard let observation = BaselineObservation(eventJSON: event.jsonLine) else { continue }
            learner.observe(observation)
            parsed += 1
        }
        #expect(parsed == events.count)
        let fromJSON = learner.snapshot()
        func summary(_ baseline: Baseline) -> [String] {
            baseline.pairs.filter { $0.protocolName == "modbus" }.flatMap { pair in
                pair.functions.map { function in
                    "\(pair.client)>\(pair.server):\(pair.port) \(function.code) \(function.name) \(function.operation) \(function.count) \(function.subfunctions) \(function.targets.map(\.title)) \(function.targets.map(\.ranges.description))"
                }
            }
        }
        #expect(!summary(fromJSON).isEmpty)
        #expect(summary(fromJSON) == summary(fromPackets))
        let rogue = try #require(fromJSON.pairs.first { $0.client == "10.77.9.66" && $0.port == 502 })
        #expect(rogue.functions.first { $0.code == 16 }?.targets.first?.ranges.description == "0-9")
    }
}
