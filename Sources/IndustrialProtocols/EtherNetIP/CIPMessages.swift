import BinaryParsing
import EventModel

/// Decodes CIP explicit messages (CIP Vol. 1 §2-4) into `cip` events, unwrapping Multiple Service
/// Packet (§) and Connection Manager Unconnected Send (§3-5.5.2), and pairs replies with
/// their requests so that a reply event carries the request's class/instance/attribute.
struct CIPMessageDecoder {
    var pending = PendingRequests()
    /// Events left for the message being decoded: Multiple Service Packet offsets may overlap, so
    /// nesting alone does not bound the work.
    private var budget = 0

    /// A message from a SendRRData unconnected data item (`channel: .unconnected`, key = sender
    /// context) or a SendUnitData connected data item (`.connected`, key = sequence count).
    mutating func decode(
        _ message: ByteView, channel: PendingRequests.Channel, key: UInt64, context: PacketContext, events: EventBatch
    ) {
        guard let service = message.getUInt8(at: 0) else { return }
        budget = EtherNetIPLimits.eventsPerMessage
        if service & 0x80 == 0 {
            let summary = decodeRequest(message, depth: 0, context: context, events: events)
            if !pending.add(summary, channel: channel, key: key, events: events) {
                events.recordAnomaly(EtherNetIPAnomaly.pendingOverflow)
            }
        } else {
            let request = pending.take(channel: channel, key: key, events: events)
            decodeResponse(message, request: request, depth: 0, context: context, events: events)
        }
    }

    /// Takes one event from the budget; the first refusal is counted.
    private mutating func spend(_ events: EventBatch) -> Bool {
        if budget > 0 {
            budget -= 1
            return true
        }
        if budget == 0 {
            events.recordAnomaly(EtherNetIPAnomaly.tooManyServices)
            budget = -1
        }
        return false
    }

    /// Message router request (§2-4.1): service, path size in words, path, data.
    mutating func decodeRequest(_ message: ByteView, depth: Int, context: PacketContext, events: EventBatch)
        -> RequestSummary
    {
        guard spend(events) else { return RequestSummary() }
        var reader = ByteReader(message)
        var event = ProtocolEvent()
        event.protocolID = .cip
        event.direction = .request
        let service = reader.readUInt8() ?? 0
        event.function = Int64(service & 0x7F)
        var path = CIPPath()
        if let words = reader.readUInt8() {
            if let pathBytes = reader.readView(count: Int(words) * 2) {
                path.parse(pathBytes)
                if path.isMalformed { event.anomaly = Anomaly(EtherNetIPAnomaly.pathMalformed, "request path") }
            } else {
                path.parse(reader.rest)
                _ = reader.skip(reader.remaining)
                event.anomaly = Anomaly(EtherNetIPAnomaly.pathMalformed, "path size beyond message")
            }
        } else {
            event.anomaly = Anomaly(EtherNetIPAnomaly.cipTruncated, "request header")
        }
        let meaning = CIPService.meaning(service, classID: path.classID)
        event.functionName = meaning.name
        event.operation = meaning.operation
        event.target = EventTarget(kind: .cipPath, path.classID, path.instanceID, path.attributeID)
        // Tag names of routine reads are not kept when only notable events are (inventory).
        if events.keepsText(for: event.operation) { event.target.text = path.symbolText(events) }
        var summary = RequestSummary(
            service: service & 0x7F, classID: path.classID, instanceID: path.instanceID, attributeID: path.attributeID,
            tag: event.target.text)
        let data = reader.rest

        if service == CIPService.multipleServicePacket, event.anomaly == nil {
            guard depth < EtherNetIPLimits.nestingDepth else {
                event.anomaly = Anomaly(EtherNetIPAnomaly.nestingTooDeep, "Multiple Service Packet")
                events.emit(event, context: context)
                return summary
            }
            let table = MultipleServiceTable(data)
            if !table.isValid {
                event.anomaly = Anomaly(EtherNetIPAnomaly.multipleServiceMalformed, "service count or offsets")
            }
            events.emit(event, context: context)
            for index in 0..<table.count {
                guard let embedded = table.service(at: index) else {
                    events.recordAnomaly(EtherNetIPAnomaly.multipleServiceMalformed)
                    break
                }
                guard !embedded.isEmpty else {
                    events.recordAnomaly(EtherNetIPAnomaly.multipleServiceMalformed)
                    continue
                }
                let embeddedSummary = decodeRequest(embedded, depth: depth + 1, context: context, events: events)
                let position = pending.addEmbedded(embeddedSummary, events: events)
                if summary.embeddedCount == 0 { summary.embeddedStart = position }
                summary.embeddedCount += 1
            }
            return summary
        }

        if service == CIPService.unconnectedSend, path.classID == CIPClass.connectionManager, event.anomaly == nil {
            guard depth < EtherNetIPLimits.nestingDepth else {
                event.anomaly = Anomaly(EtherNetIPAnomaly.nestingTooDeep, "Unconnected Send")
                events.emit(event, context: context)
                return summary
            }
            // Priority/time tick, time-out ticks, message size, message, pad, route path (§3-5.5.2).
            var body = ByteReader(data)
            guard body.skip(2), let size = body.readUInt16(bigEndian: false), size > 0,
                let embedded = body.readView(count: Int(size))
            else {
                event.anomaly = Anomaly(EtherNetIPAnomaly.unconnectedSendMalformed, "embedded message size")
                events.emit(event, context: context)
                return summary
            }
            events.emit(event, context: context)
            var inner = decodeRequest(embedded, depth: depth + 1, context: context, events: events)
            inner.viaUnconnectedSend = true
            return inner
        }

        events.emit(event, context: context)
        return summary
    }

