import BinaryParsing
import EventModel

/// DNP3 over TCP (the IP networking profile): link frames carried as a byte stream. Like
/// Wireshark, a segment (or the rest of one after a frame that spanned segments) is taken as DNP3
/// only when it starts with a link header; frames that follow within it are cut by their length.
public final class DNP3StreamDecoder: StreamDecoder {
    let session = DNP3Session()

    public init() {}

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        let state = session.direction(context)
        var offset = 0
        if !state.frame.isEmpty {
            offset = continueFrame(state, bytes, context: context, events: events)
            guard offset >= 0 else { return }
        }
        guard offset < bytes.count else { return }
        let rest = bytes.dropFirst(offset)
        guard DNP3Link.looksLikeFrameStart(rest) else {
            events.recordAnomaly(DNP3Anomaly.notSynchronized)
            return
        }
        var position = 0
        while position < rest.count {
            let available = rest.count - position
            guard available >= 3 else {
                buffer(state, rest.dropFirst(position))
                return
            }
            let length = DNP3Link.frameLength(lengthOctet: rest[position + 2])
            guard length >= DNP3Link.headerLength else {
                events.recordAnomaly(DNP3Anomaly.badLength)
                return
            }
            guard available >= length, let frame = rest.slice(from: position, count: length) else {
                buffer(state, rest.dropFirst(position))
                return
            }
            session.receiveFrame(frame, context: context, events: events)
            position += length
        }
    }

    /// Completes the frame begun in an earlier segment; returns how much of `bytes` it used, or -1
    /// when the rest of the segment is to be skipped (or all of it was used without completing).
    private func continueFrame(
        _ state: DNP3DirectionState, _ bytes: ByteView, context: PacketContext, events: EventBatch
    ) -> Int {
        var used = 0
        if state.frame.count < 3 {
            let take = min(3 - state.frame.count, bytes.count)
            append(state, bytes.prefix(take))
            used = take
            guard state.frame.count >= 3 else { return -1 }
        }
        let length = DNP3Link.frameLength(lengthOctet: state.frame[2])
        guard length >= DNP3Link.headerLength, length <= DNP3Limits.maximumFrameLength else {
            events.recordAnomaly(DNP3Anomaly.badLength)
            state.frame.removeAll(keepingCapacity: true)
            return -1
        }
        let take = min(length - state.frame.count, bytes.count - used)
        append(state, bytes.slice(from: used, count: take) ?? .empty)
        used += take
        guard state.frame.count >= length else { return -1 }
        // A frame gathered from several segments is checked again as a whole (as Wireshark does
        // with a reassembled PDU).
        state.frame.withUnsafeBytes { raw in
            let frame = ByteView(raw)
            if DNP3Link.looksLikeFrameStart(frame) {
                session.receiveFrame(frame, context: context, events: events)
            } else {
                events.recordAnomaly(DNP3Anomaly.notSynchronized)
            }
        }
        state.frame.removeAll(keepingCapacity: true)
        return used
    }

    private func buffer(_ state: DNP3DirectionState, _ bytes: ByteView) {
        state.frame.removeAll(keepingCapacity: true)
        append(state, bytes)
    }

    private func append(_ state: DNP3DirectionState, _ bytes: ByteView) {
        let room = DNP3Limits.maximumFrameLength - state.frame.count
        bytes.prefix(max(0, room)).withUnsafeBytes { state.frame.append(contentsOf: $0) }
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        session.direction(context).reset()
    }

    public func finish(events: EventBatch) {}
}

/// DNP3 over UDP: one or more whole link frames per datagram.
public final class DNP3DatagramDecoder: DatagramDecoder {
    let session = DNP3Session()

    public init() {}

    public func receive(_ datagram: ByteView, context: PacketContext, events: EventBatch) {
        guard DNP3Link.looksLikeFrameStart(datagram) else {
            events.recordAnomaly(DNP3Anomaly.notSynchronized)
            return
        }
        var position = 0
        while position < datagram.count {
            let available = datagram.count - position
            guard available >= DNP3Link.headerLength else {
                events.recordAnomaly(DNP3Anomaly.badLength)
                return
            }
            let length = DNP3Link.frameLength(lengthOctet: datagram[position + 2])
            guard length >= DNP3Link.headerLength else {
                events.recordAnomaly(DNP3Anomaly.badLength)
                return
            }
            // A frame cut short by the datagram's end still gets its complete blocks checked (and
            // then dropped): Wireshark does the same.
            if let frame = datagram.slice(from: position, count: min(length, available)) {
                session.receiveFrame(frame, context: context, events: events)
            }
            position += length
        }
    }
}
