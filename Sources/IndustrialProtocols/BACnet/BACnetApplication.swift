import BinaryParsing
import EventModel

/// Decodes one NPDU (ASHRAE 135 §6) and its APDU (§20.1) into an event. Shared by BACnet/IP
/// (behind a BVLC header) and BACnet over Ethernet (behind LLC); the pending-request table, when
/// given, pairs answers with their requests.
struct BACnetApplication {
    /// What the link layer knows of the message.
    struct Link {
        var bvlcFunction = -1
        /// Sent as a broadcast (BVLC broadcast functions, broadcast addresses).
        var isBroadcast = false
        var anomaly: AnomalyKind?
    }

    /// APDU types (§20.1.1).
    enum PDUType: UInt8 {
        case confirmedRequest = 0
        case unconfirmedRequest, simpleACK, complexACK, segmentACK, error, reject, abort
    }

    /// Where a service's parameters keep the object, property and array index it touches, as
    /// context tag numbers (-1: not there). See each service's production in §21.
    struct Layout {
        var objectTag: Int = -1
        /// The object identifier is the n-th application-tagged one at depth 0 (0: not used).
        var applicationObject: Int = 0
        /// The object tag sits inside the opening tag `listTag` rather than at depth 0.
        var objectInList = false
        var propertyTag: Int = -1
        var indexTag: Int = -1
        /// Opening context tag (depth 0) that holds property references.
        var listTag: Int = -1
        var listPropertyTag: Int = -1
        var listIndexTag: Int = -1
        /// Opening context tag holding a property value (depth 0, or inside `listTag`).
        var valueTag: Int = -1
        var valueInList = false
    }

    static func requestLayout(_ service: Int) -> Layout {
        var layout = Layout()
        switch service {
        case 0, 5: layout.objectTag = 1  // AcknowledgeAlarm, SubscribeCOV
        case 1, 2:  // notifications: the monitored / event object
            layout.objectTag = 2
        case 6, 7, 11: layout.applicationObject = 1  // AtomicReadFile, AtomicWriteFile, DeleteObject
        case 8, 9, 12, 15, 26:  // list elements, ReadProperty, WriteProperty, ReadRange
            layout.objectTag = 0
            layout.propertyTag = 1
            layout.indexTag = 2
        case 10:  // CreateObject: object specifier [0] { object-type [0] | object-identifier [1] }
            layout.objectTag = 1
            layout.objectInList = true
            layout.listTag = 0
        case 14, 16:  // ReadPropertyMultiple, WritePropertyMultiple
            layout.objectTag = 0
            layout.listTag = 1
            layout.listPropertyTag = 0
            layout.listIndexTag = 1
        case 27: layout.objectTag = 3  // LifeSafetyOperation
        case 28:  // SubscribeCOVProperty
            layout.objectTag = 1
            layout.listTag = 3
            layout.listPropertyTag = 0
            layout.listIndexTag = 1
        default: break
        }
        return layout
    }

    static func acknowledgementLayout(_ service: Int) -> Layout {
        var layout = Layout()
        switch service {
        case 10: layout.applicationObject = 1  // CreateObject-ACK
        case 12:  // ReadProperty-ACK
            layout.objectTag = 0
            layout.propertyTag = 1
            layout.indexTag = 2
            layout.valueTag = 3
        case 26:  // ReadRange-ACK
            layout.objectTag = 0
            layout.propertyTag = 1
            layout.indexTag = 2
        case 14:  // ReadPropertyMultiple-ACK
            layout.objectTag = 0
            layout.listTag = 1
            layout.listPropertyTag = 2
            layout.listIndexTag = 3
            layout.valueTag = 4
            layout.valueInList = true
        default: break
        }
        return layout
    }

    static func unconfirmedLayout(_ service: Int) -> Layout {
        var layout = Layout()
        switch service {
        case 0: layout.applicationObject = 1  // I-Am: the device
        case 1: layout.applicationObject = 2  // I-Have: the object the device has
        case 2, 3, 7: layout.objectTag = 2  // COV/event notifications, Who-Has by identifier
        default: break
        }
        return layout
    }

