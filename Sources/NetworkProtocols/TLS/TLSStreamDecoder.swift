import BinaryParsing
import EventModel

/// One TLS connection: frames each direction into records (RFC 8446 §5.1), reassembles the
/// handshake messages carried in clear across records and segments, and reports one event per
/// handshake message and alert. Once a direction has sent ChangeCipherSpec (TLS ≤ 1.2), or the
/// server has chosen TLS 1.3, its records are encrypted and only skipped; application data is never
/// buffered.
public final class TLSStreamDecoder: StreamDecoder {
    /// TLSCiphertext.length limit (RFC 8446 §5.2: 2^14 + 256; RFC 5246 §6.2.3 allows 2^14 + 2048).
    public static let maximumRecordLength = 16384 + 2048
    /// Handshake bytes buffered per direction: a certificate chain fits comfortably.
    public static let maximumHandshakeBuffer = 64 * 1024

    private enum ContentType {
        static let changeCipherSpec: UInt8 = 20
        static let alert: UInt8 = 21
        static let handshake: UInt8 = 22
        static let applicationData: UInt8 = 23
        static let heartbeat: UInt8 = 24
    }

    private final class Direction {
        var header = [UInt8](repeating: 0, count: 5)
        var headerCount = 0
        var contentType: UInt8 = 0
        var recordLength = 0
        /// Body bytes of the current record still to come; -1 between records.
        var recordRemaining = -1
        var handshake: [UInt8] = []
        var alert: [UInt8] = []
        /// Records are encrypted from here on: skipped.
        var encrypted = false
        /// A cap was hit: nothing more is read in this direction.
        var stopped = false
        /// Framing is lost: segments are dropped until one starts with a record header.
        var resynchronising = false
        /// The current record exceeds `maximumRecordLength`: its body is skipped.
        var oversized = false
    }

    private let client = Direction()
    private let server = Direction()