    /// Message router response (§2-4.2): reply service, reserved, general status, additional
    /// status size in words, additional status, data.
    mutating func decodeResponse(
        _ message: ByteView, request: RequestSummary?, depth: Int, context: PacketContext, events: EventBatch
    ) {
        guard spend(events) else { return }
        var reader = ByteReader(message)
        var event = ProtocolEvent()
        event.protocolID = .cip
        event.direction = .response
        let service = reader.readUInt8() ?? 0
        let code = service & 0x7F
        event.function = Int64(code)
        var request = request
        if let known = request {
            let routingReply = known.viaUnconnectedSend && code == CIPService.unconnectedSend
            if routingReply {
                request = RequestSummary(service: code, classID: CIPClass.connectionManager, instanceID: 1)
            } else if known.service != code {
                request = nil  // not the reply we expected: do not borrow a wrong path
            }
        }
        let classID = request?.classID ?? -1
        let meaning = CIPService.meaning(code, classID: classID)
        event.functionName = meaning.name
        event.operation = meaning.operation
        if let request, request.classID >= 0 || !request.tag.isEmpty {
            event.target = EventTarget(kind: .cipPath, request.classID, request.instanceID, request.attributeID)
            event.target.text = request.tag
        }
        guard reader.skip(1), let status = reader.readUInt8(), let additionalWords = reader.readUInt8(),
            reader.skip(Int(additionalWords) * 2)
        else {
            event.anomaly = Anomaly(EtherNetIPAnomaly.cipTruncated, "response header")
            events.emit(event, context: context)
            return
        }
        // Partial transfer (0x06) is how fragmented reads succeed.
        event.result = status == 0 || status == 0x06 ? .ok : .error(Int64(status), CIPGeneralStatus.name(status))
        let data = reader.rest

        if status == 0, classID == CIPClass.identity {
            if code == CIPService.getAttributesAll {
                var identityReader = ByteReader(data)
                event.identityStart = events.nextFactIndex
                if let identity = IdentityRecord.read(&identityReader) {
                    identity.addFacts(events)
                } else {
                    event.anomaly = Anomaly(EtherNetIPAnomaly.identityTruncated, "Get_Attributes_All reply")
                }
                event.identityCount = events.nextFactIndex - event.identityStart
            } else if code == CIPService.getAttributeList {
                var listReader = ByteReader(data)
                event.identityStart = events.nextFactIndex
                if let identity = IdentityRecord.readAttributeList(&listReader) {
                    identity.addFacts(events)
                }
                event.identityCount = events.nextFactIndex - event.identityStart
            } else if code == CIPService.getAttributeSingle, request?.attributeID == 7,
                let length = data.getUInt8(at: 0),
                let name = data.slice(from: 1, count: min(Int(length), data.count - 1))
            {
                event.identityStart = events.nextFactIndex
                if !name.isEmpty { events.addFact(.product, events.text(name)) }
                event.identityCount = events.nextFactIndex - event.identityStart
            }
        }

        if code == CIPService.multipleServicePacket, !data.isEmpty {
            guard depth < EtherNetIPLimits.nestingDepth else {
                event.anomaly = Anomaly(EtherNetIPAnomaly.nestingTooDeep, "Multiple Service Packet")
                events.emit(event, context: context)
                return
            }
            let table = MultipleServiceTable(data)
            if !table.isValid {
                event.anomaly = Anomaly(EtherNetIPAnomaly.multipleServiceMalformed, "service count or offsets")
            }
            events.emit(event, context: context)
            for index in 0..<table.count {
                guard let embedded = table.service(at: index) else {
                    events.recordAnomaly(EtherNetIPAnomaly.multipleServiceMalformed)
                    break
                }
                guard !embedded.isEmpty else {
                    events.recordAnomaly(EtherNetIPAnomaly.multipleServiceMalformed)
                    continue
                }
                var embeddedRequest: RequestSummary?
                if let request, request.service == CIPService.multipleServicePacket, index < request.embeddedCount {
                    embeddedRequest = pending.embedded(at: request.embeddedStart &+ UInt64(index), events: events)
                }
                decodeResponse(embedded, request: embeddedRequest, depth: depth + 1, context: context, events: events)
            }
            return
        }
        events.emit(event, context: context)
    }
}

/// The service count and offset table of a Multiple Service Packet (CIP Vol. 1 § ): offsets
/// count from the start of the count field.
struct MultipleServiceTable {
    let data: ByteView
    let count: Int
    let isValid: Bool

    init(_ data: ByteView) {
        self.data = data
        let declared = Int(data.getUInt16(at: 0, bigEndian: false) ?? 0)
        let fits = data.count >= 2 + 2 * declared && declared <= EtherNetIPLimits.multipleServices
        if fits {
            count = declared
        } else {
            // Read what the table holds, within the cap.
            count = min(max(0, (data.count - 2) / 2), declared, EtherNetIPLimits.multipleServices)
        }
        isValid = fits && data.count >= 2
    }

    func service(at index: Int) -> ByteView? {
        guard index < count, let start = data.getUInt16(at: 2 + 2 * index, bigEndian: false) else { return nil }
        let end: Int
        if index + 1 < count, let next = data.getUInt16(at: 4 + 2 * index, bigEndian: false) {
            end = Int(next)
        } else {
            end = data.count
        }
        guard Int(start) >= 2 + 2 * count, Int(start) <= end, end <= data.count else { return nil }
        return data.slice(from: Int(start), count: end - Int(start))
    }
}
