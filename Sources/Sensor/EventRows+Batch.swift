import EventModel
import Monitor
import Storage

extension StoredEvent {
    /// A notable event with its text materialised and its JSON line (done once per notable event,
    /// on the worker's thread, while its batch is valid). The line's prefix that the columns
    /// rebuild is measured here too, off the store's writer.
    init(_ event: ProtocolEvent, in batch: EventBatch) {
        let layer2 = event.isLayer2
        var prefixLength = 0
        self.init(
            timestamp: event.timestamp, frame: event.frame, protocolName: event.protocolID.name,
            operation: event.operation.name, function: event.function >= 0 ? event.function : nil,
            functionName: event.functionName.description, direction: event.direction.name,
            source: layer2 ? event.sourceMAC.description : event.source.description,
            destination: layer2 ? event.destinationMAC.description : event.destination.description,
            sourceMAC: event.hasMACs ? event.sourceMAC.description : nil,
            destinationMAC: event.hasMACs ? event.destinationMAC.description : nil,
            sourcePort: event.hasPorts ? event.sourcePort : nil,
            destinationPort: event.hasPorts ? event.destinationPort : nil, anomaly: event.anomaly?.kind.name,
            json: EventFormatter.jsonLine(event, in: batch, prefixLength: &prefixLength))
        linePrefixLength = prefixLength
        assert(prefixLength == columnPrefixLength, "the line's prefix is not what its columns rebuild")
    }

    /// The prefix length measured from the columns, as a store does (to check the formatter).
    private var columnPrefixLength: Int {
        var scratch = JSONWriter()
        return EventFormatter.linePrefixLength(
            of: json, frame: frame, timestamp: timestamp, source: source, destination: destination,
            sourcePort: sourcePort, destinationPort: destinationPort, sourceMAC: sourceMAC,
            destinationMAC: destinationMAC, scratch: &scratch)
    }
}
