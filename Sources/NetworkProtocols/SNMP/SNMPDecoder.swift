import BinaryParsing
import EventModel
import PacketLayers

/// One event per SNMP message (RFC 1157, RFC 3416; RFC 3412 §6 for the v3 header).
///
/// `function` is the PDU's context tag number (tshark `snmp.data`), named as Wireshark names it.
/// Target text: "community <name>" (v1/v2c), followed by " <first OID>" when the PDU has a varbind
/// (a v1 trap without varbinds: its enterprise OID); v3: "user <userName>". Target numbers: request
/// id (v3: msgID). Responses with an error status carry it as the result; responses carrying the
/// system group describe the agent (their sender): sysDescr → `software` (the system description,
/// "Siemens, SIMATIC NET, SCALANCE X208, …"), sysName → `name`, sysObjectID → `product_code` (the
/// dotted OID), sysContact / sysLocation → one `other` ("sysContact …; sysLocation …").
/// The community (v1/v2c) or USM user name (v3) → `account`: about the agent, i.e. the destination of
/// a request and the sender of a response, trap or inform.
public final class SNMPDecoder: DatagramDecoder {
    public static let anomalyMalformed = AnomalyKind("snmp.malformed")
    public static let anomalyBadVersion = AnomalyKind("snmp.bad_version")
    public static let anomalyUnknownPDU = AnomalyKind("snmp.unknown_pdu")
    public static let anomalyTooManyVarBinds = AnomalyKind("snmp.too_many_varbinds")
    public static let anomalyBadOID = AnomalyKind("snmp.bad_oid")
    /// A community or user name longer than `TextScratch.capacity` bytes: the text is cut there.
    public static let anomalyTextTruncated = AnomalyKind("snmp.text_truncated")

    /// Varbinds walked per PDU (a GetBulk response holds up to max-repetitions × names).
    static let maximumVarBinds = 512

    private var scratch = TextScratch()

    public init() {}

    /// A message is a SEQUENCE whose first element is INTEGER version 0, 1 or 3.
    public static func probe(_ bytes: ByteView) -> ProbeResult {
        guard bytes.count >= 5 else { return .needMoreBytes }
        var reader = ByteReader(bytes)
        guard let message = reader.readBERElement(), message.tag == 0x30 else { return .noMatch }
        var inner = ByteReader(message.value)
        guard let version = inner.readBERInteger(), version == 0 || version == 1 || version == 3 else {
            return .noMatch
        }
        return .match
    }

    static let pduNames: [StaticString] = [
        "get-request", "get-next-request", "get-response", "set-request", "trap", "getBulkRequest",
        "informRequest", "snmpV2-trap", "report",
    ]

    /// RFC 3416 §3 error-status names.
    static let errorNames: [StaticString] = [
        "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType",
        "wrongLength", "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue",
        "resourceUnavailable", "commitFailed", "undoFailed", "authorizationError", "notWritable",
        "inconsistentName",
    ]

    public func receive(_ datagram: ByteView, context: PacketContext, events: EventBatch) {
        var event = ProtocolEvent()
        event.protocolID = .snmp
        event.direction =
            context.destinationPort == 162 ? .unsolicited : (context.sourcePort == 161 ? .response : .request)
        event.operation = .other
        event.identityStart = events.nextFactIndex
        decode(datagram, event: &event, events: events)
        event.identityCount = events.nextFactIndex - event.identityStart
        events.emit(event, context: context)
    }

    private func flag(_ event: inout ProtocolEvent, _ anomaly: Anomaly) {
        if event.anomaly == nil { event.anomaly = anomaly }
    }

    private func decode(_ datagram: ByteView, event: inout ProtocolEvent, events: EventBatch) {
        var outer = ByteReader(datagram)
        guard let messageBytes = outer.readBERElement(tag: 0x30) else {
            flag(&event, Anomaly(Self.anomalyMalformed, "message SEQUENCE"))
            return
        }
        var message = ByteReader(messageBytes)
        guard let version = message.readBERInteger() else {
            flag(&event, Anomaly(Self.anomalyMalformed, "version"))
            return
        }
        switch version {
        case 0, 1:
            decodeCommunityMessage(&message, event: &event, events: events)
        case 3:
            decodeVersion3(&message, event: &event, events: events)
        default:
            flag(&event, Anomaly(Self.anomalyBadVersion, value: version))
        }
    }

