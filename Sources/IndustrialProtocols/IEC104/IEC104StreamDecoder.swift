import BinaryParsing
import EventModel

/// One IEC 60870-5-104 connection: frames each direction's bytes into APDUs and reports one event
/// per APDU (IEC 60870-5-104 §5).
///
/// Framing follows the standard and, where the wire is noisy, Wireshark's reading of it (so events
/// line up with `tshark`): bytes before a start byte 0x68 are skipped as a prefix of the next APDU,
/// six bytes are needed before an APDU is framed, and a length that frames fewer than six bytes
/// (prefix included) abandons the rest of the bytes at hand.
public final class IEC104StreamDecoder: StreamDecoder {
    /// Bytes kept per direction between segments: one partial APDU (start octet, length octet and
    /// at most 255 octets, the length octet's range) by construction; noise before the start byte
    /// is never kept. A longer buffer would be a bug and is dropped with an anomaly.
    static let maximumBufferedBytes = 2 + 255

    private var clientPending: [UInt8] = []
    private var serverPending: [UInt8] = []
    /// Noise bytes already skipped before the buffered APDU (Wireshark counts them in the frame).
    private var clientCarriedPrefix = 0
    private var serverCarriedPrefix = 0
    /// Send sequence number N(S) expected next in each direction (§5.1, modulo 32768); -1 until the
    /// first I format APDU (captures often start mid-connection).
    private var clientNextSend: Int32 = -1
    private var serverNextSend: Int32 = -1
    /// Holds an APDU that straddles buffered and new bytes, to parse it contiguously.
    private var scratch: [UInt8] = []

