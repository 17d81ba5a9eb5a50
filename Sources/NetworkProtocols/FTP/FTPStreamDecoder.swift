import BinaryParsing
import EventModel

/// One FTP control connection (RFC 959): the client's commands and the server's replies, a line at
/// a time (lines split across segments are held up to `maximumLineLength`).
///
/// Events: one per command (function -1, function name = the verb, target text = the argument
/// for the commands that name a file or change state; the USER argument becomes an `account` fact
/// about the client; the PASS argument is never read into the event), one per reply (function =
/// reply code, at the last line of a multi-line reply; result error for 4xx/5xx). The server
/// greeting (the 220 before any command) gives a `software` fact about the server: its text.
/// After `AUTH` is accepted (234) the connection carries TLS and is no longer read.
public final class FTPStreamDecoder: StreamDecoder {
    /// Longest line held (RFC 959 sets no limit; servers use 512 to 4096).
    static let maximumLineLength = 2048
    /// Argument bytes kept as target text or fact.
    static let maximumArgumentLength = 512
    /// Commands awaiting their final reply.
    static let maximumPendingCommands = 32

    final class Direction {
        var pending: [UInt8] = []
        /// Skipping the rest of an overlong line (or one cut by a gap).
        var discarding = false
        /// The next bytes follow a gap: if they start a line, nothing needs discarding.
        var afterGap = false
    }

    private let client = Direction()
    private let server = Direction()
    /// Operations of commands not yet answered (a 1xx reply does not answer).
    private var pendingCommands: [FTPCommand] = []
    /// Code of the multi-line reply in progress (RFC 959 §4.2: "123-First line … 123 Last line").
    private var multilineCode = -1
    private var multilineFirstTextCopy: [UInt8] = []
    private var sawReply = false
    /// AUTH accepted: the rest is TLS.
    private var encrypted = false

