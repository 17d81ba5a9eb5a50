import EventModel
import FlowTracking
import Foundation
import Monitor
import PacketLayers

/// The departures from the baseline that `BaselineMonitor` reports (the alert's `rule`).
public enum AnomalyKind: String, Sendable, CaseIterable {
    case newAsset = "anomaly.new-asset"
    case newPair = "anomaly.new-pair"
    case newProtocol = "anomaly.new-protocol"
    case newFunction = "anomaly.new-function"
    case newOperationSource = "anomaly.new-operation-source"
    case targetOutOfRange = "anomaly.target-out-of-range"
    case periodChange = "anomaly.period-change"
    case exchangeStopped = "anomaly.exchange-stopped"
    case identityChange = "anomaly.identity-change"
}

/// One anomaly on one subject, as the packet path keys it (no text).
struct AnomalyKey: Hashable, Sendable {
    var kind: AnomalyKind
    var client: Endpoint
    var server: Endpoint
    var port: UInt16
    var function: FunctionKey
    var detail: Int64

    static let noFunction = FunctionKey(protocolID: 0, operation: .none, group: -1, code: -1)
    static let nobody = Endpoint.ip(.unspecified)
}

/// What one anomaly key gathered so far; its text is made once, at the first occurrence.
struct AnomalyDraft: Sendable {
    var subject: [String]
    var firstTime: Int64
    var lastTime: Int64
    var count: UInt64 = 0
    var severity: Severity
    var techniques: [String]
    var assets: [String]
    var summary: String
    var explanation: String
    var evidence: [AlertEvidence] = []

    mutating func merge(_ other: AnomalyDraft) {
        if other.firstTime < firstTime {
            summary = other.summary
            explanation = other.explanation
        }
        firstTime = min(firstTime, other.firstTime)
        lastTime = max(lastTime, other.lastTime)
        count &+= other.count
        severity = max(severity, other.severity)
        evidence += other.evidence
        evidence.sort { ($0.time, $0.origin, $0.frame) < ($1.time, $1.origin, $1.frame) }
        if evidence.count > Alert.evidenceLimit { evidence.removeLast(evidence.count - Alert.evidenceLimit) }
    }

    mutating func update(time: Int64, evidence makeEvidence: () -> AlertEvidence) {
        count &+= 1
        firstTime = min(firstTime, time)
        lastTime = max(lastTime, time)
        if evidence.count < 3 { evidence.append(makeEvidence()) }
    }
}

/// How often a periodic function was seen on a pair, from the flows' per-function counts
/// (`MonitorConfiguration.countFunctions`, reported in parts every `checkpointInterval`).
struct ExchangeWatch: Sendable {
    var pair: PairKey
    var function: FunctionKey
    var timing: BaselineTiming
    /// Start of the window being counted and the events in it.
    var windowStart: Int64
    var windowEvents: UInt64 = 0
    /// The last report that counted the function, and the last report of the pair.
    var lastCounted: Int64
    var lastReport: Int64
    /// Frame of the flow's first packet, for evidence.
    var firstFrame: UInt64
    var flowText: String
}

/// Checks one worker's notable events and flows against the baseline (a `PacketPathObserver`:
/// on the worker's thread; `take` may be called from another, the lock is held per batch).
/// A known pair doing a known function on learned targets costs hash lookups and no allocation;
/// the text of an anomaly is written once, when its key is first seen.
public final class AnomalyCollector: PacketPathObserver, @unchecked Sendable {
    let index: BaselineIndex
    private var origin: String
    private var drafts: [AnomalyKey: AnomalyDraft] = [:]
    private var watches: [PairKey: [ExchangeWatch]] = [:]
    private let lock = NSLock()
    /// The latest packet time seen (the worker's clock).
    private(set) var now = Int64.min
    private(set) var start = Int64.max
    public private(set) var capHits: UInt64 = 0
    static let draftLimit = 100_000

    init(index: BaselineIndex, origin: String = "") {
        self.index = index
        self.origin = origin
    }

