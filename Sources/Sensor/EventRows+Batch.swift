import EventModel
import Monitor
import PacketLayers
import Storage

extension EventRows {
    /// Appends a notable event as a row (on the worker's thread, while its batch is valid): its
    /// columns written as bytes (names are static, addresses written in place) and its JSON line
    /// formatted in `line`, a writer reused from one event to the next.
    mutating func append(_ event: ProtocolEvent, in batch: EventBatch, line: inout JSONWriter) {
        let layer2 = event.isLayer2
        beginRow(
            timestamp: event.timestamp, frame: event.frame, function: event.function >= 0 ? event.function : nil,
            sourcePort: event.hasPorts ? event.sourcePort : nil,
            destinationPort: event.hasPorts ? event.destinationPort : nil)
        appendColumn(event.protocolID.staticName)
        appendColumn(event.operation.name)
        appendColumn(event.functionName)
        appendColumn(event.direction.name)
        if layer2 {
            appendColumn(writingAtMost: MACAddress.textLength) { event.sourceMAC.write(to: $0) }
            appendColumn(writingAtMost: MACAddress.textLength) { event.destinationMAC.write(to: $0) }
        } else {
            appendColumn(writingAtMost: IPAddress.maximumTextLength) { event.source.write(to: $0) }
            appendColumn(writingAtMost: IPAddress.maximumTextLength) { event.destination.write(to: $0) }
        }
        if event.hasMACs {
            appendColumn(writingAtMost: MACAddress.textLength) { event.sourceMAC.write(to: $0) }
            appendColumn(writingAtMost: MACAddress.textLength) { event.destinationMAC.write(to: $0) }
        } else {
            appendNullColumn()
            appendNullColumn()
        }
        if let anomaly = event.anomaly { appendColumn(anomaly.kind.name) } else { appendNullColumn() }
        line.removeAll()
        let prefixLength = EventFormatter.writeLine(event, in: batch, into: &line)
        line.withUnsafeBytes { appendColumn($0) }
        endRow(linePrefixLength: prefixLength)
        assert(prefixLength == columnPrefixLength(of: count - 1), "the line's prefix is not what its columns rebuild")
    }

    /// The prefix length a store measures from row `index`'s columns (to check the formatter).
    private func columnPrefixLength(of index: Int) -> Int {
        let event = storedEvent(at: index)
        var scratch = JSONWriter()
        return EventFormatter.linePrefixLength(
            of: event.json, frame: event.frame, timestamp: event.timestamp, source: event.source,
            destination: event.destination, sourcePort: event.sourcePort, destinationPort: event.destinationPort,
            sourceMAC: event.sourceMAC, destinationMAC: event.destinationMAC, scratch: &scratch)
    }
}