    /// Decodes `npdu`, emitting at most one event.
    static func decode(
        _ npdu: ByteView, link: Link, pending: inout BACnetPendingRequests?, context: PacketContext,
        events: EventBatch, layer2: Bool
    ) {
        var event = ProtocolEvent()
        event.protocolID = .bacnet
        event.direction = link.isBroadcast ? .broadcast : (context.fromClient ? .request : .response)
        if let kind = link.anomaly { event.anomaly = Anomaly(kind, "BVLC length differs from the datagram") }
        var reader = ByteReader(npdu)
        // §6.2: version, control, [DNET DLEN DADR], [SNET SLEN SADR], [hop count], [message type, vendor]
        guard let version = reader.readUInt8(), let control = reader.readUInt8() else {
            emitAnomaly(&event, BACnetAnomaly.invalidNPDU, "NPDU shorter than 2 octets", context, events, layer2)
            return
        }
        if version != 1 {
            event.anomaly =
                event.anomaly ?? Anomaly(BACnetAnomaly.invalidNPDU, "NPDU version is not 1", value: Int64(version))
        }
        let isNetworkMessage = control & 0x80 != 0
        let hasDestination = control & 0x20 != 0
        let hasSource = control & 0x08 != 0
        var isGlobalBroadcast = false
        if hasDestination {
            guard let network = reader.readUInt16(), let length = reader.readUInt8(), reader.skip(Int(length)) else {
                emitAnomaly(&event, BACnetAnomaly.invalidNPDU, "NPDU ends in the destination", context, events, layer2)
                return
            }
            isGlobalBroadcast = network == 0xFFFF || length == 0
        }
        if hasSource {
            guard reader.readUInt16() != nil, let length = reader.readUInt8(), reader.skip(Int(length)) else {
                emitAnomaly(&event, BACnetAnomaly.invalidNPDU, "NPDU ends in the source", context, events, layer2)
                return
            }
        }
        if hasDestination {
            guard let hopCount = reader.readUInt8() else {
                emitAnomaly(
                    &event, BACnetAnomaly.invalidNPDU, "NPDU ends before the hop count", context, events, layer2)
                return
            }
            if hopCount == 0 {
                event.anomaly = event.anomaly ?? Anomaly(BACnetAnomaly.hopCountExhausted, "hop count 0")
            }
        }
        let isBroadcast = link.isBroadcast || isGlobalBroadcast
        if isNetworkMessage {
            guard let messageType = reader.readUInt8() else {
                emitAnomaly(
                    &event, BACnetAnomaly.invalidNPDU, "NPDU ends before the message type", context, events, layer2)
                return
            }
            event.functionName = BACnetServices.networkMessageName(Int(messageType))
            event.operation = BACnetServices.networkMessageOperation(Int(messageType))
            if isBroadcast { event.direction = .broadcast }
            events.emit(event, context: context, layer2: layer2)
            return
        }
        decodeAPDU(
            reader.rest, event: &event, isBroadcast: isBroadcast, pending: &pending, context: context, events: events)
        events.emit(event, context: context, layer2: layer2)
    }

    private static func emitAnomaly(
        _ event: inout ProtocolEvent, _ kind: AnomalyKind, _ detail: StaticString, _ context: PacketContext,
        _ events: EventBatch, _ layer2: Bool
    ) {
        event.anomaly = event.anomaly ?? Anomaly(kind, detail)
        events.emit(event, context: context, layer2: layer2)
    }

    // MARK: APDU (§20.1)

