import BinaryParsing
import EtherNetIP
import EventModel
import PacketLayers

/// Feeds bytes to the decoders the way the pipeline does and reads the events back.
final class Harness {
    let batch = EventBatch()
    let stream = EtherNetIPStreamDecoder()
    let datagram = EtherNetIPDatagramDecoder()
    var frame: UInt64 = 0

    static func context(fromClient: Bool, frame: UInt64, udp: Bool = false, ioPort: Bool = false) -> PacketContext {
        var context = PacketContext()
        context.frame = frame
        context.hasPorts = true
        context.fromClient = fromClient
        let server: UInt16 = ioPort ? 2222 : 44818
        let client: UInt16 = ioPort ? 2222 : 50123
        context.source = IPAddress(ipv4: fromClient ? 0x0A00_0001 : 0x0A00_0002)
        context.destination = IPAddress(ipv4: fromClient ? 0x0A00_0002 : 0x0A00_0001)
        context.sourcePort = fromClient ? client : server
        context.destinationPort = fromClient ? server : client
        return context
    }

    /// One TCP segment; each call is a new frame.
    func tcp(_ bytes: [UInt8], fromClient: Bool) {
        frame += 1
        let context = Self.context(fromClient: fromClient, frame: frame)
        ByteView.with(bytes) { stream.receive($0, context: context, events: batch) }
    }

    func gap(fromClient: Bool) {
        stream.gap(100, context: Self.context(fromClient: fromClient, frame: frame), events: batch)
    }

    func udp(_ bytes: [UInt8], fromClient: Bool, ioPort: Bool = false, broadcast: Bool = false) {
        frame += 1
        var context = Self.context(fromClient: fromClient, frame: frame, udp: true, ioPort: ioPort)
        if broadcast { context.destination = IPAddress(ipv4: 0xFFFF_FFFF) }
        ByteView.with(bytes) { datagram.receive($0, context: context, events: batch) }
    }

    var events: [ProtocolEvent] { batch.events }

    func text(_ event: ProtocolEvent) -> String { batch.string(event.target.text) }

    func identity(_ event: ProtocolEvent) -> [String: String] {
        var facts: [String: String] = [:]
        for fact in batch.facts(of: event) { facts[fact.key.name] = batch.string(fact.value) }
        return facts
    }

    /// (protocol, function, direction) of every event, for compact comparisons.
    var summary: [String] {
        events.map { "\($0.frame) \($0.protocolID.name) \($0.function) \($0.direction.name)" }
    }
}

/// Builders for the fixed parts of a PDU; the interesting bytes stay annotated in the tests.
enum Wire {
    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF)] }

    /// Encapsulation header (CIP Vol. 2 §2-3.1) + data.
    static func encapsulation(command: UInt16, session: UInt32 = 0x1102_0100, context: UInt8 = 0, data: [UInt8])
        -> [UInt8]
    {
        le16(Int(command))  // command
            + le16(data.count)  // length
            + [
                UInt8(session & 0xFF), UInt8((session >> 8) & 0xFF), UInt8((session >> 16) & 0xFF),
                UInt8(session >> 24),
            ]  // session handle
            + [0, 0, 0, 0]  // status
            + [context, 0, 0, 0, 0, 0, 0, 0]  // sender context
            + [0, 0, 0, 0]  // options
            + data
    }

    /// SendRRData: interface handle, timeout, CPF with a null address item and an unconnected data item.
    static func sendRRData(_ cip: [UInt8], context: UInt8 = 0) -> [UInt8] {
        let data: [UInt8] =
            [0, 0, 0, 0]  // interface handle (CIP)
            + [0x0A, 0x00]  // timeout
            + [0x02, 0x00]  // item count
            + [0x00, 0x00, 0x00, 0x00]  // null address item, length 0
            + [0xB2, 0x00] + le16(cip.count)  // unconnected data item
            + cip
        return encapsulation(command: 0x006F, context: context, data: data)
    }

    /// SendUnitData: connected address item (connection id) and connected data item (sequence + CIP).
    static func sendUnitData(_ cip: [UInt8], connection: UInt32, sequence: UInt16) -> [UInt8] {
        let data: [UInt8] =
            [0, 0, 0, 0]  // interface handle
            + [0x00, 0x00]  // timeout
            + [0x02, 0x00]  // item count
            + [0xA1, 0x00, 0x04, 0x00]  // connected address item, length 4
            + [
                UInt8(connection & 0xFF), UInt8((connection >> 8) & 0xFF), UInt8((connection >> 16) & 0xFF),
                UInt8(connection >> 24),
            ]
            + [0xB1, 0x00] + le16(cip.count + 2)  // connected data item
            + le16(Int(sequence))  // sequence count
            + cip
        return encapsulation(command: 0x0070, data: data)
    }
}
