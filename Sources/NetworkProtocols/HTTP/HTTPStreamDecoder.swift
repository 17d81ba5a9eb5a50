import BinaryParsing
import EventModel

/// One HTTP/1.x connection: frames each direction into messages (RFC 9112 §6: header block, then
/// a body delimited by Content-Length, chunked coding or the end of the connection) and reports one
/// event per request and per response. Bodies are skipped as they pass, never buffered; only a
/// header block split across segments is held (up to `maximumHeaderBlock`). Pipelined requests
/// pair with their responses in order. A request's facts: `user_agent` (the client), `name` (the
/// Host, about the server) and `account` (the user name of `Authorization: Basic`, sent in clear;
/// the password is never decoded).
public final class HTTPStreamDecoder: StreamDecoder {
    /// Largest header block held (start line and fields); longer ones are an anomaly.
    public static let maximumHeaderBlock = 16 * 1024
    /// Request target kept as the event's text.
    static let maximumTargetLength = 1024
    /// Header values kept as identity facts.
    static let maximumFactLength = 256
    /// Longest chunk-size line (with extensions) accepted.
    static let maximumChunkLine = 1024
    /// Requests awaiting their responses (pipelining depth).
    static let maximumPendingRequests = 64

    enum State: Equatable {
        /// Expecting (or collecting) a header block.
        case headers
        /// Skipping a body of known remaining length.
        case body(Int)
        /// Reading a chunk-size line (RFC 9112 §7.1).
        case chunkSize
        /// Skipping chunk data.
        case chunkData(Int)
        /// Expecting the CRLF after chunk data.
        case chunkDataEnd
        /// Reading trailer fields up to the empty line (RFC 9112 §7.1.2).
        case trailers
        /// A response delimited by the end of the connection, or a tunnel (CONNECT 2xx, 101
        /// Switching Protocols): nothing more is HTTP.
        case toEnd
        /// Framing lost: waiting for a segment that starts a request or status line.
        case lost
    }

    final class Direction {
        var state = State.headers
        /// A header block split across segments.
        var pending: [UInt8] = []
        /// Bytes of `pending` already searched for the end of the block.
        var scanned = 0
        /// Chunk-size line or trailer line being read.
        var chunkSize = 0
        var chunkDigits = 0
        var chunkInExtension = false
        var lineLength = 0
    }

    private let client = Direction()
    private let server = Direction()
    /// The user name of an `Authorization: Basic` header, decoded.
    private var scratch = TextScratch()
    /// Methods of requests not yet answered, oldest first.
    private var pendingMethods: [HTTPMethod] = []

    public init() {}

