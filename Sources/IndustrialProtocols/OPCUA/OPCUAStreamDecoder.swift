import BinaryParsing
import EventModel

/// OPC UA Connection Protocol and Secure Conversation over TCP (OPC 10000-6 §6.7, §7.1): one event
/// per message (HEL, ACK, ERR, RHE, OPN, MSG, CLO). A message split into chunks gives its event on
/// the final chunk's frame, with the service of its first chunk. Service bodies are read where the
/// channel does not encrypt them; a stream picked up mid-way (no handshake captured) is decoded
/// from the next message header found.
public final class OPCUAStreamDecoder: StreamDecoder {
    public static let anomalyBadHeader = AnomalyKind("opcua.bad_message_header")
    public static let anomalyOversized = AnomalyKind("opcua.oversized_message")
    public static let anomalyChunkFlood = AnomalyKind("opcua.too_many_open_chunks")
    public static let anomalyTruncatedBody = AnomalyKind("opcua.truncated_body")

    /// Whole messages up to this size are buffered; larger ones are decoded from their first
    /// `prefixLength` bytes and the rest is skipped (bounded memory whatever the peer sends).
    static let bufferLimit = 1 << 20
    static let prefixLength = 16 * 1024
    /// The protocol lets peers negotiate sizes; anything above this is not a real message.
    static let maximumMessageSize = 64 << 20
    static let maximumOpenChunks = 64

    struct Direction {
        var buffer: [UInt8] = []
        var synchronized = true
        var skipRemaining = 0
        /// request id → service id of messages whose first chunk was seen.
        var openChunks: [UInt32: UInt32] = [:]
    }

    private var client = Direction()
    private var server = Direction()
    /// True once an OPN showed a security policy other than None: bodies may then be encrypted.
    private var channelSecured = false
    private var sawStart = false

