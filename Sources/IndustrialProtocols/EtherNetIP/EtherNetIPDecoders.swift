import BinaryParsing
import EventModel

/// One TCP connection of EtherNet/IP: frames each direction's bytes into encapsulation PDUs
/// (24-byte header + length) and decodes them. A PDU split across segments is buffered (bounded
/// by `EtherNetIPLimits.streamBufferCapacity`); complete PDUs are decoded in place, uncopied.
public final class EtherNetIPStreamDecoder: StreamDecoder {
    private var decoder = EncapsulationDecoder()
    private var fromClient = StreamFramer()
    private var fromServer = StreamFramer()

    public init() {}

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        if context.fromClient {
            fromClient.receive(bytes, context: context, events: events, decoder: &decoder)
        } else {
            fromServer.receive(bytes, context: context, events: events, decoder: &decoder)
        }
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        events.recordAnomaly(EtherNetIPAnomaly.resynchronised)
        if context.fromClient { fromClient.loseSync() } else { fromServer.loseSync() }
    }
}

/// Framing of one TCP direction.
struct StreamFramer {
    private var buffer: [UInt8] = []
    /// After lost bytes: skip segments until one starts with a plausible header.
    private var searching = false

    mutating func loseSync() {
        buffer.removeAll(keepingCapacity: true)
        searching = true
    }

    mutating func receive(
        _ bytes: ByteView, context: PacketContext, events: EventBatch, decoder: inout EncapsulationDecoder
    ) {
        if searching {
            guard Self.isPlausibleHeader(bytes) else { return }
            searching = false
        }
        if buffer.isEmpty {
            let consumed = Self.decodeComplete(bytes, context: context, events: events, decoder: &decoder)
            let rest = bytes.dropFirst(consumed)
            if !rest.isEmpty { rest.withUnsafeBytes { buffer.append(contentsOf: $0) } }
            return
        }
        guard buffer.count + bytes.count <= EtherNetIPLimits.streamBufferCapacity else {
            events.recordAnomaly(EtherNetIPAnomaly.bufferOverflow)
            loseSync()
            return
        }
        bytes.withUnsafeBytes { buffer.append(contentsOf: $0) }
        let consumed = buffer.withUnsafeBytes { raw in
            Self.decodeComplete(ByteView(raw), context: context, events: events, decoder: &decoder)
        }
        if consumed > 0 { buffer.removeFirst(consumed) }
    }

    /// Decodes every complete PDU at the start of `bytes`; returns the bytes consumed.
    private static func decodeComplete(
        _ bytes: ByteView, context: PacketContext, events: EventBatch, decoder: inout EncapsulationDecoder
    ) -> Int {
        var offset = 0
        while let length = bytes.getUInt16(at: offset + 2, bigEndian: false),
            bytes.count - offset >= EncapsulationHeader.size
        {
            let total = EncapsulationHeader.size + Int(length)
            guard let pdu = bytes.slice(from: offset, count: total) else { break }
            decoder.decode(pdu, isDatagram: false, context: context, events: events)
            offset += total
        }
        return offset
    }

    /// A header worth resynchronising on: a defined command, zero options, a sane length.
    static func isPlausibleHeader(_ bytes: ByteView) -> Bool {
        guard let header = EncapsulationHeader(bytes) else { return false }
        return EncapsulationCommand.isKnown(header.command) && header.options == 0
            && Int(header.length) <= EtherNetIPLimits.maximumEncapsulationData
    }
}

/// One UDP flow: encapsulation datagrams on 44818 (ListIdentity and friends), implicit I/O
/// (bare CPF items, CIP Vol. 2 §3-1) on 2222.
public final class EtherNetIPDatagramDecoder: DatagramDecoder {
    private var decoder = EncapsulationDecoder()

    public init() {}

    public func receive(_ datagram: ByteView, context: PacketContext, events: EventBatch) {
        let io = EtherNetIPProtocol.implicitIOPort
        let encapsulation = EtherNetIPProtocol.udpPort
        let isImplicitIO =
            (context.sourcePort == io || context.destinationPort == io)
            && context.sourcePort != encapsulation && context.destinationPort != encapsulation
        if isImplicitIO {
            Self.decodeImplicitIO(datagram, context: context, events: events)
        } else if datagram.count >= EncapsulationHeader.size {
            decoder.decode(datagram, isDatagram: true, context: context, events: events)
        } else {
            var event = ProtocolEvent()
            event.protocolID = .enip
            event.direction = EncapsulationDecoder.isResponse(context) ? .response : .request
            event.anomaly = Anomaly(EtherNetIPAnomaly.lengthMismatch, "datagram shorter than the header")
            events.emit(event, context: context)
        }
    }

    /// Class 0/1 I/O: a sequenced address item (connection id, sequence) and a connected data
    /// item. Reported as one `enip` data event without a function code (tshark has none either).
    static func decodeImplicitIO(_ datagram: ByteView, context: PacketContext, events: EventBatch) {
        var event = ProtocolEvent()
        event.protocolID = .enip
        event.functionName = "Implicit I/O"
        event.direction = .unsolicited
        event.operation = .data
        var reader = ByteReader(datagram)
        var valid = false
        if let count = reader.readUInt16(bigEndian: false), count >= 1, Int(count) <= EtherNetIPLimits.cpfItems {
            valid = true
            for _ in 0..<count {
                guard reader.skip(2), let length = reader.readUInt16(bigEndian: false), reader.skip(Int(length)) else {
                    valid = false
                    break
                }
            }
        }
        if !valid { event.anomaly = Anomaly(EtherNetIPAnomaly.ioMalformed, "CPF item list") }
        events.emit(event, context: context)
    }
}
