import BinaryParsing
import EventModel

/// One direction of a flow: the link frame being gathered across TCP segments and the
/// application fragment being gathered across transport segments. Buffers are allocated once
/// at their cap and reused.
final class DNP3DirectionState {
    /// A link frame split across TCP segments (at most `DNP3Limits.maximumFrameLength`).
    var frame: [UInt8] = []
    /// The application fragment under reassembly (at most `DNP3Limits.maximumFragmentLength`).
    var fragment: [UInt8] = []
    var reassembling = false
    var fragmentOverflow = false
    var nextTransportSequence: UInt8 = 0
    var lastSegmentFrame: UInt64 = 0
    /// Link destination of the fragment's first segment (broadcast addresses are 0xFFFD–0xFFFF).
    var fragmentDestination: UInt16 = 0
    /// An anomaly met on a segment of the fragment under reassembly, reported with it.
    var pendingAnomaly: Anomaly?

    init() {
        frame.reserveCapacity(DNP3Limits.maximumFrameLength)
        fragment.reserveCapacity(DNP3Limits.maximumFragmentLength)
    }

    func reset() {
        frame.removeAll(keepingCapacity: true)
        fragment.removeAll(keepingCapacity: true)
        reassembling = false
        fragmentOverflow = false
        pendingAnomaly = nil
    }
}

/// What a flow shares between its directions: request/response pairing by application sequence
/// number (§4.2.2), bounded by `DNP3Limits.maximumPendingRequests`.
final class DNP3Session {
    struct PendingRequest {
        var function: UInt8 = 0
        var operation = Operation.none
        var isPending = false
    }

    let directions = [DNP3DirectionState(), DNP3DirectionState()]
    private var pending = [PendingRequest](repeating: PendingRequest(), count: DNP3Limits.maximumPendingRequests)
    private var pendingCount = 0
    /// The operation of the last response, for its continuation fragments (FIR clear).
    private var lastResponseOperation = Operation.other

    @inline(__always)
    func direction(_ context: PacketContext) -> DNP3DirectionState { directions[context.fromClient ? 0 : 1] }

    // MARK: link frames

    /// One link frame (possibly truncated: then its data is not used). Reassembles transport
    /// segments and emits an event for each completed application fragment.
    func receiveFrame(_ frame: ByteView, context: PacketContext, events: EventBatch) {
        guard frame.count >= DNP3Link.headerLength else {
            events.recordAnomaly(DNP3Anomaly.badLength)
            return
        }
        // A bad header CRC is flagged and decoding goes on, as Wireshark does where it found the
        // frame's start by length: the data blocks have their own CRCs. It is counted here only
        // when no event will carry it.
        var headerAnomaly: Anomaly?
        if !DNP3CRC.blockIsValid(frame, from: 0, count: 8) {
            headerAnomaly = Anomaly(DNP3Anomaly.badCRC, "link header")
        }
        let lengthOctet = frame[2]
        guard DNP3Link.carriesUserData(control: frame[3]), lengthOctet > 5 else {
            if lengthOctet < 5 { events.recordAnomaly(DNP3Anomaly.badLength) }
            if let headerAnomaly { events.recordAnomaly(headerAnomaly.kind) }
            return
        }
        let userData = Int(lengthOctet) - 5
        // Every block must be present with a valid CRC, or the frame's data is discarded.
        var offset = DNP3Link.headerLength
        var left = userData
        while left > 0 {
            let block = min(left, DNP3Link.blockLength)
            guard frame.contains(offset: offset, length: block + 2) else {
                events.recordAnomaly(DNP3Anomaly.badLength)
                if let headerAnomaly { events.recordAnomaly(headerAnomaly.kind) }
                return
            }
            guard DNP3CRC.blockIsValid(frame, from: offset, count: block) else {
                events.recordAnomaly(DNP3Anomaly.badCRC)
                if let headerAnomaly { events.recordAnomaly(headerAnomaly.kind) }
                return
            }
            offset += block + 2
            left -= block
        }
        receiveSegment(frame, userData: userData, headerAnomaly: headerAnomaly, context: context, events: events)
    }

    // MARK: transport

