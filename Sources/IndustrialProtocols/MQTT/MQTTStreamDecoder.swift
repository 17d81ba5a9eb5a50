import BinaryParsing
import EventModel

/// One MQTT connection: frames each direction into control packets and reports one event per
/// packet. The protocol level of the CONNECT decides whether MQTT 5.0 properties follow.
public final class MQTTStreamDecoder: StreamDecoder {
    /// Largest control packet buffered and decoded; larger ones are skipped with an anomaly
    /// (reported when their last byte has passed, as the event's frame).
    public static let maximumPacketLength = 256 * 1024
    /// Topic filters read from one SUBSCRIBE, SUBACK or UNSUBSCRIBE.
    static let maximumTopicsWalked = 1024

    private final class Direction {
        var pending: [UInt8] = []
        /// Bytes of an oversized packet still to pass, and its first octet.
        var skipRemaining = 0
        var skippedFirstOctet: UInt8 = 0
    }

    private let client = Direction()
    private let server = Direction()
    /// CONNECT protocol level: 3 (3.1), 4 (3.1.1), 5 (5.0); 0 until a CONNECT is seen (read as 3.1.1).
    private(set) var protocolLevel: UInt8 = 0

    public init() {}

    private var isVersion5: Bool { protocolLevel == 5 }

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        var input = bytes
        while !input.isEmpty {
            if direction.skipRemaining > 0 {
                let count = min(direction.skipRemaining, input.count)
                direction.skipRemaining -= count
                input = input.dropFirst(count)
                if direction.skipRemaining == 0 {
                    emitOversized(direction.skippedFirstOctet, context: context, events: events)
                }
                continue
            }
            if direction.pending.isEmpty {
                switch FixedHeader.read(input) {
                case .needMoreBytes:
                    input.withUnsafeBytes { direction.pending.append(contentsOf: $0) }
                    return
                case .malformed:
                    events.recordAnomaly(MQTTAnomaly.malformedLength)
                    return  // no way to find the next packet boundary in this segment
                case .header(let header):
                    if header.packetLength > Self.maximumPacketLength {
                        startSkipping(header, input[0], direction: direction)
                        continue
                    }
                    guard header.packetLength <= input.count else {
                        input.withUnsafeBytes { direction.pending.append(contentsOf: $0) }
                        return
                    }
                    decodePacket(input.prefix(header.packetLength), header: header, context: context, events: events)
                    input = input.dropFirst(header.packetLength)
                }
            } else {
                // Complete the fixed header one octet at a time, then the packet.
                let header: FixedHeader
                switch direction.pending.withUnsafeBytes({ FixedHeader.read(ByteView($0)) }) {
                case .needMoreBytes:
                    direction.pending.append(input[0])
                    input = input.dropFirst(1)
                    // A packet without a body (PINGREQ, DISCONNECT) ends with its header.
                    if case .header(let complete) = direction.pending.withUnsafeBytes({ FixedHeader.read(ByteView($0)) }
                    ),
                        complete.packetLength == direction.pending.count
                    {
                        direction.pending.withUnsafeBytes {
                            decodePacket(ByteView($0), header: complete, context: context, events: events)
                        }
                        direction.pending.removeAll(keepingCapacity: true)
                    }
                    continue
                case .malformed:
                    events.recordAnomaly(MQTTAnomaly.malformedLength)
                    direction.pending.removeAll(keepingCapacity: true)
                    return
                case .header(let complete):
                    header = complete
                }
                if header.packetLength > Self.maximumPacketLength {
                    let first = direction.pending[0]
                    direction.skipRemaining = header.packetLength - direction.pending.count
                    direction.pending.removeAll(keepingCapacity: true)
                    direction.skippedFirstOctet = first
                    continue
                }
                let needed = header.packetLength - direction.pending.count
                let count = min(needed, input.count)
                input.prefix(count).withUnsafeBytes { direction.pending.append(contentsOf: $0) }
                input = input.dropFirst(count)
                if count == needed {
                    direction.pending.withUnsafeBytes {
                        decodePacket(ByteView($0), header: header, context: context, events: events)
                    }
                    direction.pending.removeAll(keepingCapacity: true)
                }
            }
        }
    }

    private func startSkipping(_ header: FixedHeader, _ first: UInt8, direction: Direction) {
        direction.skipRemaining = header.packetLength
        direction.skippedFirstOctet = first
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        direction.pending.removeAll(keepingCapacity: true)
        direction.skipRemaining = 0
        events.recordAnomaly(MQTTAnomaly.streamGap)
    }

    public func finish(events: EventBatch) {
        if !client.pending.isEmpty || !server.pending.isEmpty { events.recordAnomaly(MQTTAnomaly.truncated) }
    }

    private func emitOversized(_ first: UInt8, context: PacketContext, events: EventBatch) {
        let type = MQTTPacketType(rawValue: first >> 4)
        var event = baseEvent(type, context: context)
        event.anomaly = Anomaly(MQTTAnomaly.packetTooLarge)
        events.emit(event, context: context)
    }

    private func baseEvent(_ type: MQTTPacketType, context: PacketContext) -> ProtocolEvent {
        var event = ProtocolEvent()
        event.protocolID = .mqtt
        event.function = Int64(type.rawValue)
        event.functionName = type.name
        event.operation = type.operation
        switch type {
        case .connectAck, .publishAck, .publishReceived, .publishComplete, .subscribeAck, .unsubscribeAck,
            .pingResponse:
            event.direction = .response
        case .publish, .disconnect:
            event.direction = context.fromClient ? .request : .unsolicited
        case .auth:
            event.direction = context.fromClient ? .request : .response
        default:
            event.direction = .request
        }
        return event
    }

    // MARK: Packets

    /// One whole control packet (fixed header included).
    func decodePacket(_ packet: ByteView, header: FixedHeader, context: PacketContext, events: EventBatch) {
        let type = MQTTPacketType(rawValue: header.type)
        var event = baseEvent(type, context: context)
        var body = ByteReader(packet.dropFirst(header.length))
        if let required = type.requiredFlags, header.flags != required {
            event.anomaly = Anomaly(MQTTAnomaly.invalidFlags, value: Int64(header.flags))
        }
        var complete = true
        switch type {
        case .connect: complete = decodeConnect(&body, into: &event, events: events)
        case .connectAck: complete = decodeConnectAck(&body, into: &event)
        case .publish: complete = decodePublish(&body, flags: header.flags, into: &event, events: events)
        case .publishAck, .publishReceived, .publishRelease, .publishComplete:
            complete = decodeAcknowledgement(&body, into: &event)
        case .subscribe, .unsubscribe:
            complete = decodeSubscription(&body, withOptions: type == .subscribe, into: &event, events: events)
        case .subscribeAck, .unsubscribeAck: complete = decodeSubscriptionAck(&body, type: type, into: &event)
        case .pingRequest: break
        case .pingResponse: event.result = .ok
        case .disconnect, .auth:
            if isVersion5, let reason = body.readUInt8(), reason >= 0x80 {
                event.result = .error(Int64(reason), MQTTReasonCode.reasonName(reason))
            }
        default:
            if event.anomaly == nil { event.anomaly = Anomaly(MQTTAnomaly.reservedType) }
        }
        if !complete, event.anomaly == nil { event.anomaly = Anomaly(MQTTAnomaly.truncated) }
        events.emit(event, context: context)
    }

    /// §3.1: protocol name, level, connect flags, keep alive, [5.0 properties], client identifier,
    /// [will properties, will topic, will payload], [user name], [password — only noted, never kept].
    ///
    /// Target numbers: (protocol level, connect flags, keep alive, 1 when a password was sent else 0);
    /// the kind is `.mqttTopic` with text = will topic when there is a will, `.none` otherwise (the
    /// numbers then reach `EventRecord` but not the JSON line). Identity: client identifier as `name`.
    private func decodeConnect(_ body: inout ByteReader, into event: inout ProtocolEvent, events: EventBatch) -> Bool {
        guard let name = Self.readString(&body), let level = body.readUInt8(), let flags = body.readUInt8(),
            let keepAlive = body.readUInt16()
        else { return false }
        protocolLevel = level
        if !(name.hasPrefix("MQTT") && name.count == 4) && !(name.hasPrefix("MQIsdp") && name.count == 6) {
            event.anomaly = Anomaly(MQTTAnomaly.unknownProtocolName)
        } else if !(3...5).contains(level) {
            event.anomaly = Anomaly(MQTTAnomaly.unknownProtocolLevel, value: Int64(level))
        } else if flags & 0x01 != 0 {
            event.anomaly = Anomaly(MQTTAnomaly.reservedConnectFlag)
        } else if (flags >> 3) & 0x03 == 3 {
            event.anomaly = Anomaly(MQTTAnomaly.invalidQoS, value: 3)
        } else if level == 4, flags & 0x40 != 0, flags & 0x80 == 0 {
            event.anomaly = Anomaly(MQTTAnomaly.passwordWithoutUserName)
        }
        var target = EventTarget(kind: .none, Int64(level), Int64(flags), Int64(keepAlive), flags & 0x40 != 0 ? 1 : 0)
        defer { event.target = target }
        if level == 5, !Self.skipProperties(&body) { return false }
        guard let clientID = Self.readString(&body) else { return false }
        event.identityStart = events.nextFactIndex
        events.addFact(.name, events.text(clientID))
        event.identityCount = events.nextFactIndex - event.identityStart
        if flags & 0x04 != 0 {  // will flag
            if level == 5, !Self.skipProperties(&body) { return false }
            guard let willTopic = Self.readString(&body), Self.readString(&body) != nil else { return false }
            target.kind = .mqttTopic
            target.text = events.text(willTopic)
        }
        if flags & 0x80 != 0, Self.readString(&body) == nil { return false }  // user name
        if flags & 0x40 != 0, Self.readString(&body) == nil { return false }  // password: skipped unread
        return true
    }

    /// §3.2: acknowledge flags, return code (3.x) or reason code (5.0), [properties].
    private func decodeConnectAck(_ body: inout ByteReader, into event: inout ProtocolEvent) -> Bool {
        guard body.readUInt8() != nil, let code = body.readUInt8() else { return false }
        if code == 0 {
            event.result = .ok
        } else if isVersion5 || code >= 0x80 {
            event.result = .error(Int64(code), MQTTReasonCode.reasonName(code))
        } else {
            event.result = .error(Int64(code), MQTTReasonCode.connectReturnCodeName(code))
        }
        return true
    }

    /// §3.3: topic name, [packet identifier when QoS > 0], [5.0 properties], payload.
    /// Target: `.mqttTopic` with text = topic, numbers (QoS, retain 0/1, packet identifier or -1, dup 0/1).
    private func decodePublish(
        _ body: inout ByteReader, flags: UInt8, into event: inout ProtocolEvent, events: EventBatch
    ) -> Bool {
        let qos = (flags >> 1) & 0x03
        if qos == 3 { event.anomaly = Anomaly(MQTTAnomaly.invalidQoS, value: 3) }
        var target = EventTarget(kind: .mqttTopic, Int64(qos), Int64(flags & 0x01), -1, Int64((flags >> 3) & 0x01))
        defer { event.target = target }
        guard let topic = Self.readString(&body) else { return false }
        target.text = events.text(topic)
        if qos > 0 {
            guard let packetID = body.readUInt16() else { return false }
            target.third = Int64(packetID)
        }
        if isVersion5, !Self.skipProperties(&body) { return false }
        return true
    }

    /// §3.4–3.7: packet identifier, [5.0 reason code, properties].
    private func decodeAcknowledgement(_ body: inout ByteReader, into event: inout ProtocolEvent) -> Bool {
        guard body.readUInt16() != nil else { return false }
        if event.function != Int64(MQTTPacketType.publishRelease.rawValue) { event.result = .ok }
        if isVersion5, let reason = body.readUInt8(), reason >= 0x80 {
            event.result = .error(Int64(reason), MQTTReasonCode.reasonName(reason))
        }
        return true
    }

    /// §3.8 / §3.10: packet identifier, [5.0 properties], topic filters (each followed by its
    /// options octet in SUBSCRIBE). Target: `.mqttTopic`, text = first filter, numbers (requested
    /// QoS of the first filter or -1, -, packet identifier, number of filters).
    private func decodeSubscription(
        _ body: inout ByteReader, withOptions: Bool, into event: inout ProtocolEvent, events: EventBatch
    ) -> Bool {
        var target = EventTarget(kind: .mqttTopic)
        defer { event.target = target }
        guard let packetID = body.readUInt16() else { return false }
        target.third = Int64(packetID)
        if isVersion5, !Self.skipProperties(&body) { return false }
        var count = 0
        while !body.isAtEnd {
            guard count < Self.maximumTopicsWalked else {
                if event.anomaly == nil { event.anomaly = Anomaly(MQTTAnomaly.tooManyTopics) }
                break
            }
            guard let topic = Self.readString(&body) else { return false }
            var options: UInt8 = 0
            if withOptions {
                guard let value = body.readUInt8() else { return false }
                options = value
            }
            if count == 0 {
                target.text = events.text(topic)
                if withOptions { target.first = Int64(options & 0x03) }
            }
            count += 1
        }
        target.fourth = Int64(count)
        if count == 0, event.anomaly == nil { event.anomaly = Anomaly(MQTTAnomaly.noTopics) }
        return true
    }

    /// §3.9 / §3.11: packet identifier, [5.0 properties], one return or reason code per filter
    /// (3.1.1 UNSUBACK has none). The first failure code becomes the result.
    private func decodeSubscriptionAck(
        _ body: inout ByteReader, type: MQTTPacketType, into event: inout ProtocolEvent
    ) -> Bool {
        guard body.readUInt16() != nil else { return false }
        if isVersion5, !Self.skipProperties(&body) { return false }
        event.result = .ok
        var walked = 0
        while let code = body.readUInt8(), walked < Self.maximumTopicsWalked {
            walked += 1
            if code >= 0x80 {
                event.result = .error(Int64(code), isVersion5 ? MQTTReasonCode.reasonName(code) : "failure")
                break
            }
        }
        return true
    }

    // MARK: Fields

    /// UTF-8 string or binary data: two-octet length, then the octets (§1.5.3).
    static func readString(_ reader: inout ByteReader) -> ByteView? {
        guard let length = reader.peekUInt16(), reader.remaining >= 2 + Int(length) else { return nil }
        reader.skip(2)
        return reader.readView(count: Int(length))
    }

    /// MQTT 5.0 properties (§2.2.2): a variable byte integer length, then that many octets.
    static func skipProperties(_ reader: inout ByteReader) -> Bool {
        var length = 0
        var shift = 0
        for _ in 0..<FixedHeader.maximumLengthOctets {
            guard let byte = reader.readUInt8() else { return false }
            length |= Int(byte & 0x7F) << shift
            shift += 7
            if byte & 0x80 == 0 { return reader.skip(length) }
        }
        return false
    }
}
