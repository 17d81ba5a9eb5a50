import BinaryParsing
import EventModel

/// Decodes one ISO-on-TCP connection (port 102): TPKT framing per direction, COTP connection
/// management and data transfer, and the S7comm / S7comm-plus PDUs the data carries. One event
/// per PDU; COTP connection TPDUs are reported as `cotp` events.
public final class S7StreamDecoder: StreamDecoder {
    /// The largest user PDU reassembled from COTP DT TPDUs. Classic S7 negotiates at most 960
    /// bytes (setup communication), S7comm-plus fragments its messages; 64 KiB bounds both.
    public static let maximumReassembledLength = 65_536

    private var clientFramer = TPKTFramer(startInSync: false)
    private var serverFramer = TPKTFramer(startInSync: false)
    private var clientReassembly = COTPReassembly()
    private var serverReassembly = COTPReassembly()
    private var pending = S7PendingJobs()
    /// The block named by the last "Start upload" job: "Upload" and "End upload" name it only by
    /// an upload id.
    private var uploadTarget = EventTarget()
    /// Set while a multi-fragment userdata response (SZL) continues: follow-on fragments carry
    /// records without the SZL header.
    private var clientUserdataContinues = false
    private var serverUserdataContinues = false

    public init() {}

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        // Both outlive the call: reached unretained, without a retain and release around every
        // segment and every frame (~2% of `analyze` on a plant's S7 traffic). The closures stay
        // literals at the call: stored in a variable, one became escaping and was allocated.
        let decoder = Unmanaged.passUnretained(self)
        let batch = Unmanaged.passUnretained(events)
        if context.fromClient {
            clientFramer.receive(bytes) { output in
                decoder._withUnsafeGuaranteedRef { decoder in
                    batch._withUnsafeGuaranteedRef { decoder.handle(output, context: context, events: $0) }
                }
            }
        } else {
            serverFramer.receive(bytes) { output in
                decoder._withUnsafeGuaranteedRef { decoder in
                    batch._withUnsafeGuaranteedRef { decoder.handle(output, context: context, events: $0) }
                }
            }
        }
    }

    /// A TPKT header (RFC 1006: version 3, reserved 0, length ≥ 7) carrying a COTP TPDU.
    public func startsMessage(_ bytes: ByteView) -> Bool {
        guard bytes.count >= 7, bytes[0] == 3, bytes[1] == 0, let length = bytes.getUInt16(at: 2) else { return false }
        return length >= 7 && Int(bytes[4]) + 5 <= Int(length)
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        if context.fromClient {
            clientFramer.reset(resynchronise: true)
            clientReassembly.reset()
            clientUserdataContinues = false
        } else {
            serverFramer.reset(resynchronise: true)
            serverReassembly.reset()
            serverUserdataContinues = false
        }
    }

    public func finish(events: EventBatch) {
        if clientFramer.bufferedCount > 0 || serverFramer.bufferedCount > 0 || !clientReassembly.isEmpty
            || !serverReassembly.isEmpty
        {
            events.recordAnomaly(S7CommAnomaly.truncatedStream)
        }
    }

    // MARK: TPKT and COTP

    private func handle(_ output: TPKTFramer.Output, context: PacketContext, events: EventBatch) {
        switch output {
        case .framingLost(let anomaly):
            emitAnomaly(anomaly, protocolID: .s7comm, context: context, events: events)
        case .packet(let packet):
            handlePacket(packet, context: context, events: events)
        }
    }

    private func handlePacket(_ packet: ByteView, context: PacketContext, events: EventBatch) {
        guard let cotp = COTPPDU.parse(packet.dropFirst(TPKTFramer.headerLength)) else {
            emitAnomaly(
                Anomaly(S7CommAnomaly.invalidCOTP, "length indicator"), protocolID: .cotp, context: context,
                events: events)
            return
        }
        switch cotp.type {
        case .data:
            handleData(cotp, context: context, events: events)
        case .connectionRequest, .connectionConfirm, .disconnectRequest, .disconnectConfirm, .error:
            emitConnectionEvent(cotp, context: context, events: events)
        default:
            break
        }
    }

    /// ISO 8073 §13.7: a TSDU may span several DT TPDUs; the one with EOT set completes it.
    private func handleData(_ cotp: COTPPDU, context: PacketContext, events: EventBatch) {
        let fromClient = context.fromClient
        let buffered = fromClient ? !clientReassembly.isEmpty : !serverReassembly.isEmpty
        if cotp.endOfTSDU, !buffered {
            handleUserData(cotp.userData, context: context, events: events)
            return
        }
        let accepted =
            fromClient
            ? clientReassembly.append(cotp.userData, limit: Self.maximumReassembledLength)
            : serverReassembly.append(cotp.userData, limit: Self.maximumReassembledLength)
        if !accepted {
            emitAnomaly(
                Anomaly(S7CommAnomaly.reassemblyOverflow, "COTP DT sequence too long"), protocolID: .s7comm,
                context: context, events: events)
        }
        guard cotp.endOfTSDU else { return }
        if fromClient {
            clientReassembly.complete { handleUserData($0, context: context, events: events) }
        } else {
            serverReassembly.complete { handleUserData($0, context: context, events: events) }
        }
    }

    private func handleUserData(_ pdu: ByteView, context: PacketContext, events: EventBatch) {
        guard let first = pdu.getUInt8(at: 0) else { return }
        switch first {
        case S7Header.protocolID:
            decodeS7(pdu, context: context, events: events)
        case S7CommPlusPDU.protocolID:
            decodeS7CommPlus(pdu, context: context, events: events)
        default:
            var event = ProtocolEvent()
            event.protocolID = .cotp
            event.function = Int64(COTPType.data.rawValue)
            event.functionName = COTPType.data.name
            event.direction = context.fromClient ? .request : .response
            event.operation = .data
            events.emit(event, context: context)
        }
    }

    private func emitConnectionEvent(_ cotp: COTPPDU, context: PacketContext, events: EventBatch) {
        var event = ProtocolEvent()
        event.protocolID = .cotp
        event.function = Int64(cotp.type.rawValue)
        event.functionName = cotp.type.name
        switch cotp.type {
        case .connectionRequest, .disconnectRequest:
            event.direction = .request
        case .connectionConfirm, .disconnectConfirm:
            event.direction = .response
            event.result = .ok
        default:
            event.direction = context.fromClient ? .request : .response
        }
        event.operation = cotp.type == .error ? .other : .session
        // The called TSAP names the PLC end: rack and slot of the CPU (or an ASCII TSAP).
        if let called = cotp.calledSelector {
            var target = EventTarget(kind: .text)
            if let rack = called.rack, let slot = called.slot {
                var text = TextBuilder()
                text.append("rack ")
                text.append(rack)
                text.append(" slot ")
                text.append(slot)
                target.text = text.text(in: events)
            } else if called.isText {
                target.text = events.text(called.bytes)
            }
            if !target.text.isEmpty || !events.isCollecting { event.target = target }
        }
        if cotp.type == .disconnectRequest || cotp.type == .disconnectConfirm { pending.removeAll() }
        events.emit(event, context: context)
    }

    // MARK: S7comm

    private func decodeS7(_ pdu: ByteView, context: PacketContext, events: EventBatch) {
        guard let header = S7Header.parse(pdu) else {
            let rosctr = pdu.getUInt8(at: 1).map(S7ROSCTR.init(rawValue:))
            let anomaly =
                rosctr?.isKnown == false
                ? Anomaly(S7CommAnomaly.invalidROSCTR, "unknown ROSCTR", value: Int64(rosctr?.rawValue ?? 0))
                : Anomaly(S7CommAnomaly.truncatedPDU, "shorter than the S7 header")
            emitAnomaly(anomaly, protocolID: .s7comm, context: context, events: events)
            return
        }
        var event = ProtocolEvent()
        event.protocolID = .s7comm
        if header.isTruncated {
            event.anomaly = Anomaly(S7CommAnomaly.truncatedPDU, "parameter/data lengths exceed the PDU")
        }
        switch header.rosctr {
        case .job:
            decodeJob(header, event: &event, context: context, events: events)
        case .ack, .ackData:
            decodeResponse(header, event: &event, context: context, events: events)
        default:
            decodeUserdata(header, event: &event, context: context, events: events)
        }
        events.emit(event, context: context)
    }

    /// Job parameters per function (packet-s7comm.c `s7comm_decode_req_resp`, ROSCTR 1).
    private func decodeJob(_ header: S7Header, event: inout ProtocolEvent, context: PacketContext, events: EventBatch) {
        event.direction = .request
        guard let code = header.parameters.getUInt8(at: 0) else {
            if event.anomaly == nil {
                event.anomaly = Anomaly(S7CommAnomaly.malformedParameter, "job without parameters")
            }
            return
        }
        let function = S7Function(rawValue: code)
        event.function = Int64(code)
        event.functionName = function.name
        event.operation = function.operation
        var job = S7PendingJob(
            function: function, operation: function.operation, target: EventTarget(), targetText: .none)
        var malformed = false
        switch function {
        case .readVariable, .writeVariable:
            let items = S7VariableItems.parse(header.parameters)
            if let first = items.first {
                job.target = EventTarget(
                    kind: .s7Address, Int64(first.area), Int64(first.dbNumber), Int64(first.byteAddress),
                    Int64(first.length))
            }
            if items.parsedCount > 0 {
                if job.target.kind == .none { job.target.kind = .s7Address }
                job.targetText = .itemCount(items.parsedCount)
            }
            malformed = items.isMalformed
        case _ where function.carriesFilename:
            if let filename = S7BlockFilename.fromJobParameters(header.parameters) {
                job.target = EventTarget(kind: .s7Block, Int64(filename.blockType), Int64(filename.blockNumber))
                if function == .startUpload { uploadTarget = job.target }
            } else {
                malformed = true
            }
        case .upload, .endUpload:
            job.target = uploadTarget
        case .piService:
            if let (service, block) = S7PIService.parse(header.parameters) {
                job.operation = service.kind.operation
                if let block {
                    job.target = EventTarget(kind: .s7Block, Int64(block.blockType), Int64(block.blockNumber))
                } else {
                    job.target = EventTarget(kind: .text)
                }
                job.targetText = .service(service.kind.name)
                event.target = job.target
                event.target.text = events.text(service.name)
            } else {
                malformed = true
                if let service = S7PIService.recognise(header.parameters) {
                    job.operation = service.kind.operation
                    job.target = EventTarget(kind: .text)
                    job.targetText = .service(service.kind.name)
                    event.target = job.target
                    event.target.text = events.text(service.name)
                }
            }
        case .plcStop:
            job.target = EventTarget(kind: .text)
            if let name = S7PLCStop.serviceName(header.parameters) {
                event.target = job.target
                event.target.text = events.text(name)
                job.targetText = .service(S7PIService.Kind(name).name)
            }
        default:
            break
        }
        if malformed, event.anomaly == nil {
            event.anomaly = Anomaly(S7CommAnomaly.malformedParameter, "job parameter", value: Int64(code))
        }
        event.operation = job.operation
        if event.target.kind == .none { event.target = target(of: job, events: events) }
        if pending.record(job, reference: header.pduReference, fromClient: context.fromClient) {
            events.recordAnomaly(S7CommAnomaly.pendingOverflow)
        }
    }

    /// Ack (ROSCTR 2: no parameters) and ack-data (ROSCTR 3). The function is the one on the wire,
    /// as tshark's `s7comm.param.func` gives it; an ack without parameters has none (function
    /// absent) but names the job's function, operation and target.
    private func decodeResponse(
        _ header: S7Header, event: inout ProtocolEvent, context: PacketContext, events: EventBatch
    ) {
        event.direction = .response
        let job = pending.take(reference: header.pduReference, responseFromClient: context.fromClient)
        let function: S7Function?
        if let code = header.parameters.getUInt8(at: 0) {
            function = S7Function(rawValue: code)
            event.function = Int64(code)
        } else {
            function = job?.function
        }
        if let function {
            event.functionName = function.name
            event.operation = function.operation
        }
        if let job, function == nil || job.function == function {
            event.operation = job.operation
            event.target = target(of: job, events: events)
        }
        if header.errorClass != 0 || header.errorCode != 0 {
            event.result = .error(Int64(header.errorValue), S7Header.errorClassName(header.errorClass))
            return
        }
        event.result = .ok
        switch function {
        case .readVariable?:
            let count = Int(header.parameters.getUInt8(at: 1) ?? 0)
            if let failure = S7VariableItems.firstReadFailure(header.data, itemCount: count) {
                event.result = .error(Int64(failure), S7Header.itemReturnCodeName(failure))
            }
        case .writeVariable?:
            if let failure = S7VariableItems.firstWriteFailure(header.data) {
                event.result = .error(Int64(failure), S7Header.itemReturnCodeName(failure))
            }
        default:
            break
        }
    }

    private func target(of job: S7PendingJob, events: EventBatch) -> EventTarget {
        var target = job.target
        switch job.targetText {
        case .none:
            break
        case _ where !events.keepsText(for: job.operation):
            break
        case .itemCount(let count):
            var text = TextBuilder()
            text.append("items=")
            text.append(count)
            target.text = text.text(in: events)
        case .service(let name):
            var text = TextBuilder()
            text.append(name)
            target.text = text.text(in: events)
        }
        if target.kind == .text, target.text.isEmpty, events.isCollecting { return EventTarget() }
        return target
    }

    /// Userdata (ROSCTR 7): function = subfunction, group = function group, as tshark's
    /// `s7comm.param.userdata.subfunc` / `.funcgroup`.
    private func decodeUserdata(
        _ header: S7Header, event: inout ProtocolEvent, context: PacketContext, events: EventBatch
    ) {
        guard let parameters = S7UserdataParameters.parse(header.parameters) else {
            event.direction = context.fromClient ? .request : .response
            if event.anomaly == nil { event.anomaly = Anomaly(S7CommAnomaly.malformedParameter, "userdata head") }
            return
        }
        event.function = Int64(parameters.subfunction)
        event.functionGroup = Int64(parameters.group)
        event.functionName = parameters.functionName
        event.direction = parameters.direction
        event.operation = parameters.operation
        let data = S7UserdataData.parse(header.data)
        if event.direction == .response {
            if parameters.errorCode != 0 {
                event.result = .error(Int64(parameters.errorCode), "Userdata error")
            } else if let data, !data.isSuccess {
                event.result = .error(Int64(data.returnCode), S7Header.itemReturnCodeName(data.returnCode))
            } else {
                event.result = .ok
            }
        }
        guard let data, data.isSuccess else { return }
        switch (parameters.group, parameters.subfunction) {
        case (4, 0x01):
            if event.direction == .request {
                if let request = S7SZLRequest.parse(data.payload) {
                    event.target = EventTarget(kind: .s7SZL, Int64(request.id), Int64(request.index))
                }
            } else if event.direction == .response {
                let continuation = context.fromClient ? clientUserdataContinues : serverUserdataContinues
                if context.fromClient {
                    clientUserdataContinues = !parameters.lastDataUnit
                } else {
                    serverUserdataContinues = !parameters.lastDataUnit
                }
                guard !continuation, let response = S7SZLResponse.parse(data.payload) else { return }
                event.target = EventTarget(kind: .s7SZL, Int64(response.id), Int64(response.index))
                event.identityStart = events.nextFactIndex
                response.addIdentityFacts(to: events)
                event.identityCount = events.nextFactIndex - event.identityStart
            }
        case (3, 0x02) where event.direction == .request:
            // List blocks of type: the block type (two ASCII characters).
            if let type = data.payload.getUInt16(at: 0) {
                event.target = EventTarget(kind: .s7Block, Int64(type))
            }
        case (3, 0x03) where event.direction == .request:
            // Get block info: block type, five-digit number, file system.
            if let type = data.payload.getUInt16(at: 0),
                let number = data.payload.slice(from: 2, count: 5)?.asciiDecimal()
            {
                event.target = EventTarget(kind: .s7Block, Int64(type), Int64(number))
            }
        default:
            break
        }
    }

    // MARK: S7comm-plus

    private func decodeS7CommPlus(_ pdu: ByteView, context: PacketContext, events: EventBatch) {
        guard let message = S7CommPlusPDU.parse(pdu) else { return }
        var event = ProtocolEvent()
        event.protocolID = .s7commPlus
        event.direction = message.direction
        if message.isKeepAlive {
            event.direction = context.fromClient ? .request : .response
            event.functionName = "Extended keep alive"
            event.operation = .session
        } else if let function = message.function {
            event.function = Int64(function)
            event.functionName = S7CommPlusPDU.functionName(function)
            event.operation = S7CommPlusPDU.operation(function)
        } else {
            event.functionName = "Notification"
            event.operation = .data
        }
        events.emit(event, context: context)
    }

    // MARK: anomalies

    private func emitAnomaly(
        _ anomaly: Anomaly, protocolID: ApplicationProtocol, context: PacketContext, events: EventBatch
    ) {
        var event = ProtocolEvent()
        event.protocolID = protocolID
        event.direction = context.fromClient ? .request : .response
        event.anomaly = anomaly
        events.emit(event, context: context)
    }
}

/// The user data of one direction's unfinished DT sequence, bounded and reused.
struct COTPReassembly {
    private var buffer: [UInt8] = []
    /// The sequence overflowed: drop its DTs up to the one with EOT.
    private var discarding = false

    var isEmpty: Bool { buffer.isEmpty && !discarding }

    mutating func reset() {
        buffer.removeAll(keepingCapacity: true)
        discarding = false
    }

    /// False when the sequence outgrew `limit` (it is then dropped up to its end).
    mutating func append(_ bytes: ByteView, limit: Int) -> Bool {
        if discarding { return true }
        guard buffer.count + bytes.count <= limit else {
            buffer.removeAll(keepingCapacity: true)
            discarding = true
            return false
        }
        bytes.withUnsafeBytes { buffer.append(contentsOf: $0) }
        return true
    }

    /// Hands out the reassembled PDU (unless it was dropped) and starts over.
    mutating func complete(_ body: (ByteView) -> Void) {
        if !discarding {
            buffer.withUnsafeBytes { body(ByteView($0)) }
        }
        buffer.removeAll(keepingCapacity: true)
        discarding = false
    }
}