    /// RFC 1157 §4 / RFC 1901: version, community, PDU.
    private func decodeCommunityMessage(_ message: inout ByteReader, event: inout ProtocolEvent, events: EventBatch) {
        guard let community = message.readBERElement(tag: 0x04) else {
            flag(&event, Anomaly(Self.anomalyMalformed, "community"))
            return
        }
        scratch.reset()
        scratch.append("community ")
        scratch.append(text: community)
        event.target.kind = .text
        defer {
            if scratch.truncated {
                flag(&event, Anomaly(Self.anomalyTextTruncated, value: Int64(TextScratch.capacity)))
            }
            event.target.text = scratch.text(in: events)
        }
        guard let pdu = message.readBERElement() else {
            flag(&event, Anomaly(Self.anomalyMalformed, "PDU"))
            return
        }
        guard pdu.tag & 0xE0 == 0xA0, Int(pdu.tag & 0x1F) < Self.pduNames.count else {
            flag(&event, Anomaly(Self.anomalyUnknownPDU, value: Int64(pdu.tag)))
            return
        }
        let type = Int(pdu.tag & 0x1F)
        event.function = Int64(type)
        event.functionName = Self.pduNames[type]
        // Get, GetNext, Set, GetBulk go to the agent; the rest comes from it (or from a notifier).
        let agent: FactSubject = type == 0 || type == 1 || type == 3 || type == 5 ? .destination : .source
        events.addFact(.account, scratch.text(from: 10, in: events), about: agent)
        switch type {
        case 0, 1, 5:
            event.direction = .request
            event.operation = .read
        case 2:
            event.direction = .response
            event.operation = .read
        case 3:
            event.direction = .request
            event.operation = .write
        case 4, 7:
            event.direction = .unsolicited
            event.operation = .data
        case 6:
            event.direction = .request
            event.operation = .data
        default:  // report
            event.direction = .response
            event.operation = .other
        }
        var body = ByteReader(pdu.value)
        if type == 4 {
            decodeTrapV1(&body, event: &event, events: events)
            return
        }
        // RFC 3416 §3: request-id, error-status (GetBulk: non-repeaters), error-index (max-repetitions).
        guard let requestID = body.readBERInteger(), let errorStatus = body.readBERInteger(),
            body.readBERInteger() != nil
        else {
            flag(&event, Anomaly(Self.anomalyMalformed, "PDU header"))
            return
        }
        event.target.first = requestID
        if type == 2 || type == 8 {
            if errorStatus == 0 {
                event.result = .ok
            } else {
                let known = errorStatus > 0 && errorStatus < Int64(Self.errorNames.count)
                let name: StaticString = known ? Self.errorNames[Int(errorStatus)] : "unknown"
                event.result = .error(errorStatus, name)
            }
        }
        decodeVarBinds(&body, identifies: type == 2, event: &event, events: events)
    }

    /// RFC 1157 §4.1.6: enterprise, agent-addr, generic-trap, specific-trap, time-stamp, varbinds.
    private func decodeTrapV1(_ body: inout ByteReader, event: inout ProtocolEvent, events: EventBatch) {
        guard let enterprise = body.readBERElement(tag: 0x06), body.readBERElement(tag: 0x40) != nil,
            body.readBERInteger() != nil, body.readBERInteger() != nil, body.readBERElement(tag: 0x43) != nil
        else {
            flag(&event, Anomaly(Self.anomalyMalformed, "Trap-PDU header"))
            return
        }
        let mark = scratch.bytes.count
        decodeVarBinds(&body, identifies: false, event: &event, events: events)
        if scratch.bytes.count == mark {
            scratch.append(byte: 0x20)
            if !scratch.append(oid: enterprise) { flag(&event, Anomaly(Self.anomalyBadOID, "enterprise")) }
        }
    }