    public init() {
        clientPending.reserveCapacity(Self.maximumBufferedBytes)
        serverPending.reserveCapacity(Self.maximumBufferedBytes)
        scratch.reserveCapacity(Self.maximumBufferedBytes)
    }

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        if context.fromClient {
            process(
                bytes, pending: &clientPending, carriedPrefix: &clientCarriedPrefix, context: context, events: events)
        } else {
            process(
                bytes, pending: &serverPending, carriedPrefix: &serverCarriedPrefix, context: context, events: events)
        }
    }

    /// An APCI start byte (0x68) with a plausible length (IEC 60870-5-104 §5.1).
    public func startsMessage(_ bytes: ByteView) -> Bool {
        bytes.count >= 6 && bytes[0] == 0x68 && (4...253).contains(bytes[1])
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        if context.fromClient {
            clientPending.removeAll(keepingCapacity: true)
            clientCarriedPrefix = 0
            clientNextSend = -1
        } else {
            serverPending.removeAll(keepingCapacity: true)
            serverCarriedPrefix = 0
            serverNextSend = -1
        }
        events.recordAnomaly(IEC104Anomaly.streamGap)
    }

    public func finish(events: EventBatch) {
        if !clientPending.isEmpty || !serverPending.isEmpty { events.recordAnomaly(IEC104Anomaly.truncatedASDU) }
    }

    // MARK: Framing

    /// Frames APDUs out of the buffered bytes followed by `input`, keeps the unfinished tail.
    private func process(
        _ input: ByteView, pending: inout [UInt8], carriedPrefix: inout Int, context: PacketContext, events: EventBatch
    ) {
        let pendingCount = pending.count
        var keepFrom = 0
        var carried = carriedPrefix
        pending.withUnsafeBytes { raw in
            let stream = JoinedBytes(head: ByteView(raw), tail: input)
            let total = stream.count
            var cursor = 0
            while true {
                let available = total - cursor
                guard available >= APCI.headerLength else {
                    keepFrom = cursor
                    if cursor > 0 { carried = 0 }
                    return
                }
                guard let offset = stream.firstStart(from: cursor, through: total - 2) else {
                    events.recordAnomaly(IEC104Anomaly.noStartByte)
                    keepFrom = total
                    carried = 0
                    return
                }
                let prefix = offset - cursor + (cursor == 0 ? carried : 0)
                let length = Int(stream[offset + 1])
                let frameEnd = offset + 2 + length
                if prefix + 2 + length < APCI.headerLength {
                    // Wireshark reports a bounds error and drops the rest of the reassembled bytes.
                    events.recordAnomaly(IEC104Anomaly.apduTooShort)
                    keepFrom = total
                    carried = 0
                    return
                }
                guard frameEnd <= total else {
                    keepFrom = offset
                    carried = prefix
                    return
                }
                withContiguous(stream, from: offset, count: frameEnd - offset) { apdu in
                    decodeAPDU(apdu, prefix: prefix, context: context, events: events)
                }
                cursor = frameEnd
            }
        }
        carriedPrefix = carried
        if keepFrom < pendingCount {
            pending.removeFirst(keepFrom)
            input.withUnsafeBytes { pending.append(contentsOf: $0) }
        } else {
            pending.removeAll(keepingCapacity: true)
            input.dropFirst(keepFrom - pendingCount).withUnsafeBytes { pending.append(contentsOf: $0) }
        }
        if pending.count > Self.maximumBufferedBytes {
            events.recordAnomaly(IEC104Anomaly.bufferOverflow)
            pending.removeAll(keepingCapacity: true)
            carriedPrefix = 0
        }
    }

    private func withContiguous(_ stream: JoinedBytes, from start: Int, count: Int, _ body: (ByteView) -> Void) {
        let headCount = stream.head.count
        if start + count <= headCount, let view = stream.head.slice(from: start, count: count) {
            body(view)
        } else if start >= headCount, let view = stream.tail.slice(from: start - headCount, count: count) {
            body(view)
        } else {
            scratch.removeAll(keepingCapacity: true)
            stream.head.dropFirst(start).withUnsafeBytes { scratch.append(contentsOf: $0) }
            stream.tail.prefix(start + count - headCount).withUnsafeBytes { scratch.append(contentsOf: $0) }
            scratch.withUnsafeBytes { body(ByteView($0)) }
        }
    }

    // MARK: APDU

    /// One APDU starting at its start byte, `prefix` noise bytes before it.
    func decodeAPDU(_ apdu: ByteView, prefix: Int, context: PacketContext, events: EventBatch) {
        let length = Int(apdu[1])
        guard length >= APCI.minimumLength else {
            if prefix > 0 { events.recordAnomaly(IEC104Anomaly.junkBeforeStart) }
            events.recordAnomaly(IEC104Anomaly.apduTooShort)
            return
        }
        let control = apdu[2]
        var event = ProtocolEvent()
        event.protocolID = .iec104
        if length > APCI.maximumLength { event.anomaly = Anomaly(IEC104Anomaly.apduTooLong, value: Int64(length)) }
        switch APCI.Format(control: control) {
        case .supervisory:
            // §5.2: S format acknowledges received I format APDUs.
            event.function = Int64(APCI.Format.supervisory.rawValue)
            event.functionName = "S-format"
            event.operation = .other
            event.direction = context.fromClient ? .request : .response
            if length != APCI.minimumLength, event.anomaly == nil {
                event.anomaly = Anomaly(IEC104Anomaly.controlLength, value: Int64(length))
            }
        case .unnumbered:
            // §5.3: STARTDT, STOPDT, TESTFR, each as activation or confirmation.
            let function = UFunction(control: control)
            event.function = Int64(function.rawValue)
            event.functionName = function.name
            event.operation = .session
            if function.isActivation {
                event.direction = .request
            } else if function.isConfirmation {
                event.direction = .response
                event.result = .ok
            } else {
                event.direction = context.fromClient ? .request : .response
            }
            if event.anomaly == nil {
                if !function.isValid {
                    event.anomaly = Anomaly(IEC104Anomaly.invalidUFunction, value: Int64(function.rawValue))
                } else if length != APCI.minimumLength {
                    event.anomaly = Anomaly(IEC104Anomaly.controlLength, value: Int64(length))
                }
            }
        case .information:
            let sequenceGap = checkSendSequence(apdu, fromClient: context.fromClient)
            let asdu = apdu.dropFirst(APCI.headerLength)
            guard !asdu.isEmpty else {
                if prefix > 0 { events.recordAnomaly(IEC104Anomaly.junkBeforeStart) }
                if let sequenceGap { events.recordAnomaly(sequenceGap.kind) }
                events.recordAnomaly(IEC104Anomaly.missingASDU)
                return
            }
            decodeASDU(asdu, into: &event, fromClient: context.fromClient)
            if let sequenceGap {  // the ASDU's own anomaly, if any, is shown; the gap is still counted
                if event.anomaly == nil { event.anomaly = sequenceGap } else { events.recordAnomaly(sequenceGap.kind) }
            }
        }
        if prefix > 0 {  // one anomaly per event: the noise is counted on its own when another one is shown
            if event.anomaly == nil {
                event.anomaly = Anomaly(IEC104Anomaly.junkBeforeStart, value: Int64(prefix))
            } else {
                events.recordAnomaly(IEC104Anomaly.junkBeforeStart)
            }
        }
        events.emit(event, context: context)
    }

    /// §5.1: each I format APDU carries the next send sequence number N(S) of its direction; a jump
    /// means lost, replayed or injected APDUs (TCP retransmissions are removed before this point).
    private func checkSendSequence(_ apdu: ByteView, fromClient: Bool) -> Anomaly? {
        guard let control = apdu.getUInt16(at: 2, bigEndian: false) else { return nil }
        let sequence = Int32(control >> 1)
        let expected = fromClient ? clientNextSend : serverNextSend
        let next = (sequence + 1) & 0x7FFF
        if fromClient { clientNextSend = next } else { serverNextSend = next }
        guard expected >= 0, sequence != expected else { return nil }
        return Anomaly(IEC104Anomaly.sequenceGap, value: Int64(sequence))
    }

    /// IEC 60870-5-101 §7.2 as profiled by IEC 60870-5-104 §8: type (1), variable structure
    /// qualifier (1), cause of transmission (1) + originator address (1), common address (2, LE),
    /// then information objects with 3-octet addresses.
    ///
    /// Target `.iec104Object`: (common address, first information object address, commanded value of
    /// the first object or -1 — see `commandValue` —, number of objects).
    func decodeASDU(_ asdu: ByteView, into event: inout ProtocolEvent, fromClient: Bool) {
        var reader = ByteReader(asdu)
        let type = TypeIdentification(rawValue: reader.readUInt8() ?? 0)
        event.function = Int64(type.rawValue)
        event.functionName = type.isKnown ? type.name : "unknown type"
        event.direction = fromClient ? .request : .response
        guard let qualifier = reader.readUInt8(), let causeOctet = reader.readUInt8(), reader.readUInt8() != nil,
            let commonAddress = reader.readUInt16(bigEndian: false)
        else {
            event.operation = type.operation(cause: 0)
            setAnomaly(&event, IEC104Anomaly.truncatedASDU, Int64(asdu.count))
            return
        }
        let cause = causeOctet & 0x3F
        let negative = causeOctet & 0x40 != 0
        let isSequence = qualifier & 0x80 != 0
        let objectCount = Int(qualifier & 0x7F)

        event.operation = type.operation(cause: cause)
        if !fromClient { event.direction = CauseOfTransmission.isUnsolicited(cause) ? .unsolicited : .response }
        if negative || (CauseOfTransmission.unknownType...CauseOfTransmission.unknownObjectAddress).contains(cause) {
            event.result = .error(Int64(cause), CauseOfTransmission.errorName(cause))
        } else if cause == CauseOfTransmission.activationConfirmation
            || cause == CauseOfTransmission.deactivationConfirmation
            || cause == CauseOfTransmission.activationTermination
        {
            event.result = .ok
        }
        if !CauseOfTransmission.isDefined(cause) { setAnomaly(&event, IEC104Anomaly.invalidCause, Int64(cause)) }

        var target = EventTarget(kind: .iec104Object, Int64(commonAddress))
        target.fourth = Int64(objectCount)
        defer { event.target = target }
        if objectCount == 0 { setAnomaly(&event, IEC104Anomaly.noObjects) }
        guard let firstAddress = reader.readUInt24(bigEndian: false) else {
            if objectCount > 0 || !reader.isAtEnd { setAnomaly(&event, IEC104Anomaly.truncatedASDU, Int64(asdu.count)) }
            return
        }
        target.second = Int64(firstAddress)
        target.third = Self.commandValue(type, reader.rest)

        // Walk the information objects: the qualifier's count must match the bytes.
        let objectsLength: Int
        if let element = type.elementLength {
            objectsLength = isSequence ? objectCount * element : objectCount * (element + 3) - 3
        } else if type.rawValue == 125 {
            // F_SG_NA_1: NOF (2), NOS (1), LOS (1), segment of LOS octets.
            guard let segmentLength = reader.peekUInt8(at: 3) else {
                setAnomaly(&event, IEC104Anomaly.truncatedASDU, Int64(asdu.count))
                return
            }
            objectsLength = 4 + Int(segmentLength)
        } else {
            if !type.isKnown { setAnomaly(&event, IEC104Anomaly.unknownType, Int64(type.rawValue)) }
            return
        }
        let remaining = reader.remaining
        if objectCount > 0, remaining < objectsLength {
            setAnomaly(&event, IEC104Anomaly.truncatedASDU, Int64(asdu.count))
        } else if objectCount > 0, remaining > objectsLength {
            setAnomaly(&event, IEC104Anomaly.trailingBytes, Int64(remaining - objectsLength))
        }
    }

    private func setAnomaly(_ event: inout ProtocolEvent, _ kind: AnomalyKind, _ value: Int64 = 0) {
        if event.anomaly == nil { event.anomaly = Anomaly(kind, value: value) }
    }

    /// The commanded value of the first object: SCO/DCO/RCO state, set-point (float truncated),
    /// bitstring, or the qualifier of interrogation, counter interrogation, reset and parameter
    /// activation. -1 for other types.
    static func commandValue(_ type: TypeIdentification, _ element: ByteView) -> Int64 {
        switch type.rawValue {
        case 45, 58: return element.getUInt8(at: 0).map { Int64($0 & 0x01) } ?? -1
        case 46, 59, 47, 60: return element.getUInt8(at: 0).map { Int64($0 & 0x03) } ?? -1
        case 48, 49, 61, 62, 110, 111:
            return element.getUInt16(at: 0, bigEndian: false).map { Int64(Int16(bitPattern: $0)) } ?? -1
        case 50, 63, 112:
            guard let bits = element.getUInt32(at: 0, bigEndian: false) else { return -1 }
            let value = Float(bitPattern: bits)
            guard value.isFinite, abs(value) < 9.0e18 else { return -1 }
            return Int64(value)
        case 51, 64: return element.getUInt32(at: 0, bigEndian: false).map { Int64($0) } ?? -1
        case 100, 101, 105, 113: return element.getUInt8(at: 0).map { Int64($0) } ?? -1
        default: return -1
        }
    }
}

/// Buffered bytes followed by a new segment, addressed as one run without copying.
struct JoinedBytes {
    let head: ByteView
    let tail: ByteView
    var count: Int { head.count + tail.count }

    subscript(index: Int) -> UInt8 { index < head.count ? head[index] : tail[index - head.count] }

    /// First start byte at `from…through`.
    func firstStart(from start: Int, through last: Int) -> Int? {
        var index = start
        while index <= last {
            if self[index] == APCI.startByte { return index }
            index += 1
        }
        return nil
    }
}