    public init() {}

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        var input = bytes
        if direction.resynchronising {
            guard startsMessage(bytes) else { return }
            direction.resynchronising = false
        }
        while !input.isEmpty, !direction.stopped, !direction.resynchronising {
            if direction.recordRemaining < 0 {
                while direction.headerCount < 5, !input.isEmpty {
                    direction.header[direction.headerCount] = input[0]
                    direction.headerCount += 1
                    input = input.dropFirst(1)
                }
                guard direction.headerCount == 5 else { return }
                direction.headerCount = 0
                let type = direction.header[0]
                let length = Int(direction.header[3]) << 8 | Int(direction.header[4])
                guard (ContentType.changeCipherSpec...ContentType.heartbeat).contains(type),
                    direction.header[1] == 3, direction.header[2] <= 4
                else {
                    events.recordAnomaly(TLSAnomaly.badRecordHeader)
                    direction.resynchronising = true
                    return
                }
                direction.oversized = length > Self.maximumRecordLength
                if direction.oversized { events.recordAnomaly(TLSAnomaly.recordTooLong) }
                direction.contentType = type
                direction.recordLength = length
                direction.recordRemaining = length
                if length == 0 {
                    endRecord(direction)
                    continue
                }
            }
            let count = min(direction.recordRemaining, input.count)
            deliver(input.prefix(count), direction: direction, context: context, events: events)
            input = input.dropFirst(count)
            direction.recordRemaining -= count
            if direction.recordRemaining == 0 { endRecord(direction) }
        }
    }

    private func endRecord(_ direction: Direction) {
        direction.recordRemaining = -1
        switch direction.contentType {
        case ContentType.changeCipherSpec, ContentType.applicationData: direction.encrypted = true
        default: break
        }
    }

    /// Part of a record body (records oversized per `maximumRecordLength` are skipped).
    private func deliver(_ chunk: ByteView, direction: Direction, context: PacketContext, events: EventBatch) {
        guard !direction.encrypted, !direction.oversized else { return }
        switch direction.contentType {
        case ContentType.handshake:
            guard direction.handshake.count + chunk.count <= Self.maximumHandshakeBuffer else {
                events.recordAnomaly(TLSAnomaly.handshakeTooLarge)
                direction.handshake.removeAll()
                direction.stopped = true
                return
            }
            chunk.withUnsafeBytes { direction.handshake.append(contentsOf: $0) }
            decodeHandshakeMessages(direction, context: context, events: events)
        case ContentType.alert:
            // A plaintext alert is one 2-octet record (level, description); any other length is an
            // encrypted alert of a session whose handshake this capture does not hold.
            guard direction.recordLength == 2 else { return }
            var index = 0
            while index < chunk.count {
                direction.alert.append(chunk[index])
                index += 1
                if direction.alert.count == 2 {
                    // Level 1 warning or 2 fatal; anything else is ciphertext.
                    if (1...2).contains(direction.alert[0]) {
                        emitAlert(
                            level: direction.alert[0], description: direction.alert[1], context: context,
                            events: events)
                    }
                    direction.alert.removeAll(keepingCapacity: true)
                }
            }
        default:
            break
        }
    }

    /// Decodes every complete message at the front of the direction's handshake buffer.
    private func decodeHandshakeMessages(_ direction: Direction, context: PacketContext, events: EventBatch) {
        var consumed = 0
        direction.handshake.withUnsafeBytes { raw in
            let buffer = ByteView(raw)
            while !direction.encrypted {
                let rest = buffer.dropFirst(consumed)
                guard rest.count >= 4, let length = rest.getUInt24(at: 1) else { break }
                let messageLength = 4 + Int(length)
                guard messageLength <= Self.maximumHandshakeBuffer else {
                    events.recordAnomaly(TLSAnomaly.handshakeTooLarge)
                    direction.stopped = true
                    consumed = buffer.count
                    break
                }
                guard messageLength <= rest.count else { break }
                decodeHandshake(
                    type: rest[0], body: rest.slice(from: 4, count: Int(length)) ?? .empty, from: direction,
                    context: context, events: events)
                consumed += messageLength
            }
        }
        if direction.encrypted || direction.stopped {
            direction.handshake.removeAll()
        } else if consumed > 0 {
            direction.handshake.removeFirst(consumed)
        }
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        direction.handshake.removeAll()
        direction.alert.removeAll()
        direction.headerCount = 0
        direction.recordRemaining = -1
        direction.resynchronising = true
        events.recordAnomaly(TLSAnomaly.streamGap)
    }

    /// A record header (RFC 8446 §5.1): content type 20…24, version 3.0–3.4, a length in bounds.
    public func startsMessage(_ bytes: ByteView) -> Bool {
        guard bytes.count >= 5, let length = bytes.getUInt16(at: 3) else { return false }
        return (ContentType.changeCipherSpec...ContentType.heartbeat).contains(bytes[0]) && bytes[1] == 3
            && bytes[2] <= 4 && Int(length) <= Self.maximumRecordLength
    }

    public func finish(events: EventBatch) {
        if !client.handshake.isEmpty || !server.handshake.isEmpty { events.recordAnomaly(TLSAnomaly.truncated) }
    }

    // MARK: Messages

    private func baseEvent(function: Int64, name: StaticString, context: PacketContext) -> ProtocolEvent {
        var event = ProtocolEvent()
        event.protocolID = .tls
        event.function = function
        event.functionName = name
        event.operation = .session
        event.direction = context.fromClient ? .request : .response
        return event
    }

    /// One handshake message (RFC 8446 §4): `body` without its 4-octet header.
    private func decodeHandshake(
        type: UInt8, body: ByteView, from direction: Direction, context: PacketContext, events: EventBatch
    ) {
        var event = baseEvent(function: Int64(type), name: TLSNames.handshake(type), context: context)
        let start = events.nextFactIndex
        switch type {
        case 1:
            if let hello = ClientHello.parse(body) {
                describe(hello, into: &event, events: events)
            } else {
                event.anomaly = Anomaly(TLSAnomaly.malformedHandshake)
            }
        case 2:
            if let hello = ServerHello.parse(body) {
                event.result = .ok
                if events.isCollecting {
                    let cipher = "0x" + TLSNames.hex16(hello.cipherSuite)
                    event.target = EventTarget(kind: .text)
                    event.target.text = events.text(TLSNames.version(hello.version) + " " + cipher)
                }
                // TLS 1.3: everything after the ServerHello is encrypted, both ways (RFC 8446 §2).
                if hello.version == 0x0304, !hello.isHelloRetryRequest {
                    client.encrypted = true
                    server.encrypted = true
                }
            } else {
                event.anomaly = Anomaly(TLSAnomaly.malformedHandshake)
            }
        case 11:
            decodeCertificate(body, into: &event, events: events)
        default:
            break
        }
        event.identityStart = start
        event.identityCount = events.nextFactIndex - start
        events.emit(event, context: context)
    }

    private func describe(_ hello: ClientHello, into event: inout ProtocolEvent, events: EventBatch) {
        guard events.isCollecting else { return }
        if let serverName = hello.serverName {
            let name = events.text(serverName.prefix(255))
            event.target = EventTarget(kind: .text)
            event.target.text = name
            events.addFact(.name, name, about: .destination)
        }
        events.addFact(.ja3, events.text(hello.ja3))
        events.addFact(.ja4, events.text(hello.ja4))
        if !hello.alpn.isEmpty {
            let names = hello.alpn.prefix(8).map { String(decoding: $0.prefix(64).array, as: UTF8.self) }
            events.addFact(.other, events.text("alpn=" + names.joined(separator: ",")))
        }
    }

    /// Certificate (RFC 5246 §7.4.2): certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>; the
    /// first is the sender's own (the leaf).
    private func decodeCertificate(_ body: ByteView, into event: inout ProtocolEvent, events: EventBatch) {
        var reader = ByteReader(body)
        guard let listLength = reader.readUInt24(), var list = reader.readSubReader(count: Int(listLength)) else {
            event.anomaly = Anomaly(TLSAnomaly.malformedHandshake)
            return
        }
        guard let leafLength = list.readUInt24(), let leaf = list.readView(count: Int(leafLength)) else {
            if listLength != 0 { event.anomaly = Anomaly(TLSAnomaly.malformedHandshake) }
            return
        }
        guard let summary = X509Summary.parse(leaf) else {
            event.anomaly = Anomaly(TLSAnomaly.badCertificate)
            return
        }
        guard events.isCollecting else { return }
        let subject = events.text(summary.subject)
        event.target = EventTarget(kind: .text)
        event.target.text = subject
        events.addFact(.certificateSubject, subject)
        events.addFact(.certificateIssuer, events.text(summary.issuer))
        if let name = summary.commonName ?? summary.dnsNames.first {
            events.addFact(.name, events.text(name))
        }
    }

    /// Alert (RFC 8446 §6): level 1 warning, 2 fatal; close_notify is the orderly end.
    private func emitAlert(level: UInt8, description: UInt8, context: PacketContext, events: EventBatch) {
        var event = baseEvent(function: Int64(ContentType.alert), name: "Alert", context: context)
        event.subfunction = Int64(description)
        event.direction = .unsolicited
        event.result = description == 0 ? .ok : .error(Int64(description), TLSNames.alert(description))
        events.emit(event, context: context)
    }
}