    public func startsMessage(_ bytes: ByteView) -> Bool { HTTPProtocol.startsMessage(bytes) }

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        var input = bytes
        while !input.isEmpty {
            switch direction.state {
            case .headers:
                input = readHeaders(input, direction: direction, context: context, events: events)
            case .body(let remaining):
                let count = min(remaining, input.count)
                input = input.dropFirst(count)
                direction.state = remaining == count ? .headers : .body(remaining - count)
            case .chunkData(let remaining):
                let count = min(remaining, input.count)
                input = input.dropFirst(count)
                direction.state = remaining == count ? .chunkDataEnd : .chunkData(remaining - count)
            case .chunkSize, .chunkDataEnd, .trailers:
                input = readChunkFraming(input, direction: direction, events: events)
            case .toEnd:
                return
            case .lost:
                guard HTTPProtocol.startsMessage(input) else { return }
                direction.state = .headers
            }
        }
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        switch direction.state {
        case .body(let remaining) where length < remaining:
            direction.state = .body(remaining - length)
            return
        case .body(let remaining) where length == remaining:
            direction.state = .headers
            return
        case .chunkData(let remaining) where length < remaining:
            direction.state = .chunkData(remaining - length)
            return
        case .chunkData(let remaining) where length == remaining:
            direction.state = .chunkDataEnd
            return
        case .toEnd, .lost:
            return
        default:
            break
        }
        direction.pending.removeAll(keepingCapacity: false)
        direction.scanned = 0
        direction.state = .lost
        // Requests or responses may be lost with the bytes: pairing restarts.
        pendingMethods.removeAll(keepingCapacity: true)
        events.recordAnomaly(HTTPAnomaly.streamGap)
    }

    public func finish(events: EventBatch) {
        if !client.pending.isEmpty || !server.pending.isEmpty { events.recordAnomaly(HTTPAnomaly.truncated) }
    }

    // MARK: Header blocks

    /// Finds a whole header block in `input` (or completes the held one), decodes it and returns
    /// the bytes after it.
    private func readHeaders(
        _ input: ByteView, direction: Direction, context: PacketContext, events: EventBatch
    ) -> ByteView {
        if direction.pending.isEmpty {
            // Empty lines before a message are ignored (RFC 9112 §2.2).
            var start = 0
            while start < input.count, input[start] == 0x0D || input[start] == 0x0A { start += 1 }
            let rest = input.dropFirst(start)
            if rest.isEmpty { return rest }
            if let end = Self.endOfHeaderBlock(rest, from: 0) {
                decodeHeaderBlock(rest.prefix(end), direction: direction, context: context, events: events)
                return rest.dropFirst(end)
            }
            guard rest.count <= Self.maximumHeaderBlock else {
                headerTooLong(direction, events: events)
                return .empty
            }
            rest.withUnsafeBytes { direction.pending.append(contentsOf: $0) }
            direction.scanned = 0
            return .empty
        }
        let held = direction.pending.count
        let count = min(input.count, Self.maximumHeaderBlock - held)
        input.prefix(count).withUnsafeBytes { direction.pending.append(contentsOf: $0) }
        let end = direction.pending.withUnsafeBytes {
            Self.endOfHeaderBlock(ByteView($0), from: max(0, direction.scanned - 3))
        }
        guard let end else {
            if direction.pending.count >= Self.maximumHeaderBlock {
                headerTooLong(direction, events: events)
                return .empty
            }
            direction.scanned = direction.pending.count
            return .empty
        }
        direction.pending.withUnsafeBytes {
            decodeHeaderBlock(ByteView($0).prefix(end), direction: direction, context: context, events: events)
        }
        direction.pending.removeAll(keepingCapacity: true)
        direction.scanned = 0
        return input.dropFirst(end - held)
    }

    private func headerTooLong(_ direction: Direction, events: EventBatch) {
        events.recordAnomaly(HTTPAnomaly.headerTooLong)
        direction.pending.removeAll(keepingCapacity: false)
        direction.scanned = 0
        direction.state = .lost
    }

    /// The offset just past the empty line that ends a header block (CRLF CRLF, or bare LFs:
    /// RFC 9112 §2.2 lets a recipient accept LF alone), searching from `from`.
    static func endOfHeaderBlock(_ bytes: ByteView, from: Int) -> Int? {
        var index = from
        while let newline = bytes.firstIndex(of: 0x0A, from: index) {
            guard let next = bytes.getUInt8(at: newline + 1) else { return nil }
            if next == 0x0A { return newline + 2 }
            if next == 0x0D {
                guard let after = bytes.getUInt8(at: newline + 2) else { return nil }
                if after == 0x0A { return newline + 3 }
            }
            index = newline + 1
        }
        return nil
    }

    /// The fields of one header block that the decoder uses.
    struct Fields {
        var host = ByteView.empty
        var userAgent = ByteView.empty
        var server = ByteView.empty
        var authorization = ByteView.empty
        var contentLength: Int?
        var invalidContentLength = false
        var chunked = false
    }

    /// A start line and its fields (the block ends with its empty line).
    private func decodeHeaderBlock(
        _ block: ByteView, direction: Direction, context: PacketContext, events: EventBatch
    ) {
        var lines = LineReader(block)
        guard let startLine = lines.next() else { return }
        var fields = Fields()
        while let line = lines.next(), !line.isEmpty { Self.readField(line, into: &fields) }
        if startLine.hasPrefix("HTTP/") {
            decodeResponse(startLine, fields: fields, direction: direction, context: context, events: events)
        } else {
            decodeRequest(startLine, fields: fields, direction: direction, context: context, events: events)
        }
    }

    static func readField(_ line: ByteView, into fields: inout Fields) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = line.prefix(colon)
        let value = trimmed(line.dropFirst(colon + 1))
        if equalsIgnoringCase(name, "host") {
            fields.host = value
        } else if equalsIgnoringCase(name, "user-agent") {
            fields.userAgent = value
        } else if equalsIgnoringCase(name, "server") {
            fields.server = value
        } else if equalsIgnoringCase(name, "authorization") {
            fields.authorization = value
        } else if equalsIgnoringCase(name, "content-length") {
            guard let length = decimal(value) else {
                fields.invalidContentLength = true
                return
            }
            if let previous = fields.contentLength, previous != length { fields.invalidContentLength = true }
            fields.contentLength = length
        } else if equalsIgnoringCase(name, "transfer-encoding") {
            // Chunked must be the final coding (RFC 9112 §6.1); a list ending in it counts.
            fields.chunked = endsWithIgnoringCase(value, "chunked")
        }
    }

    /// RFC 9112 §3: method SP request-target SP HTTP-version. A line that starts with a method-like
    /// word but lacks the target or the version ("OPTIONS HTTP/1.1", "GET /x", a bare "OPTIONS") is
    /// still a request, as tshark and Zeek count it, with the `http.malformed_start_line` anomaly:
    /// scanners send such lines.
    private func decodeRequest(
        _ line: ByteView, fields: Fields, direction: Direction, context: PacketContext, events: EventBatch
    ) {
        let methodEnd = line.firstIndex(of: 0x20) ?? line.count
        guard (1...32).contains(methodEnd), Self.isMethodLike(line.prefix(methodEnd)) else {
            malformed(direction, events: events)
            return
        }
        let afterMethod = line.dropFirst(methodEnd + 1)
        var target = ByteView.empty
        var version = afterMethod
        if !afterMethod.hasPrefix("HTTP/") {
            let targetEnd = afterMethod.firstIndex(of: 0x20) ?? afterMethod.count
            target = afterMethod.prefix(targetEnd)
            version = afterMethod.dropFirst(targetEnd + 1)
        }
        let wellFormed = !target.isEmpty && version.hasPrefix("HTTP/")
        let method = HTTPMethod(token: line.prefix(methodEnd))
        if pendingMethods.count >= Self.maximumPendingRequests {
            pendingMethods.removeFirst()
            events.recordAnomaly(HTTPAnomaly.tooManyPendingRequests)
        }
        pendingMethods.append(method)

        var event = ProtocolEvent()
        event.protocolID = .http
        event.function = -1
        event.functionName = method.name
        event.direction = .request
        event.operation = method.operation
        event.target = EventTarget(kind: .text)
        event.anomaly = wellFormed ? framingAnomaly(fields) : Anomaly(HTTPAnomaly.malformedStartLine)
        if events.isCollecting {
            event.target.text = events.text(target.prefix(Self.maximumTargetLength))
            let start = events.nextFactIndex
            if !fields.userAgent.isEmpty {
                events.addFact(.userAgent, events.text(fields.userAgent.prefix(Self.maximumFactLength)))
            }
            let host = Self.hostName(fields.host)
            if !host.isEmpty {
                events.addFact(.name, events.text(host.prefix(Self.maximumFactLength)), about: .destination)
            }
            if Self.basicUserName(fields.authorization, into: &scratch) {
                events.addFact(.account, scratch.text(in: events))
            }
            event.identityStart = start
            event.identityCount = events.nextFactIndex - start
        }
        events.emit(event, context: context)
        setBodyState(fields, direction: direction, events: events, responseToEnd: false)
    }

    /// RFC 9112 §4: HTTP-version SP status-code SP [reason-phrase].
    private func decodeResponse(
        _ line: ByteView, fields: Fields, direction: Direction, context: PacketContext, events: EventBatch
    ) {
        guard line.count >= 12, line[8] == 0x20, let code = Self.decimal(line.dropFirst(9).prefix(3)),
            (100...999).contains(code), line.count == 12 || line[12] == 0x20
        else {
            malformed(direction, events: events)
            return
        }
        let interim = (100...199).contains(code) && code != 101
        var method = HTTPMethod.other
        if !interim, !pendingMethods.isEmpty { method = pendingMethods.removeFirst() }

        var event = ProtocolEvent()
        event.protocolID = .http
        event.function = Int64(code)
        event.functionName = HTTPStatus.name(code)
        event.direction = .response
        event.operation = interim ? .other : method.operation
        event.result = code < 400 ? .ok : .error(Int64(code), HTTPStatus.name(code))
        event.anomaly = framingAnomaly(fields)
        if events.isCollecting, !fields.server.isEmpty {
            let start = events.nextFactIndex
            events.addFact(.software, events.text(fields.server.prefix(Self.maximumFactLength)))
            event.identityStart = start
            event.identityCount = events.nextFactIndex - start
        }
        events.emit(event, context: context)

        // RFC 9112 §6.3: which responses have no body, and which turn the connection into a tunnel.
        if code == 101 || (method == .connect && (200...299).contains(code)) {
            client.state = .toEnd
            server.state = .toEnd
            return
        }
        if interim || code == 204 || code == 304 || method == .head {
            direction.state = .headers
            return
        }
        setBodyState(fields, direction: direction, events: events, responseToEnd: true)
    }

    private func framingAnomaly(_ fields: Fields) -> Anomaly? {
        if fields.invalidContentLength, !fields.chunked { return Anomaly(HTTPAnomaly.invalidContentLength) }
        if fields.chunked, fields.contentLength != nil || fields.invalidContentLength {
            return Anomaly(HTTPAnomaly.lengthAndChunked)
        }
        return nil
    }

    /// RFC 9112 §6.3: chunked wins over Content-Length; a request without either has no body, a
    /// response without either runs to the end of the connection.
    private func setBodyState(_ fields: Fields, direction: Direction, events: EventBatch, responseToEnd: Bool) {
        if fields.chunked {
            startChunkLine(direction)
            direction.state = .chunkSize
        } else if fields.invalidContentLength {
            direction.state = .lost
        } else if let length = fields.contentLength {
            direction.state = length > 0 ? .body(length) : .headers
        } else {
            direction.state = responseToEnd ? .toEnd : .headers
        }
    }

    private func malformed(_ direction: Direction, events: EventBatch) {
        events.recordAnomaly(HTTPAnomaly.malformedStartLine)
        direction.state = .lost
    }

    // MARK: Chunked coding (RFC 9112 §7.1)

    private func startChunkLine(_ direction: Direction) {
        direction.chunkSize = 0
        direction.chunkDigits = 0
        direction.chunkInExtension = false
        direction.lineLength = 0
    }

    private func chunkError(_ direction: Direction, events: EventBatch) -> ByteView {
        events.recordAnomaly(HTTPAnomaly.malformedChunk)
        direction.state = .lost
        return .empty
    }

    /// Chunk-size lines, the CRLF after chunk data and trailer lines, a byte at a time (they are
    /// short); returns the input after the framing just completed.
    private func readChunkFraming(_ input: ByteView, direction: Direction, events: EventBatch) -> ByteView {
        var index = 0
        while index < input.count {
            let byte = input[index]
            index += 1
            switch direction.state {
            case .chunkSize:
                direction.lineLength += 1
                guard direction.lineLength <= Self.maximumChunkLine else {
                    return chunkError(direction, events: events)
                }
                if byte == 0x0A {
                    guard direction.chunkDigits > 0 else { return chunkError(direction, events: events) }
                    if direction.chunkSize == 0 {
                        direction.lineLength = 0
                        direction.state = .trailers
                    } else {
                        direction.state = .chunkData(direction.chunkSize)
                        return input.dropFirst(index)
                    }
                } else if direction.chunkInExtension || byte == 0x0D {
                    continue
                } else if let digit = Self.hexValue(byte) {
                    guard direction.chunkDigits < 15 else { return chunkError(direction, events: events) }
                    direction.chunkSize = direction.chunkSize << 4 | digit
                    direction.chunkDigits += 1
                } else if byte == UInt8(ascii: ";") || byte == 0x20 || byte == 0x09 {
                    direction.chunkInExtension = true
                } else {
                    return chunkError(direction, events: events)
                }
            case .chunkDataEnd:
                if byte == 0x0D { continue }
                guard byte == 0x0A else { return chunkError(direction, events: events) }
                startChunkLine(direction)
                direction.state = .chunkSize
            case .trailers:
                if byte == 0x0A {
                    if direction.lineLength == 0 {
                        direction.state = .headers
                        return input.dropFirst(index)
                    }
                    direction.lineLength = 0
                } else if byte != 0x0D {
                    direction.lineLength += 1
                    guard direction.lineLength <= Self.maximumHeaderBlock else {
                        return chunkError(direction, events: events)
                    }
                }
            default:
                return input.dropFirst(index - 1)
            }
        }
        return .empty
    }

    // MARK: Text helpers

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    /// A non-negative decimal of at most 18 digits.
    static func decimal(_ bytes: ByteView) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// A method as servers see them in practice: upper-case letters, '_' and '-' (every registered
    /// method has this form; lower-case words are taken for text, not requests).
    static func isMethodLike(_ bytes: ByteView) -> Bool {
        guard !bytes.isEmpty else { return false }
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard (0x41...0x5A).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") else {
                return false
            }
        }
        return true
    }

    static func trimmed(_ bytes: ByteView) -> ByteView {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
        return bytes.dropFirst(start).prefix(end - start)
    }

    /// The user name of `Authorization: Basic base64(user:password)` (RFC 7617 §2) into `scratch`:
    /// the decoding stops at the colon, so the password is never decoded nor kept. False when the
    /// value is not Basic credentials or the user name is empty or not printable.
    static func basicUserName(_ value: ByteView, into scratch: inout TextScratch) -> Bool {
        guard value.count > 6, equalsIgnoringCase(value.prefix(6), "basic ") else { return false }
        scratch.reset()
        var accumulator: UInt32 = 0
        var bits = 0
        var index = 6
        while index < value.count, value[index] == 0x20 { index += 1 }
        decoding: while index < value.count {
            let sextet: UInt32
            switch value[index] {
            case 0x41...0x5A: sextet = UInt32(value[index] - 0x41)
            case 0x61...0x7A: sextet = UInt32(value[index] - 0x61 + 26)
            case 0x30...0x39: sextet = UInt32(value[index] - 0x30 + 52)
            case 0x2B: sextet = 62
            case 0x2F: sextet = 63
            default: break decoding  // '=' padding, or the end of the token
            }
            index += 1
            accumulator = accumulator << 6 | sextet
            bits += 6
            if bits >= 8 {
                bits -= 8
                let byte = UInt8(truncatingIfNeeded: accumulator >> UInt32(bits))
                accumulator &= (1 << UInt32(bits)) - 1
                if byte == UInt8(ascii: ":") { break decoding }
                guard byte >= 0x20, byte < 0x7F, scratch.bytes.count < maximumFactLength else { return false }
                scratch.append(byte: byte)
            }
        }
        return !scratch.isEmpty
    }

    static func equalsIgnoringCase(_ bytes: ByteView, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        let literal = lowercase.utf8Start
        for index in 0..<bytes.count where bytes[index] | 0x20 != literal[index] { return false }
        return true
    }

    static func endsWithIgnoringCase(_ bytes: ByteView, _ lowercase: StaticString) -> Bool {
        let length = lowercase.utf8CodeUnitCount
        guard bytes.count >= length else { return false }
        return equalsIgnoringCase(bytes.dropFirst(bytes.count - length), lowercase)
    }

    /// The host name of a Host field: the port removed; empty for an IP literal (an address is
    /// not a name, and the event already carries the destination address).
    static func hostName(_ host: ByteView) -> ByteView {
        guard !host.isEmpty, host[0] != UInt8(ascii: "[") else { return .empty }
        let name = host.prefix(host.firstIndex(of: UInt8(ascii: ":")) ?? host.count)
        var hasLetter = false
        for index in 0..<name.count {
            let byte = name[index] | 0x20
            if byte >= 0x61 && byte <= 0x7A { hasLetter = true }
        }
        return hasLetter ? name : .empty
    }
}

/// Lines of a header block, with CR LF or bare LF endings, the ending not included.
struct LineReader {
    private let bytes: ByteView
    private var offset = 0

    init(_ bytes: ByteView) { self.bytes = bytes }

    mutating func next() -> ByteView? {
        guard offset < bytes.count else { return nil }
        let end = bytes.firstIndex(of: 0x0A, from: offset) ?? bytes.count
        var line = bytes.dropFirst(offset).prefix(end - offset)
        if line.count > 0, line[line.count - 1] == 0x0D { line = line.prefix(line.count - 1) }
        offset = end + 1
        return line
    }
}