    public func captureFileStarted(_ path: String) {
        lock.withLock { origin = path }
    }

    // MARK: events

    public func observe(_ batch: EventBatch) {
        lock.lock()
        defer { lock.unlock() }
        // Events are read in place: a `for in` copied every 320-byte event.
        batch.events.withUnsafeBufferPointer { events in
            for index in events.indices {
                now = max(now, events[index].timestamp)
                start = min(start, events[index].timestamp)
                guard events[index].isNotable, events[index].protocolID != .arp else { continue }
                check(events[index], in: batch)
            }
        }
    }

    private func check(_ event: ProtocolEvent, in batch: EventBatch) {
        let pairKey = PairKey(event)
        let isRequest = event.direction == .request || event.direction == .broadcast
        if isRequest, Self.isDangerous(event.operation) {
            let source = Endpoint.source(of: event)
            if index.operationsBySource[source]?.contains(event.operation) != true {
                let key = AnomalyKey(
                    kind: .newOperationSource, client: source, server: AnomalyKey.nobody, port: 0,
                    function: FunctionKey(protocolID: 0, operation: event.operation, group: -1, code: -1), detail: 0)
                record(key, event: event, batch: batch) { self.newOperationSourceText(event, batch: batch) }
            }
        }
        guard let pair = index.pairs[pairKey] else {
            if event.isLayer2
                || index.hostPairs[BaselineIndex.HostPair(client: pairKey.client, server: pairKey.server)] == nil
            {
                let key = AnomalyKey(
                    kind: .newPair, client: pairKey.client, server: pairKey.server, port: pairKey.port,
                    function: AnomalyKey.noFunction, detail: 0)
                record(key, event: event, batch: batch) {
                    self.newPairText(
                        client: pairKey.client, server: pairKey.server, port: pairKey.port,
                        service: Self.service(event.protocolID.name, port: pairKey.port, layer2: event.isLayer2))
                }
            } else {
                let key = AnomalyKey(
                    kind: .newProtocol, client: pairKey.client, server: pairKey.server, port: pairKey.port,
                    function: AnomalyKey.noFunction, detail: 0)
                record(key, event: event, batch: batch) {
                    self.newProtocolText(
                        client: pairKey.client, server: pairKey.server,
                        service: Self.service(event.protocolID.name, port: pairKey.port, layer2: false))
                }
            }
            return
        }
        let functionKey = FunctionKey(event)
        guard let function = pair.function(functionKey) else {
            let key = AnomalyKey(
                kind: .newFunction, client: pairKey.client, server: pairKey.server, port: pairKey.port,
                function: functionKey, detail: -1)
            record(key, event: event, batch: batch) {
                self.newFunctionText(
                    pair: pair, protocolName: event.protocolID.name, code: event.function, group: event.functionGroup,
                    name: event.functionName.description, operation: event.operation, subfunction: nil)
            }
            return
        }
        if event.subfunction >= 0, !function.subfunctions.contains(event.subfunction) {
            let key = AnomalyKey(
                kind: .newFunction, client: pairKey.client, server: pairKey.server, port: pairKey.port,
                function: functionKey, detail: event.subfunction)
            record(key, event: event, batch: batch) {
                self.newFunctionText(
                    pair: pair, protocolName: event.protocolID.name, code: event.function, group: event.functionGroup,
                    name: event.functionName.description, operation: event.operation, subfunction: event.subfunction,
                    learnedSubfunctions: function.subfunctions)
            }
        }
        // Targets are judged for what changes a device: discovery and diagnostics wander over
        // names and objects (DNS names, SZL ids) as a matter of course.
        if isRequest, Self.isDangerous(event.operation), !index.contains(function, event, in: batch) {
            let key = AnomalyKey(
                kind: .targetOutOfRange, client: pairKey.client, server: pairKey.server, port: pairKey.port,
                function: functionKey, detail: 0)
            record(key, event: event, batch: batch) { self.targetText(function: function, event: event, batch: batch) }
        }
    }

    static func isDangerous(_ operation: EventOperation) -> Bool {
        switch operation {
        case .write, .control, .program, .firmware: true
        default: false
        }
    }