    static func decodeAPDU(
        _ apdu: ByteView, event: inout ProtocolEvent, isBroadcast: Bool, pending: inout BACnetPendingRequests?,
        context: PacketContext, events: EventBatch
    ) {
        var reader = ByteReader(apdu)
        guard let first = reader.readUInt8() else {
            event.anomaly = event.anomaly ?? Anomaly(BACnetAnomaly.invalidAPDU, "empty APDU")
            return
        }
        guard let type = PDUType(rawValue: first >> 4) else {
            event.anomaly =
                event.anomaly ?? Anomaly(BACnetAnomaly.invalidAPDU, "reserved PDU type", value: Int64(first >> 4))
            return
        }
        let segmented = first & 0x08 != 0
        let moreFollows = first & 0x04 != 0
        func truncated() {
            event.anomaly =
                event.anomaly
                ?? Anomaly(BACnetAnomaly.invalidAPDU, "APDU ends in its header", value: Int64(type.rawValue))
        }
        switch type {
        case .confirmedRequest:
            // type/flags, max segments/max APDU, invoke id, [sequence number, proposed window], service choice
            guard reader.skip(1), let invokeID = reader.readUInt8(), !segmented || reader.skip(2),
                let service = reader.readUInt8()
            else { return truncated() }
            let choice = Int(service)
            event.function = Int64(choice)
            event.functionName = BACnetServices.confirmedName(choice)
            event.operation = BACnetServices.confirmedOperation(choice)
            event.direction = .request
            var request = BACnetPendingRequests.Request()
            request.service = Int16(choice)
            if !segmented || apdu.getUInt8(at: 3) == 0 {
                scan(reader.rest, layout: requestLayout(choice), event: &event, events: events)
                if let parameter = controlParameter(reader.rest, service: choice) { event.subfunction = parameter }
            }
            request.objectType = event.target.first
            request.instance = event.target.second
            request.property = event.target.third
            request.arrayIndex = event.target.fourth
            if pending != nil {
                switch pending!.insert(request, invokeID: invokeID, fromClient: context.fromClient) {
                case .stored: break
                case .reused:
                    event.anomaly =
                        event.anomaly
                        ?? Anomaly(
                            BACnetAnomaly.invokeIDReused, "invoke id of an unanswered request", value: Int64(invokeID))
                case .flooded:
                    event.anomaly = event.anomaly ?? Anomaly(BACnetAnomaly.requestFlood, "pending request table full")
                }
            }
        case .unconfirmedRequest:
            guard let service = reader.readUInt8() else { return truncated() }
            let choice = Int(service)
            event.function = Int64(choice)
            event.functionName = BACnetServices.unconfirmedName(choice)
            event.operation = BACnetServices.unconfirmedOperation(choice)
            if isBroadcast {
                event.direction = .broadcast
            } else {
                event.direction = choice == 7 || choice == 8 ? .request : .unsolicited
            }
            scan(reader.rest, layout: unconfirmedLayout(choice), event: &event, events: events)
            if choice == 0 { iAm(reader.rest, event: &event, events: events) }
        case .simpleACK, .complexACK, .error:
            guard let invokeID = reader.readUInt8(), type != .complexACK || !segmented || reader.skip(2),
                let service = reader.readUInt8()
            else { return truncated() }
            let choice = Int(service)
            event.function = Int64(choice)
            event.functionName = BACnetServices.confirmedName(choice)
            event.operation = BACnetServices.confirmedOperation(choice)
            event.direction = .response
            if type == .complexACK {
                event.result = .ok
                if !segmented || apdu.getUInt8(at: 2) == 0 {
                    scan(reader.rest, layout: acknowledgementLayout(choice), event: &event, events: events)
                }
            } else if type == .simpleACK {
                event.result = .ok
            } else {
                errorResult(reader.rest, event: &event)
            }
            let finished = type != .complexACK || !moreFollows
            answer(
                invokeID: invokeID, service: choice, finished: finished, event: &event, pending: &pending,
                context: context)
        case .segmentACK:
            // type/flags (NAK, SRV), invoke id, sequence number, actual window size
            guard let invokeID = reader.readUInt8(), reader.skip(2) else { return truncated() }
            event.functionName = "segmentACK"
            event.direction = first & 0x01 != 0 ? .response : .request
            event.operation = .other
            if let request = pending?.lookup(
                invokeID: invokeID, requestFromClient: first & 0x01 != 0 ? !context.fromClient : context.fromClient)
            {
                event.operation = BACnetServices.confirmedOperation(Int(request.service))
            }
        case .reject, .abort:
            guard let invokeID = reader.readUInt8(), let reason = reader.readUInt8() else { return truncated() }
            let code = Int64(reason)
            let fromServer = type == .reject || first & 0x01 != 0
            event.direction = fromServer ? .response : .request
            if type == .reject {
                event.functionName = "reject"
                event.result = .error(code, BACnetServices.rejectReasonName(code))
            } else {
                event.functionName = "abort"
                event.result = .error(code, BACnetServices.abortReasonName(code))
            }
            event.operation = .other
            let requestFromClient = fromServer ? !context.fromClient : context.fromClient
            if let request = pending?.lookup(invokeID: invokeID, requestFromClient: requestFromClient) {
                event.operation = BACnetServices.confirmedOperation(Int(request.service))
                event.target = EventTarget(
                    kind: .bacnetObject, request.objectType, request.instance, request.property, request.arrayIndex)
                if request.objectType < 0 { event.target = EventTarget() }
                pending?.remove(invokeID: invokeID, requestFromClient: requestFromClient)
            }
        }
    }