    /// Transport function (§8): FIN 0x80, FIR 0x40, sequence 0–63.
    private func receiveSegment(
        _ frame: ByteView, userData: Int, headerAnomaly: Anomaly?, context: PacketContext, events: EventBatch
    ) {
        let state = direction(context)
        let transport = frame[DNP3Link.headerLength]
        let isFinal = transport & 0x80 != 0
        let isFirst = transport & 0x40 != 0
        let sequence = transport & 0x3F
        if state.reassembling, state.lastSegmentFrame &+ DNP3Limits.fragmentAgeLimit < context.frame {
            state.reassembling = false
        }
        if isFirst {
            state.fragment.removeAll(keepingCapacity: true)
            state.reassembling = true
            state.fragmentOverflow = false
            state.pendingAnomaly = headerAnomaly
            state.fragmentDestination = frame.getUInt16(at: 4, bigEndian: false) ?? 0
        } else if state.reassembling, sequence == state.nextTransportSequence {
            if state.pendingAnomaly == nil {
                state.pendingAnomaly = headerAnomaly
            } else if let headerAnomaly {
                events.recordAnomaly(headerAnomaly.kind)
            }
        } else {
            if let headerAnomaly { events.recordAnomaly(headerAnomaly.kind) }
            if state.reassembling, sequence == (state.nextTransportSequence &- 1) & 0x3F {
                return  // a repeated segment (link retry): already have it
            }
            if state.reassembling {
                events.recordAnomaly(DNP3Anomaly.transportSequence)
                state.reassembling = false
            }
            return
        }
        // Append the user data without the transport octet, block by block (skipping CRCs).
        var offset = DNP3Link.headerLength
        var left = userData
        var skip = 1
        while left > 0 {
            let block = min(left, DNP3Link.blockLength)
            let room = DNP3Limits.maximumFragmentLength - state.fragment.count
            let take = min(block - skip, room)
            if take < block - skip { state.fragmentOverflow = true }
            if take > 0, let bytes = frame.slice(from: offset + skip, count: take) {
                bytes.withUnsafeBytes { state.fragment.append(contentsOf: $0) }
            }
            offset += block + 2
            left -= block
            skip = 0
        }
        state.nextTransportSequence = (sequence &+ 1) & 0x3F
        state.lastSegmentFrame = context.frame
        guard isFinal else { return }
        state.reassembling = false
        if state.fragmentOverflow {
            state.pendingAnomaly = Anomaly(DNP3Anomaly.fragmentTooLarge, value: Int64(DNP3Limits.maximumFragmentLength))
        }
        let anomaly = state.pendingAnomaly
        state.pendingAnomaly = nil
        state.fragment.withUnsafeBytes { bytes in
            receiveFragment(
                ByteView(bytes), broadcast: state.fragmentDestination >= DNP3Link.firstBroadcastAddress,
                anomaly: anomaly, context: context, events: events)
        }
    }

    // MARK: application

    private func receiveFragment(
        _ fragment: ByteView, broadcast: Bool, anomaly: Anomaly?, context: PacketContext, events: EventBatch
    ) {
        let identityStart = events.nextFactIndex
        guard let summary = DNP3Application.decode(fragment, events: events) else {
            events.recordAnomaly(DNP3Anomaly.truncatedFragment)
            return
        }
        let function = summary.function
        var event = ProtocolEvent()
        event.protocolID = .dnp3
        event.function = Int64(function.rawValue)
        event.functionName = function.name
        event.direction = function.direction
        event.target = summary.target
        event.result = summary.result
        event.identityStart = identityStart
        event.identityCount = events.nextFactIndex - identityStart
        event.anomaly = anomaly ?? summary.anomaly
        switch function.direction {
        case .request:
            event.operation = Self.requestOperation(summary)
            if broadcast { event.direction = .broadcast }
            if let replaced = recordRequest(summary, operation: event.operation), event.anomaly == nil {
                event.anomaly = replaced
            }
        case .response:
            event.operation = function == .response ? responseOperation(summary) : function.operation
        case .unsolicited, .broadcast:
            event.operation = function.operation
        }
        events.emit(event, context: context)
    }

    /// The function's operation, refined by what the request touches: a Write of only g80
    /// (clearing IIN bits such as device restart) is housekeeping that every master does
    /// after a restart, and an Open File in read mode only reads.
    static func requestOperation(_ summary: DNP3Application.Summary) -> Operation {
        if summary.function == .write, summary.target.first == 80, summary.onlyInternalIndications { return .other }
        if summary.function == .openFile, summary.opensFileForReading { return .read }
        return summary.function.operation
    }

    /// Remembers a request that expects a response; returns an anomaly when the table was full.
    private func recordRequest(_ summary: DNP3Application.Summary, operation: Operation) -> Anomaly? {
        switch summary.function.rawValue {
        case 0, 6, 8, 10, 12: return nil  // confirm and the "no ack" functions get no response
        default: break
        }
        let slot = Int(summary.sequence)
        var anomaly: Anomaly?
        if !pending[slot].isPending {
            pendingCount += 1
        } else if pendingCount >= DNP3Limits.maximumPendingRequests {
            anomaly = Anomaly(DNP3Anomaly.tooManyPending, value: Int64(DNP3Limits.maximumPendingRequests))
        }
        pending[slot] = PendingRequest(function: summary.function.rawValue, operation: operation, isPending: true)
        return anomaly
    }

    private func responseOperation(_ summary: DNP3Application.Summary) -> Operation {
        guard summary.isFirstFragment else { return lastResponseOperation }
        let slot = Int(summary.sequence)
        var operation = Operation.other
        if pending[slot].isPending {
            operation = pending[slot].operation
            pending[slot].isPending = false
            pendingCount -= 1
        }
        lastResponseOperation = operation
        return operation
    }
}