    public init() {}

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        if context.fromClient {
            receive(bytes, direction: &client, context: context, events: events)
        } else {
            receive(bytes, direction: &server, context: context, events: events)
        }
    }

    public func startsMessage(_ bytes: ByteView) -> Bool { Self.isHeader(bytes) }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        if context.fromClient { lose(&client, length) } else { lose(&server, length) }
    }

    private func lose(_ direction: inout Direction, _ length: Int) {
        if direction.skipRemaining >= length {
            direction.skipRemaining -= length  // the lost bytes were to be skipped anyway
            return
        }
        direction.buffer.removeAll(keepingCapacity: true)
        direction.skipRemaining = 0
        direction.synchronized = false
        direction.openChunks.removeAll()
    }

    private func receive(_ bytes: ByteView, direction: inout Direction, context: PacketContext, events: EventBatch) {
        var input = bytes
        if direction.skipRemaining > 0 {
            let skipped = min(direction.skipRemaining, input.count)
            direction.skipRemaining -= skipped
            input = input.dropFirst(skipped)
            if input.isEmpty { return }
        }
        if direction.buffer.isEmpty {
            let consumed = frame(input, direction: &direction, context: context, events: events)
            let rest = input.dropFirst(consumed)
            if !rest.isEmpty { rest.withUnsafeBytes { direction.buffer.append(contentsOf: $0) } }
        } else {
            input.withUnsafeBytes { direction.buffer.append(contentsOf: $0) }
            let buffered = direction.buffer
            let consumed = buffered.withUnsafeBytes { raw in
                frame(ByteView(raw), direction: &direction, context: context, events: events)
            }
            direction.buffer.removeFirst(min(consumed, direction.buffer.count))
        }
        if direction.buffer.count > Self.bufferLimit + Self.prefixLength {
            direction.buffer.removeAll()  // cannot happen with the framing below; a last guard
            direction.synchronized = false
        }
    }

    /// Cuts messages out of `bytes`; returns how many bytes were used (the rest waits for more).
    private func frame(_ bytes: ByteView, direction: inout Direction, context: PacketContext, events: EventBatch)
        -> Int
    {
        var offset = 0
        while offset < bytes.count {
            if direction.skipRemaining > 0 {
                let skipped = min(direction.skipRemaining, bytes.count - offset)
                direction.skipRemaining -= skipped
                offset += skipped
                continue
            }
            let rest = bytes.dropFirst(offset)
            if !direction.synchronized {
                guard let start = Self.findHeader(rest) else {
                    return max(offset, bytes.count - 7)  // keep a possible header start
                }
                offset += start
                direction.synchronized = true
                continue
            }
            guard rest.count >= 8 else { return offset }
            guard Self.isHeader(rest), let size = rest.getUInt32(at: 4, bigEndian: false) else {
                emitAnomaly(Self.anomalyBadHeader, context: context, events: events)
                direction.synchronized = false
                offset += 1
                continue
            }
            let length = Int(size)
            guard length <= Self.maximumMessageSize else {
                emitAnomaly(Self.anomalyOversized, context: context, events: events)
                direction.synchronized = false
                offset += 1
                continue
            }
            if rest.count >= length {
                decodeMessage(
                    rest.prefix(length), complete: true, direction: &direction, context: context, events: events)
                offset += length
            } else if length > Self.bufferLimit && rest.count >= Self.prefixLength {
                decodeMessage(rest, complete: false, direction: &direction, context: context, events: events)
                direction.skipRemaining = length - rest.count
                return bytes.count
            } else {
                return offset
            }
        }
        return offset
    }

    static func isHeader(_ bytes: ByteView) -> Bool {
        guard bytes.count >= 8 else { return false }
        let known =
            bytes.hasPrefix("MSG") || bytes.hasPrefix("OPN") || bytes.hasPrefix("CLO") || bytes.hasPrefix("HEL")
            || bytes.hasPrefix("ACK") || bytes.hasPrefix("ERR") || bytes.hasPrefix("RHE")
        guard known else { return false }
        let chunk = bytes[3]
        guard chunk == 0x46 || chunk == 0x43 || chunk == 0x41 else { return false }
        return (bytes.getUInt32(at: 4, bigEndian: false) ?? 0) >= 8
    }

    static func findHeader(_ bytes: ByteView) -> Int? {
        var index = 0
        while index + 8 <= bytes.count {
            if isHeader(bytes.dropFirst(index)) { return index }
            index += 1
        }
        return nil
    }

    private func emitAnomaly(_ kind: AnomalyKind, context: PacketContext, events: EventBatch) {
        var event = ProtocolEvent()
        event.protocolID = .opcua
        event.direction = context.fromClient ? .request : .response
        event.anomaly = Anomaly(kind)
        events.emit(event, context: context)
    }

    // MARK: messages

    private func decodeMessage(
        _ message: ByteView, complete: Bool, direction: inout Direction, context: PacketContext, events: EventBatch
    ) {
        var event = ProtocolEvent()
        event.protocolID = .opcua
        event.direction = context.fromClient ? .request : .response
        event.operation = .session
        let chunk = message[3]
        var reader = OPCUAReader(message.dropFirst(8))
        if message.hasPrefix("HEL") {
            event.functionName = "Hello"
            if reader.skip(20), let url = reader.bytes() {
                event.target = EventTarget(kind: .text)
                event.target.text = events.text(url)
            }
        } else if message.hasPrefix("ACK") {
            event.functionName = "Acknowledge"
            event.result = .ok
        } else if message.hasPrefix("ERR") {
            event.functionName = "Error"
            event.result = .error(Int64(reader.uint32() ?? 0), "Error")
        } else if message.hasPrefix("RHE") {
            event.functionName = "ReverseHello"
        } else if message.hasPrefix("OPN") {
            decodeOpen(&reader, event: &event, events: events)
        } else {
            // MSG / CLO: secure channel id, token id, sequence number, request id, body.
            guard reader.skip(4 + 4 + 4), let requestID = reader.uint32() else {
                event.anomaly = Anomaly(Self.anomalyTruncatedBody)
                events.emit(event, context: context)
                return
            }
            switch chunk {
            case 0x43:  // intermediate chunk: remember the service of the first one
                if direction.openChunks[requestID] == nil {
                    var probe = reader
                    if let service = serviceID(&probe) {
                        guard direction.openChunks.count < Self.maximumOpenChunks else {
                            emitAnomaly(Self.anomalyChunkFlood, context: context, events: events)
                            direction.openChunks.removeAll()
                            return
                        }
                        direction.openChunks[requestID] = service
                    }
                }
                return
            case 0x41:  // abort
                direction.openChunks.removeValue(forKey: requestID)
                event.functionName = "Abort"
                event.result = .error(Int64(reader.uint32() ?? 0), "Abort")
                events.emit(event, context: context)
                return
            default:
                break
            }
            if let service = direction.openChunks.removeValue(forKey: requestID) {
                apply(service: service, event: &event)
            } else {
                var body = reader
                if let service = serviceID(&body) {
                    apply(service: service, event: &event)
                    if complete || body.reader.remaining > 0 {
                        decodeBody(service: service, reader: &body, event: &event, events: events)
                    }
                } else if message.hasPrefix("CLO") {
                    event.functionName = "CloseSecureChannel"
                } else {
                    event.functionName = channelSecured ? "Encrypted message" : "Unknown service"
                    event.operation = .other
                }
            }
        }
        events.emit(event, context: context)
    }

    /// The body's type id, when it names a known service.
    private func serviceID(_ reader: inout OPCUAReader) -> UInt32? {
        var text: String?
        guard let node = reader.nodeID(text: &text), node.namespace == 0, let id = node.numeric,
            OPCUAService.meaning(of: id) != nil
        else { return nil }
        return id
    }

    private func apply(service: UInt32, event: inout ProtocolEvent) {
        guard let meaning = OPCUAService.meaning(of: service) else { return }
        event.function = Int64(service)
        event.functionName = meaning.name
        event.operation = meaning.operation
    }

    private func decodeOpen(_ reader: inout OPCUAReader, event: inout ProtocolEvent, events: EventBatch) {
        event.functionName = "OpenSecureChannel"
        guard reader.skip(4), let policy = reader.bytes(), reader.bytes() != nil, reader.bytes() != nil else {
            event.anomaly = Anomaly(Self.anomalyTruncatedBody)
            return
        }
        let policyIsNone = policy.count >= 5 && policy.dropFirst(policy.count - 5).hasPrefix("#None")
        if !policy.isEmpty && !policyIsNone { channelSecured = true }
        event.target = EventTarget(kind: .text)
        event.target.text = events.text(policy)
        // With a security policy the rest of an OPN is encrypted with the peer's public key.
        guard policyIsNone || policy.isEmpty, reader.skip(8), let service = serviceID(&reader) else { return }
        apply(service: service, event: &event)
        if service == 446, reader.skipRequestHeader(), reader.skip(4 + 4), let mode = reader.uint32() {
            let modeName =
                switch mode {
                case 1: "None"
                case 2: "Sign"
                case 3: "SignAndEncrypt"
                default: "Invalid"
                }
            // "<policy> mode=<name>" straight into the arena (consecutive texts are contiguous),
            // without building a String per OpenSecureChannel.
            event.target.text = Self.joined(events.text(policy), events.text(" mode="), events.text(modeName))
        } else if service == 449, let status = reader.responseHeader() {
            event.result = status == 0 ? .ok : .error(Int64(status), "Bad")
        }
    }

    /// Reads the parts of a service body a security engineer needs: targets, results, identity.
    private func decodeBody(service: UInt32, reader: inout OPCUAReader, event: inout ProtocolEvent, events: EventBatch)
    {
        if let meaning = OPCUAService.meaning(of: service), meaning.isResponse {
            guard let status = reader.responseHeader() else { return }
            event.result = status & 0x8000_0000 == 0 ? .ok : .error(Int64(status), "Bad")
            switch service {
            case 431:  // GetEndpointsResponse: Endpoints[]
                if let count = reader.int32(), count > 0 { readEndpointServer(&reader, event: &event, events: events) }
            case 464:  // CreateSessionResponse: SessionId, AuthenticationToken, timeout, nonce, cert, endpoints
                if reader.skipNodeID(), reader.skipNodeID(), reader.skip(8), reader.bytes() != nil,
                    reader.bytes() != nil, let count = reader.int32(), count > 0
                {
                    readEndpointServer(&reader, event: &event, events: events)
                }
            default:
                break
            }
            return
        }
        guard reader.skipRequestHeader() else { return }
        var text: String?
        switch service {
        case 631:  // ReadRequest: MaxAge, TimestampsToReturn, NodesToRead[ReadValueId]
            if reader.skip(8 + 4), let count = reader.int32(), count > 0, reader.nodeID(text: &text) != nil {
                setNodeTarget(text, count: count, event: &event, events: events)
            }
        case 673, 527:  // WriteRequest: NodesToWrite[WriteValue]; BrowseRequest: View, max, NodesToBrowse[]
            if service == 527 {
                guard reader.skipNodeID(), reader.skip(8 + 4 + 4) else { return }
            }
            if let count = reader.int32(), count > 0, reader.nodeID(text: &text) != nil {
                setNodeTarget(text, count: count, event: &event, events: events)
            }
        case 712:  // CallRequest: MethodsToCall[CallMethodRequest: ObjectId, MethodId, args]
            var method: String?
            if let count = reader.int32(), count > 0, reader.nodeID(text: &text) != nil,
                reader.nodeID(text: &method) != nil
            {
                // "<object> <method>" straight into the arena: no String built per call request.
                event.target = EventTarget(kind: .opcuaNode, Int64(count))
                event.target.text = Self.joined(
                    events.text(text ?? ""), events.text(" "), events.text(method ?? ""))
            }
        case 467:  // ActivateSessionRequest: signature, certificates, locales, UserIdentityToken
            guard reader.bytes() != nil, reader.bytes() != nil, let certificates = reader.int32() else { return }
            if certificates > 0 {
                guard certificates < 64 else { return }
                guard reader.skipByteStrings(2 * certificates) else { return }  // certificate, signature
            }
            guard let locales = reader.int32() else { return }
            if locales > 0 {
                guard locales < 64 else { return }
                guard reader.skipByteStrings(locales) else { return }
            }
            guard let token = reader.extensionObject(), let type = token.type,
                let name = OPCUAService.identityTokenName(type)
            else { return }
            event.target = EventTarget(kind: .text)
            if type == 324 {
                var body = OPCUAReader(token.body)
                if body.bytes() != nil, let user = body.bytes(), !user.isEmpty {
                    event.target.text = events.text("username " + String(decoding: user.array, as: UTF8.self))
                    return
                }
            }
            event.target.text = events.text(name)
        case 461:  // CreateSessionRequest: ClientDescription is the client's identity
            if let client = reader.applicationDescription() {
                event.identityStart = events.nextFactIndex
                events.addFact(.name, events.text(client.name))
                events.addFact(.product, events.text(client.product))
                events.addFact(.url, events.text(client.uri))
                event.identityCount = events.nextFactIndex - event.identityStart
            }
        default:
            break
        }
    }

    /// One reference to three texts appended one after another (the arena keeps them contiguous);
    /// empty parts are skipped.
    private static func joined(_ first: TextRef, _ second: TextRef, _ third: TextRef) -> TextRef {
        let start = !first.isEmpty ? first : !second.isEmpty ? second : third
        let end = !third.isEmpty ? third : !second.isEmpty ? second : first
        var text = start
        text.length = end.offset &+ end.length &- start.offset
        return text
    }

    private func setNodeTarget(_ text: String?, count: Int32, event: inout ProtocolEvent, events: EventBatch) {
        event.target = EventTarget(kind: .opcuaNode, Int64(count))
        if let text { event.target.text = events.text(text) }
    }

    /// EndpointDescription: EndpointUrl, then the server's ApplicationDescription.
    private func readEndpointServer(_ reader: inout OPCUAReader, event: inout ProtocolEvent, events: EventBatch) {
        guard reader.bytes() != nil, let server = reader.applicationDescription() else { return }
        event.identityStart = events.nextFactIndex
        events.addFact(.name, events.text(server.name))
        events.addFact(.product, events.text(server.product))
        events.addFact(.url, events.text(server.uri))
        event.identityCount = events.nextFactIndex - event.identityStart
    }
}

/// How the core finds OPC UA: port 4840 (4843 is OPC UA over TLS … left to TLS) and by content.
public enum OPCUAProtocol {
    public static let registration = ProtocolRegistration(
        .opcua, tcpPorts: [4840], probeOnAnyPort: true, probe: probe, stream: { OPCUAStreamDecoder() })

    /// The first bytes of a flow: a Hello (or, mid-stream, any message header) with a sane size.
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 8 else { return .needMoreBytes }
        return OPCUAStreamDecoder.isHeader(bytes) && (bytes.getUInt32(at: 4, bigEndian: false) ?? 0) <= 1 << 24
            ? .match : .noMatch
    }
}
