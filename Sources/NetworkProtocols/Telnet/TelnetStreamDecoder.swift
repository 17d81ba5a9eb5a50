import BinaryParsing
import EventModel

/// One Telnet connection (RFC 854). What matters for an OT network is that the session exists and
/// what answered: the decoder reports
/// - "Telnet Session" (function -1, operation session) once, at the first data in either
///   direction, addressed from the client to the server whoever spoke first;
/// - "Telnet Banner" (function -1, operation discovery) once, with the server's first non-empty
///   text line (or its first prompt ending in ':', '>', '#' or '$' at a segment end) as a
///   `software` fact about the server, printable ASCII only, at most `maximumBannerLength` bytes;
///   target numbers: (option negotiations seen so far, -, -, -).
/// Commands (IAC …) are parsed in both directions and negotiations (WILL/WONT/DO/DONT) counted in
/// `negotiationCount`. Client keystrokes are never kept (they may hold passwords).
public final class TelnetStreamDecoder: StreamDecoder {
    static let maximumBannerLength = 256
    /// Longest subnegotiation accepted (terminal type, window size, environment …).
    static let maximumSubnegotiation = 1024

    /// RFC 854 command codes.
    enum Command {
        static let subnegotiationEnd: UInt8 = 240  // SE
        static let subnegotiationBegin: UInt8 = 250  // SB
        static let will: UInt8 = 251
        static let dont: UInt8 = 254
        static let interpretAsCommand: UInt8 = 255  // IAC
    }

    enum State {
        case data
        /// After IAC.
        case command
        /// After IAC WILL/WONT/DO/DONT: the option byte.
        case option
        /// Inside IAC SB … (the option and its parameters).
        case subnegotiation
        /// After IAC inside a subnegotiation.
        case subnegotiationCommand
    }

    final class Direction {
        var state = State.data
        var subnegotiationLength = 0
    }

    private let client = Direction()
    private let server = Direction()
    private var sessionReported = false
    private var bannerDone = false
    private var bannerLine: [UInt8] = []
    public private(set) var negotiationCount = 0

    public init() {}

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        guard !bytes.isEmpty else { return }
        if !sessionReported {
            sessionReported = true
            var event = ProtocolEvent()
            event.protocolID = .telnet
            event.function = -1
            event.functionName = "Telnet Session"
            event.direction = .request
            event.operation = .session
            events.emit(event, context: context.fromClient ? context : Self.reversed(context))
        }
        let direction = context.fromClient ? client : server
        let collectText = !context.fromClient && !bannerDone
        for index in 0..<bytes.count {
            let byte = bytes[index]
            switch direction.state {
            case .data:
                if byte == Command.interpretAsCommand {
                    direction.state = .command
                } else if collectText {
                    textByte(byte, context: context, events: events)
                }
            case .command:
                switch byte {
                case Command.interpretAsCommand:  // IAC IAC: a data byte 255
                    direction.state = .data
                case Command.will...Command.dont:
                    negotiationCount += 1
                    direction.state = .option
                case Command.subnegotiationBegin:
                    direction.subnegotiationLength = 0
                    direction.state = .subnegotiation
                case 241...249:  // NOP, Data Mark, Break, IP, AO, AYT, EC, EL, GA
                    direction.state = .data
                default:  // SE outside a subnegotiation, or no command at all
                    events.recordAnomaly(TelnetAnomaly.malformedIAC)
                    direction.state = .data
                }
            case .option:
                direction.state = .data
            case .subnegotiation:
                direction.subnegotiationLength += 1
                if byte == Command.interpretAsCommand {
                    direction.state = .subnegotiationCommand
                } else if direction.subnegotiationLength > Self.maximumSubnegotiation {
                    events.recordAnomaly(TelnetAnomaly.subnegotiationTooLong)
                    direction.state = .data
                }
            case .subnegotiationCommand:
                switch byte {
                case Command.subnegotiationEnd: direction.state = .data
                case Command.interpretAsCommand: direction.state = .subnegotiation
                default:
                    events.recordAnomaly(TelnetAnomaly.malformedIAC)
                    direction.state = .data
                }
            }
        }
        // A login prompt has no line end: take it when the segment ends on one.
        if collectText, !bannerDone, let last = bannerLine.last(where: { $0 != 0x20 }),
            last == UInt8(ascii: ":") || last == UInt8(ascii: ">") || last == UInt8(ascii: "#")
                || last == UInt8(ascii: "$")
        {
            reportBanner(context: context, events: events)
        }
    }

    /// One byte of server text (commands removed): printable ASCII gathered until a line end.
    private func textByte(_ byte: UInt8, context: PacketContext, events: EventBatch) {
        guard !bannerDone else { return }
        if byte == 0x0A || byte == 0x0D || byte == 0 {
            if !bannerLine.isEmpty { reportBanner(context: context, events: events) }
        } else if byte >= 0x20 && byte <= 0x7E {
            if byte == 0x20 && bannerLine.isEmpty { return }
            if bannerLine.count < Self.maximumBannerLength { bannerLine.append(byte) }
        }
    }

    private func reportBanner(context: PacketContext, events: EventBatch) {
        bannerDone = true
        while bannerLine.last == 0x20 { bannerLine.removeLast() }
        var event = ProtocolEvent()
        event.protocolID = .telnet
        event.function = -1
        event.functionName = "Telnet Banner"
        event.direction = .response
        event.operation = .discovery
        event.target = EventTarget(kind: .none, Int64(negotiationCount))
        if events.isCollecting {
            let start = events.nextFactIndex
            bannerLine.withUnsafeBytes { events.addFact(.software, events.text(ByteView($0))) }
            event.identityStart = start
            event.identityCount = events.nextFactIndex - start
        }
        events.emit(event, context: context)
        bannerLine = []
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        direction.state = .data
        if !context.fromClient { bannerLine.removeAll() }
        events.recordAnomaly(TelnetAnomaly.streamGap)
    }

    /// The packet's context seen from the other end (the session event names the client as source).
    static func reversed(_ context: PacketContext) -> PacketContext {
        var swapped = context
        swapped.source = context.destination
        swapped.destination = context.source
        swapped.sourcePort = context.destinationPort
        swapped.destinationPort = context.sourcePort
        swapped.sourceMAC = context.destinationMAC
        swapped.destinationMAC = context.sourceMAC
        swapped.fromClient = true
        return swapped
    }
}