    public init() {}

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        var input = bytes
        if direction.afterGap {
            direction.afterGap = false
            if startsMessage(input) { direction.discarding = false }
        }
        while !input.isEmpty, !encrypted {
            guard let newline = input.firstIndex(of: 0x0A) else {
                if !direction.discarding {
                    if direction.pending.count + input.count > Self.maximumLineLength {
                        events.recordAnomaly(FTPAnomaly.lineTooLong)
                        direction.pending.removeAll(keepingCapacity: true)
                        direction.discarding = true
                    } else {
                        input.withUnsafeBytes { direction.pending.append(contentsOf: $0) }
                    }
                }
                return
            }
            if direction.discarding {
                direction.discarding = false
            } else if direction.pending.count + newline > Self.maximumLineLength {
                events.recordAnomaly(FTPAnomaly.lineTooLong)
                direction.pending.removeAll(keepingCapacity: true)
            } else if direction.pending.isEmpty {
                decodeLine(input.prefix(newline), fromClient: context.fromClient, context: context, events: events)
            } else {
                input.prefix(newline).withUnsafeBytes { direction.pending.append(contentsOf: $0) }
                direction.pending.withUnsafeBytes {
                    decodeLine(ByteView($0), fromClient: context.fromClient, context: context, events: events)
                }
                direction.pending.removeAll(keepingCapacity: true)
            }
            input = input.dropFirst(newline + 1)
        }
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        direction.pending.removeAll(keepingCapacity: true)
        direction.discarding = true
        direction.afterGap = true
        if context.fromClient { pendingCommands.removeAll(keepingCapacity: true) }
        events.recordAnomaly(FTPAnomaly.streamGap)
    }

    /// A reply line ("220 ", "150-") or a command word: where decoding can resume after a gap.
    public func startsMessage(_ bytes: ByteView) -> Bool {
        if bytes.count >= 4, Self.isDigit(bytes[0]), Self.isDigit(bytes[1]), Self.isDigit(bytes[2]),
            bytes[3] == 0x20 || bytes[3] == UInt8(ascii: "-")
        {
            return true
        }
        guard let end = (0..<min(5, bytes.count)).first(where: { !Self.isLetter(bytes[$0]) }),
            end >= 3, bytes[end] == 0x20 || bytes[end] == 0x0D
        else { return false }
        return FTPCommand.named(bytes.prefix(end)) != .unknown
    }

    private func decodeLine(_ rawLine: ByteView, fromClient: Bool, context: PacketContext, events: EventBatch) {
        var line = rawLine
        if line.count > 0, line[line.count - 1] == 0x0D { line = line.prefix(line.count - 1) }
        if fromClient {
            decodeCommand(line, context: context, events: events)
        } else {
            decodeReply(line, context: context, events: events)
        }
    }

    // MARK: Commands (RFC 959 §5.3: command SP argument CRLF)

    private func decodeCommand(_ line: ByteView, context: PacketContext, events: EventBatch) {
        var verbEnd = 0
        while verbEnd < line.count, verbEnd < 5, Self.isLetter(line[verbEnd]) { verbEnd += 1 }
        guard (3...4).contains(verbEnd), verbEnd == line.count || line[verbEnd] == 0x20 else {
            if !line.isEmpty { events.recordAnomaly(FTPAnomaly.malformedCommand) }
            return
        }
        let command = FTPCommand.named(line.prefix(verbEnd))
        let argument = line.dropFirst(verbEnd + 1).prefix(Self.maximumArgumentLength)
        if pendingCommands.count >= Self.maximumPendingCommands { pendingCommands.removeFirst() }
        pendingCommands.append(command)

        var event = ProtocolEvent()
        event.protocolID = .ftp
        event.function = -1
        event.functionName = command.name
        event.direction = .request
        event.operation = command.operation
        if events.isCollecting, command != .pass {
            if command == .user {
                let start = events.nextFactIndex
                events.addFact(.account, events.text(argument))
                event.identityStart = start
                event.identityCount = events.nextFactIndex - start
            } else if !argument.isEmpty {
                event.target = EventTarget(kind: .text)
                event.target.text = events.text(argument)
            }
        }
        events.emit(event, context: context)
    }

    // MARK: Replies (RFC 959 §4.2)

    private func decodeReply(_ line: ByteView, context: PacketContext, events: EventBatch) {
        let code: Int? =
            line.count >= 3 && Self.isDigit(line[0]) && Self.isDigit(line[1]) && Self.isDigit(line[2])
            ? Int(line[0] - 0x30) * 100 + Int(line[1] - 0x30) * 10 + Int(line[2] - 0x30) : nil
        let separator = line.getUInt8(at: 3)
        if multilineCode >= 0 {
            // Inside a multi-line reply only "code SP" ends it; other lines are its text.
            guard code == multilineCode, separator == 0x20 || separator == nil else { return }
            multilineCode = -1
            multilineFirstTextCopy.withUnsafeBytes {
                emitReply(code!, text: ByteView($0), context: context, events: events)
            }
            return
        }
        guard let code, (100...599).contains(code), separator == nil || separator == 0x20 || separator == 0x2D else {
            if !line.isEmpty { events.recordAnomaly(FTPAnomaly.malformedReply) }
            return
        }
        let text = line.dropFirst(4).prefix(Self.maximumArgumentLength)
        if separator == 0x2D {
            multilineCode = code
            multilineFirstTextCopy.removeAll(keepingCapacity: true)
            text.withUnsafeBytes { multilineFirstTextCopy.append(contentsOf: $0) }
            return
        }
        emitReply(code, text: text, context: context, events: events)
    }

    private func emitReply(_ code: Int, text: ByteView, context: PacketContext, events: EventBatch) {
        let isGreeting = !sawReply && pendingCommands.isEmpty
        sawReply = true
        var command: FTPCommand?
        if code >= 200, !pendingCommands.isEmpty { command = pendingCommands.removeFirst() }

        var event = ProtocolEvent()
        event.protocolID = .ftp
        event.function = Int64(code)
        event.functionName = FTPReply.name(code)
        event.direction = .response
        event.operation = command?.operation ?? .session
        event.result = code < 400 ? .ok : .error(Int64(code), FTPReply.name(code))
        if isGreeting, code == 220, events.isCollecting {
            let start = events.nextFactIndex
            events.addFact(.software, events.text(Self.trimmed(text)))
            event.identityStart = start
            event.identityCount = events.nextFactIndex - start
        }
        events.emit(event, context: context)
        if code == 234, command == .auth { encrypted = true }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    static func trimmed(_ bytes: ByteView) -> ByteView {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
        return bytes.prefix(end)
    }
}
