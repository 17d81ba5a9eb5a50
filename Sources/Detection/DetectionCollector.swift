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

    /// The endpoint mixed into one word (for `DraftKey`'s hash).
    var word: UInt64 {
        switch self {
        case .ip(let address): address.mixedWord
        case .mac(let address): (address.rawValue | 1 << 63) &* 0xBF58_476D_1CE4_E5B9
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

    /// The fields folded into one word first: the synthesised hash fed the hasher a dozen
    /// values per rule hit (hundreds of thousands of hits on a busy capture).
    func hash(into hasher: inout Hasher) {
        var word = UInt64(truncatingIfNeeded: rule) &* 0x9E37_79B9_7F4A_7C15
        word ^= UInt64(bitPattern: detail) &* 0xC2B2_AE3D_27D4_EB4F
        word ^= UInt64(bitPattern: bucket) &* 0x1656_67B1_9E37_79F9
        word ^= source.word &* 0xD6E8_FEB8_6659_FD93
        word ^= (destination?.word ?? 0x5851_F42D_4C95_7F2D) &* 0xFF51_AFD7_ED55_8CCD
        hasher.combine(word)
    }
}

struct Draft: Sendable {
    var firstTime: Int64
    var lastTime: Int64
    var count: UInt64 = 0
    var severity: Severity
    var occurrence: Occurrence
    /// `distinct` triggers: each value with the first time it was seen (capped).
    var values: [Int64: Int64] = [:]
    /// Evidence candidates with their hit values: the first occurrences, and the first occurrence
    /// of each new value. `evidence` chooses among them in time order as one stream would, so
    /// the evidence is the same whatever the number of workers that saw the traffic.
    var earliestEvidence: [EvidenceCandidate] = []
    var newValueEvidence: [EvidenceCandidate] = []
    /// Destinations of per-source groups with the time each was first seen (the first few, for
    /// the alert's assets).
    var firstDestinations: [(endpoint: Endpoint, time: Int64)] = []

    struct EvidenceCandidate: Sendable, Hashable {
        var evidence: AlertEvidence
        var value: Int64

        static func precedes(_ a: EvidenceCandidate, _ b: EvidenceCandidate) -> Bool {
            (a.evidence.time, a.evidence.origin, a.evidence.frame, a.evidence.event, a.value) < (
                b.evidence.time, b.evidence.origin, b.evidence.frame, b.evidence.event, b.value
            )
        }
    }

    /// The first occurrences (always shown) before new values take the rest of the evidence.
    static let firstOccurrences = 3

    /// The alert's evidence: the first `firstOccurrences` occurrences, then the first occurrence
    /// of each new value, up to `Alert.evidenceLimit`, in time order.
    var evidence: [AlertEvidence] {
        // A dozen candidates at most: duplicates are found by a scan, not by hashing the events'
        // text into a Set (which was most of judging a draft).
        var candidates: [EvidenceCandidate] = []
        candidates.reserveCapacity(earliestEvidence.count + newValueEvidence.count)
        for candidate in earliestEvidence where !candidates.contains(candidate) { candidates.append(candidate) }
        for candidate in newValueEvidence where !candidates.contains(candidate) { candidates.append(candidate) }
        candidates.sort(by: EvidenceCandidate.precedes)
        var seen = Set<Int64>()
        var chosen: [AlertEvidence] = []
        for candidate in candidates {
            // New when it is the value's first occurrence over all workers (`values` keeps the
            // earliest time of each value).
            let isNew = values[candidate.value] == candidate.evidence.time && seen.insert(candidate.value).inserted
            if chosen.count < Alert.evidenceLimit && (isNew || chosen.count < Self.firstOccurrences) {
                chosen.append(candidate.evidence)
            }
        }
        return chosen
    }

    /// Destinations in the order first seen.
    var destinations: [Endpoint] { firstDestinations.map(\.endpoint) }

    mutating func merge(_ other: Draft) {
        if other.firstTime < firstTime { occurrence = other.occurrence }
        firstTime = min(firstTime, other.firstTime)
        lastTime = max(lastTime, other.lastTime)
        count &+= other.count
        severity = max(severity, other.severity)
        for (value, time) in other.values where values.count < Draft.valueLimit || values[value] != nil {
            values[value] = min(values[value] ?? .max, time)
        }
        if !other.firstDestinations.isEmpty {
            var times: [Endpoint: Int64] = [:]
            for (endpoint, time) in firstDestinations + other.firstDestinations {
                times[endpoint] = min(times[endpoint] ?? .max, time)
            }
            firstDestinations = times.map { ($0.key, $0.value) }.sorted {
                ($0.time, $0.endpoint) < ($1.time, $1.endpoint)
            }
            if firstDestinations.count > Draft.destinationLimit {
                firstDestinations.removeLast(firstDestinations.count - Draft.destinationLimit)
            }
        }
        if !other.earliestEvidence.isEmpty {
            earliestEvidence = Array(
                Set(earliestEvidence).union(other.earliestEvidence).sorted(by: EvidenceCandidate.precedes)
                    .prefix(Self.firstOccurrences))
        }
        if !other.newValueEvidence.isEmpty {
            // Each value's earliest candidate; the first `evidenceLimit` values by time.
            var earliest: [Int64: EvidenceCandidate] = [:]
            for candidate in newValueEvidence + other.newValueEvidence {
                if let held = earliest[candidate.value], !EvidenceCandidate.precedes(candidate, held) { continue }
                earliest[candidate.value] = candidate
            }
            newValueEvidence = Array(earliest.values.sorted(by: EvidenceCandidate.precedes).prefix(Alert.evidenceLimit))
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
    private var drafts = DraftTable()
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
        // Rules and their candidate lists are read through buffer pointers and unmanaged boxes:
        // no reference counting and no copy of a rule per call.
        rules.matchers.withUnsafeBufferPointer { matchers in
            rules.candidateIndices.withUnsafeBufferPointer { indices in
                rules.candidateRanges.withUnsafeBufferPointer { ranges in
                    // Events are tested in place: a `for in` copied every 320-byte event. A
                    // notable one is copied once, as the rules' calls would copy it per rule.
                    batch.events.withUnsafeBufferPointer { events in
                        for eventIndex in events.indices where events[eventIndex].isNotable {
                            let slot = Int(events[eventIndex].protocolID.id)
                            guard slot < ranges.count, !ranges[slot].isEmpty else { continue }
                            let event = events[eventIndex]
                            for position in ranges[slot] {
                                let index = indices[position]
                                guard
                                    let hit = matchers[Int(index)]._withUnsafeGuaranteedRef({
                                        $0.rule.match(event, in: batch)
                                    })
                                else { continue }
                                record(rule: index, hit: hit, event: event, batch: batch)
                            }
                        }
                    }
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
    func take() -> DraftTable {
        lock.withLock {
            let taken = drafts
            drafts = DraftTable()
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
        // A new draft's record, whose JSON line its first evidence reuses (a record is a few
        // microseconds of strings and JSON).
        var made: EventRecord?
        let slot: Int
        if let found = drafts.slot(of: key) {
            slot = found
        } else {
            guard drafts.count < Self.draftLimit else {
                capHits &+= 1
                return
            }
            let descriptor = rules.descriptors[Int(index)]
            let record = EventRecord(event, in: batch)
            made = record
            var occurrence = Occurrence(record, countedNoun: descriptor.countedNoun)
            if descriptor.withholdsEventText { occurrence.target = "" }
            slot = drafts.append(
                Draft(
                    firstTime: event.timestamp, lastTime: event.timestamp,
                    severity: hit.severity ?? descriptor.severity, occurrence: occurrence),
                for: key)
        }
        // Mutated in place: a copy would copy the draft's arrays.
        drafts.update(slot) {
            $0.update(time: event.timestamp, hit: hit, destination: key.destination == nil ? destination : nil) {
                // Evidence needs only the line and the flow: written straight from the event, the line
                // taken from the record when the draft has just made one.
                let flow = Self.flowText(event)
                guard !rules.descriptors[Int(index)].withholdsEventText else {
                    return AlertEvidence(
                        origin: origin, frame: event.frame, time: event.timestamp, flow: flow,
                        note: "\(event.protocolID.name) \(event.functionName): event text withheld, it carries a secret"
                    )
                }
                return AlertEvidence(
                    origin: origin, frame: event.frame, time: event.timestamp, flow: flow,
                    event: made?.jsonLine ?? EventFormatter.jsonLine(event, in: batch))
            }
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
        let slot: Int
        if let found = drafts.slot(of: key) {
            slot = found
        } else {
            guard drafts.count < Self.draftLimit else {
                capHits &+= 1
                return
            }
            let application = flow.application == .unknown ? transport : flow.application.name
            slot = drafts.append(
                Draft(
                    firstTime: entry.firstSeen, lastTime: entry.lastSeen,
                    severity: hit.severity ?? rule.descriptor.severity,
                    occurrence: Occurrence(
                        source: client.address.description, destination: server.address.description,
                        protocolName: application, functionName: "\(transport)/\(server.port) session", function: nil,
                        target: "", countedNoun: rule.descriptor.countedNoun)), for: key)
        }
        let origin = origin
        drafts.update(slot) {
            $0.update(
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
    }

    /// `protocol source:port → destination:port` (MACs for layer-2 events, no ports when it has none).
    static func flowText(_ event: ProtocolEvent) -> String {
        let source = event.isLayer2 ? event.sourceMAC.description : event.source.description
        let destination = event.isLayer2 ? event.destinationMAC.description : event.destination.description
        guard event.hasPorts else { return "\(event.protocolID.name) \(source) → \(destination)" }
        return "\(event.protocolID.name) \(source):\(event.sourcePort) → \(destination):\(event.destinationPort)"
    }

    static func duration(_ nanoseconds: Int64) -> String {
        let seconds = Double(nanoseconds) / 1e9
        return seconds < 10 ? String(format: "%.2f s", seconds) : String(format: "%.0f s", seconds)
    }
}

extension Draft {
    private static func wants(_ time: Int64, in list: [EvidenceCandidate], limit: Int) -> Bool {
        list.count < limit || time < list[list.count - 1].evidence.time
    }

    /// Keeps the earliest `destinationLimit` destinations, in time order.
    private mutating func noteDestination(_ destination: Endpoint, at time: Int64) {
        if let index = firstDestinations.firstIndex(where: { $0.endpoint == destination }) {
            guard time < firstDestinations[index].time else { return }
            firstDestinations.remove(at: index)
        } else if firstDestinations.count >= Draft.destinationLimit,
            time >= firstDestinations[firstDestinations.count - 1].time
        {
            return
        }
        let position =
            firstDestinations.firstIndex { (time, destination) < ($0.time, $0.endpoint) } ?? firstDestinations.count
        firstDestinations.insert((destination, time), at: position)
        if firstDestinations.count > Draft.destinationLimit { firstDestinations.removeLast() }
    }

    /// Inserts in time order and drops the latest beyond `limit`.
    private static func keep(_ candidate: EvidenceCandidate, in list: inout [EvidenceCandidate], limit: Int) {
        let position = list.firstIndex { EvidenceCandidate.precedes(candidate, $0) } ?? list.count
        list.insert(candidate, at: position)
        if list.count > limit { list.removeLast() }
    }

    /// Counts one more occurrence; `evidence` is only called while the draft wants more.
    mutating func update(
        time: Int64, lastTime last: Int64? = nil, hit: RuleHit, destination: Endpoint?,
        evidence makeEvidence: () -> AlertEvidence
    ) {
        count &+= 1
        firstTime = min(firstTime, time)
        lastTime = max(lastTime, last ?? time)
        if let severity = hit.severity { self.severity = max(self.severity, severity) }
        if let destination { noteDestination(destination, at: time) }
        // A value's first occurrence is its earliest by time: flow rules report at the flow's end.
        var isNewValue = false
        if let seenAt = values[hit.value] {
            if time < seenAt {
                values[hit.value] = time
                newValueEvidence.removeAll { $0.value == hit.value }
                isNewValue = true
            }
        } else if values.count < Draft.valueLimit {
            values[hit.value] = time
            isNewValue = true
        }
        // Candidates (lists kept in time order): the earliest occurrences, and the first
        // occurrence of each of the earliest new values of a sweep.
        let wantsEarliest = Self.wants(time, in: earliestEvidence, limit: Draft.firstOccurrences)
        let wantsNewValue = isNewValue && Self.wants(time, in: newValueEvidence, limit: Alert.evidenceLimit)
        if wantsEarliest || wantsNewValue {
            let candidate = EvidenceCandidate(evidence: makeEvidence(), value: hit.value)
            if wantsEarliest { Self.keep(candidate, in: &earliestEvidence, limit: Draft.firstOccurrences) }
            if wantsNewValue { Self.keep(candidate, in: &newValueEvidence, limit: Alert.evidenceLimit) }
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