    /// VarBindList: SEQUENCE OF SEQUENCE { name OBJECT IDENTIFIER, value }. The first name goes to the
    /// target text (already holding "community …"); system-group values in responses give identity.
    private func decodeVarBinds(
        _ body: inout ByteReader, identifies: Bool, event: inout ProtocolEvent, events: EventBatch
    ) {
        guard let list = body.readBERElement(tag: 0x30) else {
            flag(&event, Anomaly(Self.anomalyMalformed, "variable-bindings"))
            return
        }
        var bindings = ByteReader(list)
        var count = 0
        var contact = ByteView.empty
        var location = ByteView.empty
        defer { addContactAndLocation(contact: contact, location: location, events: events) }
        while !bindings.isAtEnd {
            count += 1
            if count > Self.maximumVarBinds {
                flag(&event, Anomaly(Self.anomalyTooManyVarBinds, value: Int64(Self.maximumVarBinds)))
                return
            }
            guard let binding = bindings.readBERElement(tag: 0x30) else {
                flag(&event, Anomaly(Self.anomalyMalformed, "VarBind"))
                return
            }
            var pair = ByteReader(binding)
            guard let name = pair.readBERElement(tag: 0x06), let value = pair.readBERElement() else {
                flag(&event, Anomaly(Self.anomalyMalformed, "VarBind name/value"))
                return
            }
            if count == 1 {
                let mark = scratch.bytes.count
                scratch.append(byte: 0x20)
                if !scratch.append(oid: name) {
                    flag(&event, Anomaly(Self.anomalyBadOID, "varbind name"))
                    scratch.truncate(to: mark)
                }
            }
            guard identifies, let leaf = Self.systemGroupLeaf(name) else { continue }
            switch (leaf, value.tag) {
            case (1, 0x04):
                events.addFact(.software, events.text(trimmingTrailingNULs(value.value)))
            case (5, 0x04):
                events.addFact(.name, events.text(trimmingTrailingNULs(value.value)))
            case (2, 0x06):
                // Formatted after the target text already in the scratch, then dropped again.
                let start = scratch.bytes.count
                if scratch.append(oid: value.value) {
                    events.addFact(.productCode, scratch.text(from: start, in: events))
                }
                scratch.truncate(to: start)
            case (4, 0x04):
                contact = trimmingTrailingNULs(value.value)
            case (6, 0x04):
                location = trimmingTrailingNULs(value.value)
            default:
                break
            }
        }
    }

    /// sysContact and sysLocation share the one `other` fact an event can hold about its sender.
    private func addContactAndLocation(contact: ByteView, location: ByteView, events: EventBatch) {
        guard !contact.isEmpty || !location.isEmpty else { return }
        let start = scratch.bytes.count
        if !contact.isEmpty {
            scratch.append("sysContact ")
            scratch.append(text: contact)
        }
        if !location.isEmpty {
            if !contact.isEmpty { scratch.append("; ") }
            scratch.append("sysLocation ")
            scratch.append(text: location)
        }
        events.addFact(.other, scratch.text(from: start, in: events))
        scratch.truncate(to: start)
    }

    /// The leaf of `1.3.6.1.2.1.1.<leaf>.0` (the MIB-2 system group), or nil for any other name.
    static func systemGroupLeaf(_ oid: ByteView) -> UInt8? {
        guard oid.count == 8, oid.hasPrefix("\u{2B}\u{06}\u{01}\u{02}\u{01}\u{01}"), oid[7] == 0 else { return nil }
        return oid[6]
    }

    /// RFC 3412 §6: msgVersion, msgGlobalData { msgID, msgMaxSize, msgFlags, msgSecurityModel },
    /// msgSecurityParameters (USM, RFC 3414 §2.4: engine id, boots, time, user name, …), msgData.
    private func decodeVersion3(_ message: inout ByteReader, event: inout ProtocolEvent, events: EventBatch) {
        event.functionName = "SNMPv3"
        guard let global = message.readBERElement(tag: 0x30) else {
            flag(&event, Anomaly(Self.anomalyMalformed, "msgGlobalData"))
            return
        }
        var header = ByteReader(global)
        guard let messageID = header.readBERInteger(), header.readBERInteger() != nil,
            let flags = header.readBERElement(tag: 0x04), flags.count == 1, let securityModel = header.readBERInteger()
        else {
            flag(&event, Anomaly(Self.anomalyMalformed, "msgGlobalData fields"))
            return
        }
        event.target.kind = .text
        event.target.first = messageID
        // msgFlags bit 2: reportable, set on requests (RFC 3412 §6.4).
        event.direction = flags[0] & 0x04 != 0 ? .request : .response
        guard let parameters = message.readBERElement(tag: 0x04) else {
            flag(&event, Anomaly(Self.anomalyMalformed, "msgSecurityParameters"))
            return
        }
        guard securityModel == 3 else { return }
        var outer = ByteReader(parameters)
        guard let usm = outer.readBERElement(tag: 0x30) else {
            flag(&event, Anomaly(Self.anomalyMalformed, "USM parameters"))
            return
        }
        var fields = ByteReader(usm)
        guard fields.readBERElement(tag: 0x04) != nil, fields.readBERInteger() != nil, fields.readBERInteger() != nil,
            let user = fields.readBERElement(tag: 0x04)
        else {
            flag(&event, Anomaly(Self.anomalyMalformed, "USM fields"))
            return
        }
        if !user.isEmpty {
            scratch.reset()
            scratch.append("user ")
            scratch.append(text: user)
            event.target.text = scratch.text(in: events)
            // A reportable message is a request to the engine that holds the user; else it comes from it.
            events.addFact(
                .account, scratch.text(from: 5, in: events), about: flags[0] & 0x04 != 0 ? .destination : .source)
        }
    }
}