    private func record(
        _ key: AnomalyKey, event: ProtocolEvent, batch: EventBatch, text: () -> AnomalyDraft
    ) {
        if drafts[key] == nil {
            guard drafts.count < Self.draftLimit else {
                capHits &+= 1
                return
            }
            var draft = text()
            draft.firstTime = event.timestamp
            draft.lastTime = event.timestamp
            drafts[key] = draft
        }
        let origin = origin
        drafts[key]!.update(time: event.timestamp) {
            AlertEvidence(
                origin: origin, frame: event.frame, time: event.timestamp, flow: DetectionCollector.flowText(event),
                event: EventFormatter.jsonLine(event, in: batch))
        }
    }

    // MARK: flows

    public func flowEnded(_ flow: FlowSummary) {
        lock.lock()
        defer { lock.unlock() }
        let entry = flow.oriented.entry
        now = max(now, entry.lastSeen)
        start = min(start, entry.firstSeen)
        let pairKey = PairKey(flow)
        let transport = entry.key.ipProtocol == 6 ? "tcp" : entry.key.ipProtocol == 17 ? "udp" : "ip"
        let application = flow.application == .unknown ? transport : flow.application.name
        let flowText =
            "\(transport) \(entry.client.address):\(entry.client.port) → \(entry.server.address):\(entry.server.port)"
        guard let pair = index.pairs[pairKey] else {
            let known = index.hostPairs[BaselineIndex.HostPair(client: pairKey.client, server: pairKey.server)] != nil
            let key = AnomalyKey(
                kind: known ? .newProtocol : .newPair, client: pairKey.client, server: pairKey.server,
                port: pairKey.port, function: AnomalyKey.noFunction, detail: 0)
            let service = Self.service(application, port: pairKey.port, layer2: false)
            record(key, flow: flow, flowText: flowText) {
                known
                    ? self.newProtocolText(client: pairKey.client, server: pairKey.server, service: service)
                    : self.newPairText(
                        client: pairKey.client, server: pairKey.server, port: pairKey.port, service: service)
            }
            return
        }
        var counted: [FunctionKey: UInt64] = [:]
        for (tallyKey, count) in flow.functions {
            let functionKey = FunctionKey(
                protocolID: FunctionTally.protocolID(of: tallyKey), operation: FunctionTally.operation(of: tallyKey),
                group: -1, code: FunctionTally.function(of: tallyKey))
            if functionKey.protocolID == ApplicationProtocol.arp.id { continue }
            guard pair.function(functionKey) != nil else {
                let key = AnomalyKey(
                    kind: .newFunction, client: pairKey.client, server: pairKey.server, port: pairKey.port,
                    function: functionKey, detail: -1)
                let protocolName = ApplicationProtocol.withID(functionKey.protocolID)?.name ?? application
                record(key, flow: flow, flowText: flowText) {
                    self.newFunctionText(
                        pair: pair, protocolName: protocolName, code: functionKey.code, group: -1, name: "",
                        operation: functionKey.operation, subfunction: nil)
                }
                continue
            }
            counted[functionKey, default: 0] &+= UInt64(count)
        }
        watch(pair: pair, key: pairKey, flow: flow, counted: counted, flowText: flowText)
    }

    private func record(_ key: AnomalyKey, flow: FlowSummary, flowText: String, text: () -> AnomalyDraft) {
        let entry = flow.oriented.entry
        if drafts[key] == nil {
            guard drafts.count < Self.draftLimit else {
                capHits &+= 1
                return
            }
            var draft = text()
            draft.firstTime = entry.firstSeen
            draft.lastTime = entry.lastSeen
            drafts[key] = draft
        }
        let origin = origin
        drafts[key]!.update(time: entry.firstSeen) {
            AlertEvidence(
                origin: origin, frame: flow.isContinuation ? 0 : entry.firstFrame, time: entry.firstSeen,
                flow: flowText,
                note:
                    "flow\(flow.isContinuation ? " (continued)" : "") of \(entry.packets) packets, \(entry.clientBytes) bytes to the server and \(entry.serverBytes) back"
            )
        }
        drafts[key]!.lastTime = max(drafts[key]!.lastTime, entry.lastSeen)
    }

