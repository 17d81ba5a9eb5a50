import EventModel
import FlowTracking
import Foundation
import Monitor
import PacketLayers

/// A host as the packet path names it: by IP, or by MAC for layer-2 traffic.
public enum Endpoint: Hashable, Sendable, Comparable, CustomStringConvertible {
    case ip(IPAddress)
    case mac(MACAddress)

    public var description: String {
        switch self {
        case .ip(let address): address.description
        case .mac(let address): address.description
        }
    }

    static func source(of event: ProtocolEvent) -> Endpoint {
        event.isLayer2 ? .mac(event.sourceMAC) : .ip(event.source)
    }
    static func destination(of event: ProtocolEvent) -> Endpoint {
        event.isLayer2 ? .mac(event.destinationMAC) : .ip(event.destination)
    }
}

/// What one rule saw of one subject so far (merged across workers by `AlertCorrelator`).
struct DraftKey: Hashable, Sendable {
    var rule: Int32
    var source: Endpoint
    /// nil when the rule counts per source.
    var destination: Endpoint?
    var detail: Int64
    /// Time bucket of `rate` triggers (half a window), 0 otherwise.
    var bucket: Int64
}

struct Draft: Sendable {
    var firstTime: Int64
    var lastTime: Int64
    var count: UInt64 = 0
    var severity: Severity
    var occurrence: Occurrence
    var evidence: [AlertEvidence] = []
    /// `distinct` triggers: each value with the first time it was seen (capped).
    var values: [Int64: Int64] = [:]
    /// Destinations of per-source groups (a few, for the alert's assets).
    var destinations: [Endpoint] = []

    mutating func merge(_ other: Draft) {
        if other.firstTime < firstTime { occurrence = other.occurrence }
        firstTime = min(firstTime, other.firstTime)
        lastTime = max(lastTime, other.lastTime)
        count &+= other.count
        severity = max(severity, other.severity)
        for (value, time) in other.values where values.count < Draft.valueLimit || values[value] != nil {
            values[value] = min(values[value] ?? .max, time)
        }
        for destination in other.destinations where destinations.count < Draft.destinationLimit {
            if !destinations.contains(destination) { destinations.append(destination) }
        }
        if !other.evidence.isEmpty {
            evidence += other.evidence
            evidence.sort { ($0.time, $0.origin, $0.frame) < ($1.time, $1.origin, $1.frame) }
            if evidence.count > Alert.evidenceLimit { evidence.removeLast(evidence.count - Alert.evidenceLimit) }
        }
    }

    static let valueLimit = 4096
    static let destinationLimit = 16
}

/// Runs the rules on one worker's notable events and flows (a `PacketPathObserver`, so on the
/// worker's own thread) and keeps what they found as drafts, merged per rule and subject. Only
/// the first occurrences of a draft are turned into text; the rest are counted. The live sensor
/// takes the drafts about once a second (`take`), from another thread: the lock is held per batch.
public final class DetectionCollector: PacketPathObserver, @unchecked Sendable {
    public let rules: RuleSet
    /// Where frames come from: the capture file, or `sensor:<interface>`.
    private var origin: String
    private var drafts: [DraftKey: Draft] = [:]
    private let lock = NSLock()
    /// Drafts refused because the table was full (counted, never unbounded).
    public private(set) var capHits: UInt64 = 0
    static let draftLimit = 200_000

    public init(rules: RuleSet, origin: String = "") {
        self.rules = rules
        self.origin = origin
    }

    public func captureFileStarted(_ path: String) {
        lock.withLock { origin = path }
    }

    public func observe(_ batch: EventBatch) {
        lock.lock()
        defer { lock.unlock() }
        // Rules judge notable events; a batch holds every event while a baseline is learned.
        // Rules are called through a buffer pointer: subscripting the array copied each rule's
        // existential (and retained what it holds) for every call.
        rules.all.withUnsafeBufferPointer { all in
            for event in batch.events where event.isNotable {
                let candidates = rules.rules(for: event.protocolID)
                if candidates.isEmpty { continue }
                for index in candidates {
                    guard let hit = all[Int(index)].match(event, in: batch) else { continue }
                    record(rule: index, hit: hit, event: event, batch: batch)
                }
            }
        }
    }

    public func flowEnded(_ flow: FlowSummary) {
        guard !rules.flowRules.isEmpty else { return }
        lock.lock()
        defer { lock.unlock() }
        rules.all.withUnsafeBufferPointer { all in
            for index in rules.flowRules {
                guard let hit = all[Int(index)].match(flow: flow) else { continue }
                record(rule: index, hit: hit, flow: flow)
            }
        }
    }

    /// Everything found since the last call (the live sensor's hand-over).
    func take() -> [DraftKey: Draft] {
        lock.withLock {
            let taken = drafts
            drafts = [:]
            return taken
        }
    }

    // MARK: recording

    private func key(rule index: Int32, hit: RuleHit, source: Endpoint, destination: Endpoint, time: Int64)
        -> DraftKey
    {
        switch rules.descriptors[Int(index)].trigger {
        case .each:
            return DraftKey(rule: index, source: source, destination: destination, detail: hit.detail, bucket: 0)
        case .distinct(_, _, let per):
            return DraftKey(
                rule: index, source: source, destination: per == .pair ? destination : nil, detail: hit.detail,
                bucket: 0)
        case .rate(_, let window, let per):
            let half = Int64(max(1, window)) * 500_000_000
            return DraftKey(
                rule: index, source: source, destination: per == .pair ? destination : nil, detail: hit.detail,
                bucket: time / half)
        }
    }