    /// Pairs an answer with its request: the request's target fills what the answer lacks.
    private static func answer(
        invokeID: UInt8, service: Int, finished: Bool, event: inout ProtocolEvent,
        pending: inout BACnetPendingRequests?,
        context: PacketContext
    ) {
        let requestFromClient = !context.fromClient
        guard let request = pending?.lookup(invokeID: invokeID, requestFromClient: requestFromClient) else { return }
        if Int(request.service) != service {
            event.anomaly =
                event.anomaly
                ?? Anomaly(BACnetAnomaly.serviceMismatch, "answer for another service", value: Int64(request.service))
        } else if event.target.kind == .none && request.objectType >= 0 {
            event.target = EventTarget(
                kind: .bacnetObject, request.objectType, request.instance, request.property, request.arrayIndex)
        }
        if finished { pending?.remove(invokeID: invokeID, requestFromClient: requestFromClient) }
    }

    /// Error PDU parameters (§21 BACnet-Error): error class and error code, both enumerated, possibly
    /// inside a service-specific constructed error.
    private static func errorResult(_ parameters: ByteView, event: inout ProtocolEvent) {
        var tags = BACnetTagReader(parameters)
        var errorClass: Int64 = -1
        while let tag = tags.next() {
            guard tag.isApplication(.enumerated), let value = tag.unsigned else { continue }
            if errorClass < 0 {
                errorClass = Int64(value)
            } else {
                let code = Int64(value)
                event.result = .error(code, BACnetServices.errorCodeName(code))
                return
            }
        }
        event.result = .error(-1, "error")
        if let kind = tags.anomaly { event.anomaly = event.anomaly ?? Anomaly(kind, "error parameters") }
    }

    // MARK: service parameters

    /// What a device-control request asks, as the event's `subfunction`: DeviceCommunicationControl
    /// (§16.1) [1] enable-disable (0 enable, 1 disable, 2 disable-initiation); ReinitializeDevice
    /// (§16.4) [0] reinitialized-state (0 coldstart, 1 warmstart, 2 start-backup, 3 end-backup,
    /// 4 start-restore, 5 end-restore, 6 abort-restore, 7 activate-changes). Disabling a device's
    /// communication and restarting it are far apart in danger from enabling it again.
    static func controlParameter(_ parameters: ByteView, service: Int) -> Int64? {
        let wanted: UInt8
        switch service {
        case 17: wanted = 1
        case 20: wanted = 0
        default: return nil
        }
        var tags = BACnetTagReader(parameters)
        while let tag = tags.next() {
            guard tags.depth == 0, tag.isContext(wanted) else { continue }
            return tag.unsigned.map { Int64(truncatingIfNeeded: $0) }
        }
        return nil
    }