    /// Counts the periodic functions of a known pair in this report, and judges a window once it
    /// spans enough periods.
    private func watch(
        pair: BaselineIndex.Pair, key: PairKey, flow: FlowSummary, counted: [FunctionKey: UInt64], flowText: String
    ) {
        let entry = flow.oriented.entry
        let reportTime = entry.lastSeen
        if watches[key] == nil {
            var list: [ExchangeWatch] = []
            for (functionKey, function) in pair.ungrouped {
                guard let timing = function.timing else { continue }
                list.append(
                    ExchangeWatch(
                        pair: key, function: functionKey, timing: timing, windowStart: entry.firstSeen,
                        lastCounted: entry.firstSeen, lastReport: entry.firstSeen, firstFrame: entry.firstFrame,
                        flowText: flowText))
            }
            watches[key] = list
        }
        for index in watches[key]!.indices {
            var watch = watches[key]![index]
            watch.lastReport = max(watch.lastReport, reportTime)
            if let count = counted[watch.function], count > 0 {
                watch.windowEvents &+= count
                watch.lastCounted = max(watch.lastCounted, reportTime)
            }
            let period = watch.timing.periodMilliseconds * 1_000_000
            let span = reportTime - watch.windowStart
            if span >= BaselineMonitor.judgedWindow(period: period), watch.windowEvents > 0 {
                let exchanges = Double(watch.windowEvents) / watch.timing.eventsPerExchange
                let observed = Double(span) / max(1, exchanges)
                if BaselineMonitor.periodDiffers(observed: observed, timing: watch.timing) {
                    let anomaly = AnomalyKey(
                        kind: .periodChange, client: key.client, server: key.server, port: key.port,
                        function: watch.function, detail: 0)
                    let function = pair.ungrouped[watch.function]!
                    recordTiming(anomaly, time: watch.windowStart, end: reportTime, flowText: watch.flowText) {
                        self.periodText(function: function, observed: observed, span: span, events: watch.windowEvents)
                    }
                }
                watch.windowStart = reportTime
                watch.windowEvents = 0
            }
            watches[key]![index] = watch
        }
    }

    func recordTiming(_ key: AnomalyKey, time: Int64, end: Int64, flowText: String, text: () -> AnomalyDraft) {
        if drafts[key] == nil {
            guard drafts.count < Self.draftLimit else {
                capHits &+= 1
                return
            }
            var draft = text()
            draft.firstTime = time
            draft.lastTime = end
            drafts[key] = draft
        }
        let origin = origin
        let note = drafts[key]!.summary
        drafts[key]!.update(time: time) {
            AlertEvidence(origin: origin, frame: 0, time: time, flow: flowText, note: note)
        }
        drafts[key]!.lastTime = max(drafts[key]!.lastTime, end)
    }

    /// Everything found since the last call, with the exchange watches (kept: they go on).
    func take() -> (
        drafts: [AnomalyKey: AnomalyDraft], watches: [ExchangeWatch], start: Int64, now: Int64, capHits: UInt64
    ) {
        lock.withLock {
            let taken = drafts
            drafts = [:]
            let hits = capHits
            capHits = 0
            return (taken, watches.values.flatMap { $0 }, start, now, hits)
        }
    }

    // MARK: texts

    var learnedFrom: String { BaselineMonitor.learnedFrom(index.baseline) }

    static func service(_ protocolName: String, port: UInt16, layer2: Bool) -> String {
        layer2 || port == 0 ? protocolName : "\(protocolName)/\(port)"
    }

