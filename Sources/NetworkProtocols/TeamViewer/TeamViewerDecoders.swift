import BinaryParsing
import EventModel

/// One TCP flow: follows the 0x1724 packet framing (5-byte header, 16-bit little-endian body
/// length) and, where it cannot (0x1130 packets, whose length layout is not known, or unknown
/// bytes), looks for a packet start at each segment start as nDPI does. Reports one
/// "TeamViewer Session" event (operation session, client as source, function = the command code of
/// the first recognised packet) the first time a packet is recognised, and counts recognised
/// packets in `packetCount`. The bodies are encrypted after the handshake and are not read.
public final class TeamViewerStreamDecoder: StreamDecoder {
    enum State {
        /// The next byte starts a packet.
        case boundary
        /// Inside a 0x1724 body.
        case body(Int)
        /// Framing unknown: check the next segment's start.
        case unframed
    }

    final class Direction {
        var state = State.boundary
        /// A packet header split across segments (at most 4 bytes).
        var header: [UInt8] = []
    }

    private let client = Direction()
    private let server = Direction()
    private var reported = false
    private var sawPayload = false
    public private(set) var packetCount = 0

    public init() {}

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        sawPayload = sawPayload || !bytes.isEmpty
        let direction = context.fromClient ? client : server
        if case .unframed = direction.state { direction.state = .boundary }
        var input = bytes
        while !input.isEmpty {
            switch direction.state {
            case .body(let remaining):
                let count = min(remaining, input.count)
                input = input.dropFirst(count)
                direction.state = count == remaining ? .boundary : .body(remaining - count)
            case .unframed:
                return
            case .boundary:
                if !direction.header.isEmpty {
                    let count = min(5 - direction.header.count, input.count)
                    input.prefix(count).withUnsafeBytes { direction.header.append(contentsOf: $0) }
                    input = input.dropFirst(count)
                    guard direction.header.count == 5 else { return }
                    let header = direction.header
                    direction.header.removeAll(keepingCapacity: true)
                    header.withUnsafeBytes {
                        readHeader(ByteView($0), direction: direction, context: context, events: events)
                    }
                    continue
                }
                guard input.count >= 5 else {
                    // Hold a short header only when it can still be one.
                    if input[0] == 0x17 || input[0] == 0x11 {
                        input.withUnsafeBytes { direction.header.append(contentsOf: $0) }
                    } else {
                        direction.state = .unframed
                    }
                    return
                }
                readHeader(input.prefix(5), direction: direction, context: context, events: events)
                input = input.dropFirst(5)
            }
        }
    }

    /// Five bytes at a packet boundary: magic, command, and (for 0x1724) the body length.
    private func readHeader(_ header: ByteView, direction: Direction, context: PacketContext, events: EventBatch) {
        guard TeamViewerProtocol.startsPacket(header) else {
            direction.state = .unframed
            return
        }
        packetCount += 1
        if header[0] == 0x17 {
            let length = Int(header.uncheckedUInt16(at: 3).byteSwapped)
            direction.state = length > 0 ? .body(length) : .boundary
        } else {
            direction.state = .unframed
        }
        guard !reported else { return }
        reported = true
        var event = ProtocolEvent()
        event.protocolID = .teamviewer
        event.function = Int64(header[2])
        event.functionName = "TeamViewer Session"
        event.direction = .request
        event.operation = .session
        events.emit(event, context: context.fromClient ? context : context.reversed)
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        direction.header.removeAll(keepingCapacity: true)
        if case .body(let remaining) = direction.state, length < remaining {
            direction.state = .body(remaining - length)
        } else if case .body(let remaining) = direction.state, length == remaining {
            direction.state = .boundary
        } else {
            direction.state = .unframed
        }
    }

    public func finish(events: EventBatch) {
        if !reported && sawPayload { events.recordAnomaly(TeamViewerAnomaly.notRecognised) }
    }
}

/// One UDP flow: a datagram longer than 13 bytes with 0x17 0x24 at offset 11 (after nDPI's
/// "byte 0 is a counter") is a TeamViewer packet; the first one reports the session.
public final class TeamViewerDatagramDecoder: DatagramDecoder {
    private var reported = false
    private var sawPayload = false
    public private(set) var packetCount = 0

    public init() {}

    public func receive(_ datagram: ByteView, context: PacketContext, events: EventBatch) {
        sawPayload = true
        guard datagram.count > 13, datagram[11] == 0x17, datagram[12] == 0x24 else { return }
        packetCount += 1
        guard !reported else { return }
        reported = true
        var event = ProtocolEvent()
        event.protocolID = .teamviewer
        event.function = Int64(datagram[13])
        event.functionName = "TeamViewer Session"
        event.direction = .request
        event.operation = .session
        events.emit(event, context: context.fromClient ? context : context.reversed)
    }

    public func finish(events: EventBatch) {
        if !reported && sawPayload { events.recordAnomaly(TeamViewerAnomaly.notRecognised) }
    }
}

extension PacketContext {
    /// The context seen from the other end: session events name the client as their source.
    var reversed: PacketContext {
        var swapped = self
        swapped.source = destination
        swapped.destination = source
        swapped.sourcePort = destinationPort
        swapped.destinationPort = sourcePort
        swapped.sourceMAC = destinationMAC
        swapped.destinationMAC = sourceMAC
        swapped.fromClient = true
        return swapped
    }
}