    /// Walks the service parameters for the object, property and array index `layout` names, and
    /// for identity values (device object properties in ReadProperty(Multiple)-ACK).
    static func scan(_ parameters: ByteView, layout: Layout, event: inout ProtocolEvent, events: EventBatch) {
        var tags = BACnetTagReader(parameters)
        var objectType: Int64 = -1
        var instance: Int64 = -1
        var property: Int64 = -1
        var arrayIndex: Int64 = -1
        var applicationObjects: Int = 0
        var inList = false
        /// Object type of the object whose results are being read (RPM-ACK lists several objects).
        var currentObjectType: Int64 = -1
        var currentProperty: Int64 = -1
        var valueDepth = -1
        var valueProperty: Int64 = -1
        let factStart = events.nextFactIndex
        while let tag = tags.next() {
            let depth = tags.depth
            switch tag.kind {
            case .opening:
                let outer = depth - 1
                if outer == 0 && Int(tag.number) == layout.listTag { inList = true }
                if Int(tag.number) == layout.valueTag && outer == (layout.valueInList ? 1 : 0)
                    && (!layout.valueInList || inList)
                {
                    valueDepth = depth
                    valueProperty = currentProperty
                }
                continue
            case .closing:
                if depth == 0 && Int(tag.number) == layout.listTag { inList = false }
                if depth < valueDepth { valueDepth = -1 }
                continue
            case .primitive: break
            }
            if depth == valueDepth {
                if currentObjectType == 8 { identity(tag, property: valueProperty, event: &event, events: events) }
                valueDepth = -1  // the first element of a value is enough
                continue
            }
            let objectDepth = layout.objectInList ? 1 : 0
            if depth == objectDepth, tag.isContext, Int(tag.number) == layout.objectTag,
                let object = tag.objectIdentifier
            {
                currentObjectType = object.type
                if objectType < 0 { (objectType, instance) = object }
                continue
            }
            if depth == 0, tag.isApplication(.objectIdentifier), layout.applicationObject > 0,
                let object = tag.objectIdentifier
            {
                applicationObjects += 1
                if applicationObjects == layout.applicationObject {
                    currentObjectType = object.type
                    if objectType < 0 { (objectType, instance) = object }
                }
                continue
            }
            if depth == 0, tag.isContext {
                if Int(tag.number) == layout.propertyTag, let value = tag.unsigned {
                    currentProperty = Int64(truncatingIfNeeded: value)
                    if property < 0 { property = currentProperty }
                } else if Int(tag.number) == layout.indexTag, let value = tag.unsigned, arrayIndex < 0,
                    property == currentProperty
                {
                    arrayIndex = Int64(truncatingIfNeeded: value)
                }
            } else if depth == 1, inList, tag.isContext {
                if Int(tag.number) == layout.listPropertyTag, let value = tag.unsigned {
                    currentProperty = Int64(truncatingIfNeeded: value)
                    if property < 0 { property = currentProperty }
                } else if Int(tag.number) == layout.listIndexTag, let value = tag.unsigned, arrayIndex < 0,
                    property == currentProperty
                {
                    arrayIndex = Int64(truncatingIfNeeded: value)
                }
            }
        }
        if let kind = tags.anomaly { event.anomaly = event.anomaly ?? Anomaly(kind, "service parameters") }
        if objectType >= 0 {
            event.target = EventTarget(kind: .bacnetObject, objectType, instance, property, arrayIndex)
        }
        let factEnd = events.nextFactIndex
        if factEnd > factStart {
            event.identityStart = factStart
            event.identityCount = factEnd - factStart
        }
    }

    /// UCS-2 identity strings longer than this (in octets) are not converted (they are then
    /// reported as `bacnet.unreadable_string`); the conversion buffer lives on the stack.
    static let maximumUCS2Length = 512

