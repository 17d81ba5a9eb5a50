import BinaryParsing
import EventModel

/// One TCP flow: reads the clear-text TLS handshake of each direction (RFC 5246 §6.2 records,
/// §7.4 handshake messages) until its ChangeCipherSpec or first application data, and recognises
/// AnyDesk by the ClientHello's ALPN ("anydesk/…", RFC 7301) or by a Certificate message naming
/// "AnyNet Relay", "AnyNet Root CA" or "AnyDesk Client".
///
/// Event: one "AnyDesk Session" (function -1, operation session) when recognised, addressed from
/// the client to the server; target text = the evidence ("alpn" or the certificate name); fact
/// `software` = the ALPN value (e.g. `anydesk/6.2.0/linux`) about the client when it sent one.
/// TLS 1.3 would hide the certificates; AnyDesk negotiates TLS 1.2 (nDPI's captures), and the ALPN
/// stays visible either way.
public final class AnyDeskStreamDecoder: StreamDecoder {
    /// Handshake bytes held per direction (certificate chains of the relays are ~1–2 KiB).
    public static let maximumHandshake = 32 * 1024
    static let maximumALPNLength = 64

    final class Direction {
        /// Bytes of a record header split across segments.
        var header: [UInt8] = []
        /// Payload bytes of the current record still to come, and whether they are handshake bytes.
        var recordRemaining = 0
        var recordIsHandshake = false
        /// Handshake message bytes not yet parsed.
        var handshake: [UInt8] = []
        var done = false
    }

    private let client = Direction()
    private let server = Direction()
    private var recognised = false
    private var sawPayload = false
    /// The ClientHello's ALPN value when it names AnyDesk (kept for the event).
    private var alpn: [UInt8] = []

    public init() {}

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        sawPayload = true
        let direction = context.fromClient ? client : server
        var input = bytes
        while !input.isEmpty, !direction.done, !recognised {
            if direction.recordRemaining > 0 {
                let count = min(direction.recordRemaining, input.count)
                if direction.recordIsHandshake {
                    guard direction.handshake.count + count <= Self.maximumHandshake else {
                        events.recordAnomaly(AnyDeskAnomaly.handshakeTooLarge)
                        stop(direction)
                        return
                    }
                    input.prefix(count).withUnsafeBytes { direction.handshake.append(contentsOf: $0) }
                }
                direction.recordRemaining -= count
                input = input.dropFirst(count)
                if direction.recordIsHandshake {
                    readHandshakeMessages(direction, context: context, events: events)
                }
                continue
            }
            // RFC 5246 §6.2.1: type(1), version(2), length(2).
            let count = min(5 - direction.header.count, input.count)
            input.prefix(count).withUnsafeBytes { direction.header.append(contentsOf: $0) }
            input = input.dropFirst(count)
            guard direction.header.count == 5 else { return }
            let type = direction.header[0]
            let length = Int(direction.header[3]) << 8 | Int(direction.header[4])
            let isTLS = direction.header[1] == 3 && direction.header[2] <= 4 && length <= 18432
            direction.header.removeAll(keepingCapacity: true)
            guard isTLS, type == 22 || type == 21 else {
                // ChangeCipherSpec (20), application data (23), or not TLS: the clear part is over.
                stop(direction)
                return
            }
            direction.recordIsHandshake = type == 22
            direction.recordRemaining = length
        }
    }

    private func stop(_ direction: Direction) {
        direction.done = true
        direction.handshake = []
        direction.header = []
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        stop(context.fromClient ? client : server)
    }

    public func finish(events: EventBatch) {
        if !recognised && sawPayload { events.recordAnomaly(AnyDeskAnomaly.notRecognised) }
    }

    /// Handshake messages (RFC 5246 §7.4): type(1), length(3), body; may span records.
    private func readHandshakeMessages(_ direction: Direction, context: PacketContext, events: EventBatch) {
        var consumed = 0
        direction.handshake.withUnsafeBytes { raw in
            let buffer = ByteView(raw)
            while !recognised, let header = buffer.getUInt32(at: consumed) {
                let length = Int(header & 0x00FF_FFFF)
                guard let body = buffer.slice(from: consumed + 4, count: length) else { break }
                switch header >> 24 {
                case 1: readClientHello(body)
                case 11: if let name = Self.certificateEvidence(body) { report(name, context: context, events: events) }
                default: break
                }
                consumed += 4 + length
            }
        }
        if alpn.count > 0, !recognised, context.fromClient {
            report("alpn", context: context, events: events)
        }
        if recognised {
            stop(client)
            stop(server)
        } else {
            direction.handshake.removeFirst(min(consumed, direction.handshake.count))
        }
    }

    /// RFC 5246 §7.4.1.2: version(2), random(32), session id, cipher suites, compression methods,
    /// extensions; ALPN is extension 16 (RFC 7301 §3.1): list length(2), then length(1)-prefixed names.
    private func readClientHello(_ body: ByteView) {
        var reader = ByteReader(body)
        guard reader.skip(34), let sessionLength = reader.readUInt8(), reader.skip(Int(sessionLength)),
            let suitesLength = reader.readUInt16(), reader.skip(Int(suitesLength)),
            let compressionLength = reader.readUInt8(), reader.skip(Int(compressionLength)),
            let extensionsLength = reader.readUInt16(),
            var extensions = reader.readSubReader(count: Int(extensionsLength))
        else { return }
        while let type = extensions.readUInt16(), let length = extensions.readUInt16(),
            var data = extensions.readSubReader(count: Int(length))
        {
            guard type == 16, data.readUInt16() != nil else { continue }
            while let nameLength = data.readUInt8(), let name = data.readView(count: Int(nameLength)) {
                if name.hasPrefix("anydesk/") {
                    alpn = name.prefix(Self.maximumALPNLength).array
                    return
                }
            }
        }
    }

    /// The certificate list (RFC 5246 §7.4.2): the AnyDesk name found in its DER bytes, if any.
    static func certificateEvidence(_ body: ByteView) -> StaticString? {
        for name: StaticString in ["AnyNet Relay", "AnyDesk Client", "AnyNet Root CA"]
        where AnyDeskProtocol.contains(body, name) {
            return name
        }
        return nil
    }

    private func report(_ evidence: StaticString, context: PacketContext, events: EventBatch) {
        recognised = true
        var event = ProtocolEvent()
        event.protocolID = .anydesk
        event.function = -1
        event.functionName = "AnyDesk Session"
        event.direction = .request
        event.operation = .session
        event.target = EventTarget(kind: .text)
        if events.isCollecting {
            event.target.text = events.text(evidence.description)
            let start = events.nextFactIndex
            alpn.withUnsafeBytes { events.addFact(.software, events.text(ByteView($0))) }
            event.identityStart = start
            event.identityCount = events.nextFactIndex - start
        }
        events.emit(event, context: context.fromClient ? context : context.reversed)
    }
}

extension PacketContext {
    /// The context seen from the other end: the session event names the client as its source.
    var reversed: PacketContext {
        var swapped = self
        swapped.source = destination
        swapped.destination = source
        swapped.sourcePort = destinationPort
        swapped.destinationPort = sourcePort
        swapped.sourceMAC = destinationMAC
        swapped.destinationMAC = sourceMAC
        swapped.fromClient = true
        return swapped
    }
}