    func newPairText(client: Endpoint, server: Endpoint, port: UInt16, service: String) -> AnomalyDraft {
        let clientKnown = index.hosts.contains(client)
        let serverKnown = index.hosts.contains(server)
        var explanation =
            "The baseline (\(learnedFrom)) has no traffic from \(client) to \(server) on port \(port); it knows \(index.baseline.pairs.count) pairs."
        if !clientKnown { explanation += " \(client) is not in the baseline at all." }
        if !serverKnown { explanation += " \(server) is not in the baseline at all." }
        let serverIsGroup: Bool =
            switch server {
            case .ip(let address): address.isBroadcast || address.isMulticast || address.description.hasSuffix(".255")
            case .mac(let mac): mac.isMulticast
            }
        let severity: Severity = serverIsGroup && clientKnown ? .low : .medium
        return AnomalyDraft(
            subject: [client.description, server.description, String(port)], firstTime: 0, lastTime: 0,
            severity: severity, techniques: clientKnown ? [] : ["T0848"],
            assets: [client.description, server.description],
            summary: "New pair \(client) → \(server) \(service)", explanation: explanation)
    }

    func newProtocolText(client: Endpoint, server: Endpoint, service: String) -> AnomalyDraft {
        let known = (index.hostPairs[BaselineIndex.HostPair(client: client, server: server)] ?? []).map {
            let pair = index.baseline.pairs[$0]
            return Self.service(pair.protocolName, port: pair.port, layer2: pair.transport == "ethernet")
        }
        return AnomalyDraft(
            subject: [client.description, server.description, service], firstTime: 0, lastTime: 0, severity: .medium,
            techniques: ["T0869"], assets: [client.description, server.description],
            summary: "New protocol on a known pair: \(client) → \(server) now uses \(service)",
            explanation:
                "The baseline (\(learnedFrom)) knows \(client) → \(server) only with \(known.joined(separator: ", "))."
        )
    }

    func newFunctionText(
        pair: BaselineIndex.Pair, protocolName: String, code: Int64, group: Int64, name: String,
        operation: EventOperation,
        subfunction: Int64?, learnedSubfunctions: RangeList? = nil
    ) -> AnomalyDraft {
        let learned = index.baseline.pairs[pair.index]
        var function = BaselineFunction(
            protocolName: protocolName, group: group, code: code, name: name, operation: operation.name)
        if name.isEmpty, let known = FunctionNames.name(protocolName: protocolName, code: code) {
            function.name = known
        }
        var what = "\(protocolName) \(function.title)"
        if let subfunction { what += " sub-function \(subfunction)" }
        let knownFunctions = learned.functions.map { "\($0.protocolName) \($0.title) (\($0.operation))" }
        // Sessions open and close (a secure channel, a COTP disconnect): new ones are worth a
        // look, not a page.
        let severity: Severity = Self.isDangerous(operation) ? .medium : operation == .session ? .info : .low
        var techniques: [String] = []
        switch operation {
        case .write: techniques = ["T0855", "T0836"]
        case .control: techniques = ["T0855", "T0858"]
        case .program: techniques = ["T0843"]
        case .firmware: techniques = ["T0857"]
        case .discovery: techniques = ["T0888"]
        default: break
        }
        return AnomalyDraft(
            subject: [
                learned.client, learned.server, String(learned.port), protocolName, operation.name, String(code),
                String(subfunction ?? -1),
            ], firstTime: 0, lastTime: 0, severity: severity, techniques: techniques,
            assets: [learned.client, learned.server],
            summary:
                "\(what) (\(operation.name.isEmpty ? "no operation" : operation.name)) now seen on \(learned.title)",
            explanation:
                "The baseline (\(learnedFrom)) knows these functions on \(learned.title): \(knownFunctions.isEmpty ? "none" : knownFunctions.joined(separator: ", "))."
                + (learnedSubfunctions.map { " Sub-functions learned for it: \($0.isEmpty ? "none" : $0.description)." }
                    ?? "")
        )
    }