    /// A device object property value that identifies the device (§12.11).
    private static func identity(_ tag: BACnetTag, property: Int64, event: inout ProtocolEvent, events: EventBatch) {
        if property == 120, tag.isApplication(.unsignedInteger), let value = tag.unsigned {  // vendor-identifier
            vendorFacts(Int(truncatingIfNeeded: value), events: events)
            return
        }
        let key: IdentityKey
        switch property {
        case 77: key = .name  // object-name
        case 121: key = .vendor  // vendor-name
        case 70: key = .model  // model-name
        case 44: key = .firmware  // firmware-revision
        case 12: key = .applicationName  // application-software-version
        case 372: key = .serial  // serial-number
        case 28, 58: key = .other  // description, location
        default: return
        }
        guard tag.isApplication(.characterString), let encoding = tag.value.getUInt8(at: 0) else { return }
        let text = tag.value.dropFirst(1)
        if encoding == 4, text.count % 2 == 0, text.count <= Self.maximumUCS2Length {  // UCS-2 kept when plain ASCII
            var ascii = true
            for index in stride(from: 0, to: text.count, by: 2)
            where text[index] != 0 || text[index + 1] < 0x20 || text[index + 1] > 0x7E {
                ascii = false
                break
            }
            if ascii {
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, text.count / 2)) { buffer in
                    for index in 0..<text.count / 2 { buffer[index] = text[2 * index + 1] }
                    events.addFact(
                        key, events.text(ByteView(base: UnsafeRawPointer(buffer.baseAddress!), count: text.count / 2)))
                }
                return
            }
        }
        if encoding != 0 && !isPrintable(text) {
            event.anomaly =
                event.anomaly
                ?? Anomaly(BACnetAnomaly.unreadableString, "character string encoding", value: Int64(encoding))
            return
        }
        events.addFact(key, events.text(text))
    }

    static func isPrintable(_ bytes: ByteView) -> Bool {
        for index in 0..<bytes.count where bytes[index] < 0x20 || bytes[index] > 0x7E { return false }
        return true
    }

    /// I-Am-Request (§16.1.1.2.1): I-Am device identifier, max APDU length accepted, segmentation
    /// supported, vendor identifier — all application tagged.
    private static func iAm(_ parameters: ByteView, event: inout ProtocolEvent, events: EventBatch) {
        var tags = BACnetTagReader(parameters)
        var unsignedCount = 0
        let start = event.identityCount > 0 ? event.identityStart : events.nextFactIndex
        // The device instance identifies the device on the BACnet internetwork.
        if event.target.kind == .bacnetObject, event.target.first == 8, event.target.second >= 0 {
            decimalFact(.deviceID, Int(event.target.second), events: events)
        }
        while let tag = tags.next() {
            guard tag.isApplication(.unsignedInteger) else { continue }
            unsignedCount += 1
            if unsignedCount == 2, let vendor = tag.unsigned {
                vendorFacts(Int(truncatingIfNeeded: vendor), events: events)
                break
            }
        }
        let end = events.nextFactIndex
        if end > start {
            event.identityStart = start
            event.identityCount = end - start
        }
    }

    /// `vendor_id` (decimal) and the registered vendor name, without building Swift strings.
    static func vendorFacts(_ vendor: Int, events: EventBatch) {
        guard events.isCollecting else { return }
        decimalFact(.vendorID, vendor, events: events)
        if let name = BACnetVendorTable.name(of: vendor) {
            events.addFact(
                .vendor, events.text(ByteView(base: UnsafeRawPointer(name.utf8Start), count: name.utf8CodeUnitCount)))
        }
    }

    /// A fact whose value is a decimal number, written without building a Swift string.
    static func decimalFact(_ key: IdentityKey, _ number: Int, events: EventBatch) {
        guard events.isCollecting else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var value = max(0, number)
            var length = 0
            repeat {
                buffer[19 - length] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
                length += 1
            } while value > 0 && length < 20
            let digits = ByteView(base: UnsafeRawPointer(buffer.baseAddress!) + (20 - length), count: length)
            events.addFact(key, events.text(digits))
        }
    }
}
