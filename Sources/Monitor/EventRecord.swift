import EventModel
import PacketLayers

/// An event with its text materialised (no arena): for tests, reports and the later analyses.
/// Costs allocations, so the packet path never builds these; `decode` prints from batches directly.
public struct EventRecord: Sendable, Hashable {
    public var frame: UInt64
    public var timestamp: Int64
    public var source: String
    public var destination: String
    public var sourcePort: UInt16?
    public var destinationPort: UInt16?
    public var protocolName: String
    public var function: Int64?
    public var functionGroup: Int64?
    public var subfunction: Int64?
    public var functionName: String
    public var direction: String
    public var operation: String
    public var targetKind: EventTarget.Kind
    public var targetNumbers: [Int64]
    public var targetText: String
    public var resultStatus: EventResult.Status
    public var resultCode: Int64
    /// Facts about the sender, by key name.
    public var identity: [String: String]
    /// Facts about other hosts: (subject address, key name, value).
    public var relatedIdentity: [RelatedFact]
    public var anomaly: String?
    public var jsonLine: String

    public init(_ event: ProtocolEvent, in batch: EventBatch) {
        frame = event.frame
        timestamp = event.timestamp
        source = event.isLayer2 ? event.sourceMAC.description : event.source.description
        destination = event.isLayer2 ? event.destinationMAC.description : event.destination.description
        sourcePort = event.hasPorts ? event.sourcePort : nil
        destinationPort = event.hasPorts ? event.destinationPort : nil
        protocolName = event.protocolID.name
        function = event.function >= 0 ? event.function : nil
        functionGroup = event.functionGroup >= 0 ? event.functionGroup : nil
        subfunction = event.subfunction >= 0 ? event.subfunction : nil
        functionName = event.functionName.description
        direction = event.direction.name
        operation = event.operation.name
        targetKind = event.target.kind
        targetNumbers = [event.target.first, event.target.second, event.target.third, event.target.fourth]
        targetText = batch.string(event.target.text)
        resultStatus = event.result.status
        resultCode = event.result.code
        var facts: [String: String] = [:]
        var related: [RelatedFact] = []
        for fact in batch.facts(of: event) {
            if fact.subject == .source {
                let value = batch.string(fact.value)
                facts[fact.key.name] = facts[fact.key.name].map { $0 + ", " + value } ?? value
            } else {
                related.append(
                    RelatedFact(
                        subject: EventFormatter.subjectText(fact.subject, of: event), key: fact.key.name,
                        value: batch.string(fact.value)))
            }
        }
        identity = facts
        relatedIdentity = related
        anomaly = event.anomaly?.kind.name
        jsonLine = EventFormatter.jsonLine(event, in: batch)
    }
}

public struct RelatedFact: Sendable, Hashable {
    public var subject: String
    public var key: String
    public var value: String
}

extension CaptureAnalyzer {
    /// Every event of `paths` in capture order, materialised. For tests and small captures.
    public func collectEvents(_ paths: [String]) -> (events: [EventRecord], result: Result) {
        var analyzer = self
        analyzer.configuration.collectEvents = true
        let sink = EventRecordSink()
        let result = analyzer.run(paths, onEvents: { worker, batch in sink.add(batch, worker: worker) })
        return (sink.sorted(), result)
    }
}

final class EventRecordSink: @unchecked Sendable {
    private var records: [(EventRecord, UInt32, Int)] = []
    func add(_ batch: EventBatch, worker: Int) {
        for event in batch.events { records.append((EventRecord(event, in: batch), event.sequence, worker)) }
    }
    func sorted() -> [EventRecord] {
        records.sorted { ($0.0.frame, $0.1, $0.2) < ($1.0.frame, $1.1, $1.2) }.map(\.0)
    }
}