    private func record(rule index: Int32, hit: RuleHit, event: ProtocolEvent, batch: EventBatch) {
        let source = Endpoint.source(of: event)
        let destination = Endpoint.destination(of: event)
        let key = key(rule: index, hit: hit, source: source, destination: destination, time: event.timestamp)
        let slot: Dictionary<DraftKey, Draft>.Index
        if let found = drafts.index(forKey: key) {
            slot = found
        } else {
            guard drafts.count < Self.draftLimit else {
                capHits &+= 1
                return
            }
            let descriptor = rules.descriptors[Int(index)]
            let record = EventRecord(event, in: batch)
            var occurrence = Occurrence(record, countedNoun: descriptor.countedNoun)
            if descriptor.withholdsEventText { occurrence.target = "" }
            drafts[key] = Draft(
                firstTime: event.timestamp, lastTime: event.timestamp,
                severity: hit.severity ?? descriptor.severity, occurrence: occurrence)
            slot = drafts.index(forKey: key)!
        }
        // Mutated in place: a copy out of the dictionary would copy the draft's arrays.
        drafts.values[slot].update(
            time: event.timestamp, hit: hit, destination: key.destination == nil ? destination : nil
        ) {
            let record = EventRecord(event, in: batch)
            guard !rules.descriptors[Int(index)].withholdsEventText else {
                return AlertEvidence(
                    origin: origin, frame: event.frame, time: event.timestamp, flow: Self.flowText(record),
                    note: "\(record.protocolName) \(record.functionName): event text withheld, it carries a secret")
            }
            return AlertEvidence(
                origin: origin, frame: event.frame, time: event.timestamp, flow: Self.flowText(record),
                event: record.jsonLine)
        }
    }

    private func record(rule index: Int32, hit: RuleHit, flow: FlowSummary) {
        let entry = flow.oriented.entry
        let client = entry.client
        let server = entry.server
        let source = Endpoint.ip(client.address)
        let destination = Endpoint.ip(server.address)
        let key = key(rule: index, hit: hit, source: source, destination: destination, time: entry.firstSeen)
        let rule = rules.all[Int(index)]
        let transport = entry.key.ipProtocol == 6 ? "tcp" : entry.key.ipProtocol == 17 ? "udp" : "ip"
        if drafts[key] == nil {
            guard drafts.count < Self.draftLimit else {
                capHits &+= 1
                return
            }
            let application = flow.application == .unknown ? transport : flow.application.name
            drafts[key] = Draft(
                firstTime: entry.firstSeen, lastTime: entry.lastSeen,
                severity: hit.severity ?? rule.descriptor.severity,
                occurrence: Occurrence(
                    source: client.address.description, destination: server.address.description,
                    protocolName: application, functionName: "\(transport)/\(server.port) session", function: nil,
                    target: "", countedNoun: rule.descriptor.countedNoun))
        }
        let origin = origin
        drafts[key]!.update(
            time: entry.firstSeen, lastTime: entry.lastSeen, hit: hit,
            destination: key.destination == nil ? destination : nil
        ) {
            AlertEvidence(
                origin: origin, frame: entry.firstFrame, time: entry.firstSeen,
                flow: "\(transport) \(client.address):\(client.port) → \(server.address):\(server.port)",
                note:
                    "flow of \(entry.packets) packets, \(entry.clientBytes) bytes to the server and \(entry.serverBytes) back, \(Self.duration(entry.lastSeen - entry.firstSeen))"
            )
        }
    }

    static func flowText(_ record: EventRecord) -> String {
        let source = record.sourcePort.map { "\(record.source):\($0)" } ?? record.source
        let destination = record.destinationPort.map { "\(record.destination):\($0)" } ?? record.destination
        return "\(record.protocolName) \(source) → \(destination)"
    }

    static func duration(_ nanoseconds: Int64) -> String {
        let seconds = Double(nanoseconds) / 1e9
        return seconds < 10 ? String(format: "%.2f s", seconds) : String(format: "%.0f s", seconds)
    }
}

extension Draft {
    /// Counts one more occurrence; `evidence` is only called while the draft wants more.
    mutating func update(
        time: Int64, lastTime last: Int64? = nil, hit: RuleHit, destination: Endpoint?,
        evidence makeEvidence: () -> AlertEvidence
    ) {
        count &+= 1
        firstTime = min(firstTime, time)
        lastTime = max(lastTime, last ?? time)
        if let severity = hit.severity { self.severity = max(self.severity, severity) }
        if let destination, destinations.count < Draft.destinationLimit, !destinations.contains(destination) {
            destinations.append(destination)
        }
        var isNewValue = false
        if values[hit.value] == nil, values.count < Draft.valueLimit {
            values[hit.value] = time
            isNewValue = true
        }
        // Evidence for the first occurrences, and for each new value of a sweep.
        if evidence.count < Alert.evidenceLimit && (isNewValue || evidence.count < 3) {
            evidence.append(makeEvidence())
        }
    }
}

extension Occurrence {
    init(_ record: EventRecord, countedNoun: String) {
        self.init(
            source: record.source, destination: record.destination, protocolName: record.protocolName,
            functionName: record.functionName, function: record.function, operation: record.operation,
            target: TargetDescription.describe(record), countedNoun: countedNoun)
        subfunction = record.subfunction
    }
}