    func newOperationSourceText(_ event: ProtocolEvent, batch: EventBatch) -> AnomalyDraft {
        let source = Endpoint.source(of: event)
        let record = EventRecord(event, in: batch)
        let others = index.operationsBySource.filter { $0.value.contains(event.operation) }.map(\.key.description)
            .sorted()
        var techniques: [String]
        switch event.operation {
        case .write: techniques = ["T0855", "T0836"]
        case .control: techniques = ["T0858", "T0816"]
        case .program: techniques = ["T0843"]
        default: techniques = ["T0857"]
        }
        let action = Occurrence(record, countedNoun: "").action
        return AnomalyDraft(
            subject: [source.description, event.operation.name], firstTime: 0, lastTime: 0, severity: .high,
            techniques: techniques, assets: [record.source, record.destination],
            summary:
                "\(record.source) sent a \(event.operation.name) for the first time: \(action) to \(record.destination)",
            explanation:
                "In the baseline (\(learnedFrom)) \(record.source) never sent \(event.operation.name) requests; "
                + (others.isEmpty
                    ? "no host did."
                    : "the hosts that did: \(others.prefix(10).joined(separator: ", "))\(others.count > 10 ? " and \(others.count - 10) more" : "").")
        )
    }

    func targetText(function: BaselineIndex.Function, event: ProtocolEvent, batch: EventBatch) -> AnomalyDraft {
        let pair = index.baseline.pairs[function.pairIndex]
        let learned = pair.functions[function.functionIndex]
        let record = EventRecord(event, in: batch)
        let target = TargetDescription.describe(record)
        let ranges = learned.targets.map { target in
            target.kind.usesValues
                ? "\(target.title): \(target.values.prefix(8).joined(separator: ", "))"
                : "\(target.title): \(target.ranges.isEmpty ? "any" : target.ranges.description)"
        }
        var techniques = ["T0855"]
        if event.operation == .write { techniques.append("T0836") }
        return AnomalyDraft(
            subject: [
                pair.client, pair.server, String(pair.port), learned.protocolName, learned.operation,
                String(learned.code),
            ],
            firstTime: 0, lastTime: 0, severity: .medium, techniques: techniques, assets: [pair.client, pair.server],
            summary:
                "\(learned.protocolName) \(learned.title) on \(pair.title) touched \(target), outside the learned targets",
            explanation:
                "The baseline (\(learnedFrom)) has \(learned.title) on this pair only on \(ranges.joined(separator: "; "))."
        )
    }

    func periodText(function: BaselineIndex.Function, observed: Double, span: Int64, events: UInt64) -> AnomalyDraft {
        let pair = index.baseline.pairs[function.pairIndex]
        let learned = pair.functions[function.functionIndex]
        let timing = learned.timing!
        let observedMilliseconds = Int64((observed / 1e6).rounded())
        return AnomalyDraft(
            subject: [
                pair.client, pair.server, String(pair.port), learned.protocolName, learned.operation,
                String(learned.code),
            ],
            firstTime: 0, lastTime: 0, severity: .medium, techniques: [], assets: [pair.client, pair.server],
            summary:
                "Period of \(learned.protocolName) \(learned.title) on \(pair.title) changed from \(timing.periodMilliseconds) ms to \(observedMilliseconds) ms",
            explanation:
                "The baseline (\(learnedFrom)) has this exchange every \(timing.periodMilliseconds) ms ± \(timing.jitterMilliseconds) ms (\(timing.samples) intervals); \(events) events in \(DetectionCollector.duration(span)) make one every \(observedMilliseconds) ms."
        )
    }
}

/// Names of function codes for anomalies found in flows' counts (which carry codes only).
enum FunctionNames {
    static func name(protocolName: String, code: Int64) -> String? {
        switch protocolName {
        case "modbus":
            switch code {
            case 1: "Read Coils"
            case 2: "Read Discrete Inputs"
            case 3: "Read Holding Registers"
            case 4: "Read Input Registers"
            case 5: "Write Single Coil"
            case 6: "Write Single Register"
            case 8: "Diagnostics"
            case 15: "Write Multiple Coils"
            case 16: "Write Multiple Registers"
            case 17: "Report Server ID"
            case 22: "Mask Write Register"
            case 23: "Read/Write Multiple Registers"
            case 43: "Encapsulated Interface Transport"
            default: nil
            }
        default: nil
        }
    }
}
