import BinaryParsing
import EventModel

/// One SSH connection, up to the point where it is encrypted: each side's identification string
/// (RFC 4253 §4.2), then its binary packets (§6) in clear until its NEWKEYS (§7.3). KEXINIT (§7.1)
/// yields the HASSH fingerprints (Salesforce: MD5 of `kex;encryption;mac;compression` with the
/// client→server lists for the client, the server→client lists for the server). After a side's
/// NEWKEYS its bytes are ciphertext and are ignored.
///
/// Events: "SSH Banner" (function -1, session; target text = the identification line; facts
/// `software` = softwareversion and `other` = comments, about the sender), "Key Exchange Init"
/// (function 20; target text = the HASSH input string; fact `hassh` or `hasshServer` about the
/// sender), "New Keys" (function 21). Other clear-text packets (key exchange replies) are skipped
/// by their length without events and without buffering.
public final class SSHStreamDecoder: StreamDecoder {
    /// RFC 4253 §4.2: the identification line, CR LF included, is at most 255 characters.
    static let maximumBannerLine = 255
    /// Lines a server may send before its identification string (§4.2), accepted up to this count.
    static let maximumPreambleLines = 32
    /// Largest binary packet accepted in clear (§6.1 asks for 35000; host key certificates and
    /// post-quantum key exchanges stay well under it). A KEXINIT is buffered up to this size.
    static let maximumPacketLength = 35000
    /// HASSH input kept as the event's text.
    static let maximumTargetLength = 2048

    enum State: Equatable {
        /// Reading lines up to and including the identification string.
        case banner
        /// Reading a binary packet header (packet_length, padding_length, message code).
        case packetHeader
        /// Collecting a whole KEXINIT packet.
        case keyExchangeInit(Int)
        /// Skipping the rest of a packet that is not decoded.
        case skip(Int)
        /// Encrypted, SSH-1, or framing lost: nothing more is read.
        case done
    }

    final class Direction {
        var state = State.banner
        var pending: [UInt8] = []
        var lines = 0
        var isVersion1 = false
    }

    private let client = Direction()
    private let server = Direction()

    public init() {}

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        var input = bytes
        while !input.isEmpty {
            switch direction.state {
            case .banner:
                input = readBannerLine(input, direction: direction, context: context, events: events)
            case .packetHeader:
                input = readPacketHeader(input, direction: direction, context: context, events: events)
            case .keyExchangeInit(let length):
                let needed = length - direction.pending.count
                let count = min(needed, input.count)
                input.prefix(count).withUnsafeBytes { direction.pending.append(contentsOf: $0) }
                input = input.dropFirst(count)
                if count == needed {
                    direction.pending.withUnsafeBytes {
                        decodeKeyExchangeInit(ByteView($0), context: context, events: events)
                    }
                    direction.pending.removeAll(keepingCapacity: false)
                    direction.state = .packetHeader
                }
            case .skip(let remaining):
                let count = min(remaining, input.count)
                input = input.dropFirst(count)
                direction.state = count == remaining ? .packetHeader : .skip(remaining - count)
            case .done:
                return
            }
        }
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        switch direction.state {
        case .done: return
        case .skip(let remaining) where length < remaining:
            direction.state = .skip(remaining - length)
        case .skip(let remaining) where length == remaining:
            direction.state = .packetHeader
        default:
            direction.pending.removeAll(keepingCapacity: false)
            direction.state = .done
            events.recordAnomaly(SSHAnomaly.streamGap)
        }
    }

    public func startsMessage(_ bytes: ByteView) -> Bool { bytes.hasPrefix("SSH-") }

    // MARK: Identification (RFC 4253 §4.2)

    private func readBannerLine(
        _ input: ByteView, direction: Direction, context: PacketContext, events: EventBatch
    ) -> ByteView {
        guard let newline = input.firstIndex(of: 0x0A) else {
            guard direction.pending.count + input.count <= Self.maximumBannerLine else {
                return stop(direction, SSHAnomaly.bannerTooLong, events: events)
            }
            input.withUnsafeBytes { direction.pending.append(contentsOf: $0) }
            return .empty
        }
        guard direction.pending.count + newline + 1 <= Self.maximumBannerLine else {
            return stop(direction, SSHAnomaly.bannerTooLong, events: events)
        }
        if direction.pending.isEmpty {
            decodeLine(input.prefix(newline), direction: direction, context: context, events: events)
        } else {
            input.prefix(newline).withUnsafeBytes { direction.pending.append(contentsOf: $0) }
            direction.pending.withUnsafeBytes {
                decodeLine(ByteView($0), direction: direction, context: context, events: events)
            }
            direction.pending.removeAll(keepingCapacity: true)
        }
        return direction.state == .done ? .empty : input.dropFirst(newline + 1)
    }

    private func stop(_ direction: Direction, _ anomaly: AnomalyKind, events: EventBatch) -> ByteView {
        events.recordAnomaly(anomaly)
        direction.pending.removeAll(keepingCapacity: false)
        direction.state = .done
        return .empty
    }

    /// One line without its LF: the identification string, or a line a server sends before it.
    private func decodeLine(_ rawLine: ByteView, direction: Direction, context: PacketContext, events: EventBatch) {
        var line = rawLine
        if line.count > 0, line[line.count - 1] == 0x0D { line = line.prefix(line.count - 1) }
        guard line.hasPrefix("SSH-") else {
            direction.lines += 1
            if direction.lines > Self.maximumPreambleLines {
                _ = stop(direction, SSHAnomaly.bannerTooLong, events: events)
            }
            return
        }
        // SSH-protoversion-softwareversion SP comments
        let afterPrefix = line.dropFirst(4)
        let versionEnd = afterPrefix.firstIndex(of: UInt8(ascii: "-")) ?? afterPrefix.count
        let protocolVersion = afterPrefix.prefix(versionEnd)
        let rest = afterPrefix.dropFirst(versionEnd + 1)
        let softwareEnd = rest.firstIndex(of: 0x20) ?? rest.count
        let software = rest.prefix(softwareEnd)
        let comments = rest.dropFirst(softwareEnd + 1)

        var event = ProtocolEvent()
        event.protocolID = .ssh
        event.function = -1
        event.functionName = "SSH Banner"
        event.direction = context.fromClient ? .request : .response
        event.operation = .session
        event.target = EventTarget(kind: .text)
        if protocolVersion.isEmpty || versionEnd == afterPrefix.count || software.isEmpty {
            event.anomaly = Anomaly(SSHAnomaly.malformedBanner)
        }
        if events.isCollecting {
            event.target.text = events.text(line)
            let start = events.nextFactIndex
            events.addFact(.software, events.text(software))
            events.addFact(.other, events.text(comments))
            event.identityStart = start
            event.identityCount = events.nextFactIndex - start
        }
        events.emit(event, context: context)
        // "1.99" announces SSH-2 with SSH-1 compatibility; "1.x" alone is SSH-1 framing.
        if protocolVersion.hasPrefix("1."), !protocolVersion.hasPrefix("1.99") {
            if event.anomaly == nil { events.recordAnomaly(SSHAnomaly.protocolVersion1) }
            direction.state = .done
        } else {
            direction.state = .packetHeader
        }
    }

    // MARK: Binary packets (RFC 4253 §6)

    /// uint32 packet_length, byte padding_length, then the payload whose first byte is the message
    /// code. Needs six bytes; a header split across segments is held in `pending`.
    private func readPacketHeader(
        _ input: ByteView, direction: Direction, context: PacketContext, events: EventBatch
    ) -> ByteView {
        let header: (length: Int, padding: UInt8, code: UInt8)
        let consumed: Int
        if direction.pending.isEmpty, input.count >= 6 {
            header = (Int(input.uncheckedUInt32(at: 0)), input[4], input[5])
            consumed = 6
        } else {
            let count = min(6 - direction.pending.count, input.count)
            input.prefix(count).withUnsafeBytes { direction.pending.append(contentsOf: $0) }
            guard direction.pending.count == 6 else { return .empty }
            let bytes = direction.pending
            direction.pending.removeAll(keepingCapacity: true)
            header = (
                Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3]), bytes[4], bytes[5]
            )
            consumed = count
        }
        // The payload (at least the message code) and ≥ 4 bytes of padding fit in packet_length.
        guard header.length >= Int(header.padding) + 2, header.padding >= 4,
            header.length <= Self.maximumPacketLength
        else {
            return stop(direction, SSHAnomaly.invalidPacketLength, events: events)
        }
        let rest = header.length - 2  // after padding_length and the message code
        switch header.code {
        case 20:  // SSH_MSG_KEXINIT: collect it (header included) to read its name-lists.
            direction.pending.append(contentsOf: [
                UInt8(truncatingIfNeeded: header.length >> 24), UInt8(truncatingIfNeeded: header.length >> 16),
                UInt8(truncatingIfNeeded: header.length >> 8), UInt8(truncatingIfNeeded: header.length),
                header.padding, header.code,
            ])
            direction.state = .keyExchangeInit(header.length + 4)
        case 21:  // SSH_MSG_NEWKEYS: what follows from this side is encrypted.
            var event = ProtocolEvent()
            event.protocolID = .ssh
            event.function = 21
            event.functionName = "New Keys"
            event.direction = context.fromClient ? .request : .response
            event.operation = .session
            events.emit(event, context: context)
            direction.state = .done
            return .empty
        default:
            direction.state = rest > 0 ? .skip(rest) : .packetHeader
        }
        return input.dropFirst(consumed)
    }

    /// §7.1: byte 20, cookie[16], ten name-lists (kex, host key, encryption c→s, s→c, mac c→s,
    /// s→c, compression c→s, s→c, languages c→s, s→c), boolean, uint32 reserved.
    private func decodeKeyExchangeInit(_ packet: ByteView, context: PacketContext, events: EventBatch) {
        let paddingLength = Int(packet[4])
        var reader = ByteReader(packet.prefix(packet.count - paddingLength))
        _ = reader.skip(4 + 1 + 1 + 16)
        var lists: [ByteView] = []
        for _ in 0..<8 {
            guard let length = reader.readUInt32(), let list = reader.readView(count: Int(length)) else { break }
            lists.append(list)
        }
        var event = ProtocolEvent()
        event.protocolID = .ssh
        event.function = 20
        event.functionName = "Key Exchange Init"
        event.direction = context.fromClient ? .request : .response
        event.operation = .session
        event.target = EventTarget(kind: .text)
        guard lists.count == 8 else {
            event.anomaly = Anomaly(SSHAnomaly.malformedKeyExchangeInit)
            events.emit(event, context: context)
            return
        }
        if events.isCollecting {
            // HASSH: kex;enc;mac;cmp — client→server lists for the client, server→client for the server.
            let picks = context.fromClient ? [0, 2, 4, 6] : [0, 3, 5, 7]
            var input: [UInt8] = []
            for (index, pick) in picks.enumerated() {
                if index > 0 { input.append(UInt8(ascii: ";")) }
                lists[pick].withUnsafeBytes { input.append(contentsOf: $0) }
            }
            let hash = MessageDigest.hex(.md5, of: input)
            event.target.text = ByteView.with(input) { events.text($0.prefix(Self.maximumTargetLength)) }
            let start = events.nextFactIndex
            events.addFact(context.fromClient ? .hassh : .hasshServer, events.text(hash))
            event.identityStart = start
            event.identityCount = events.nextFactIndex - start
        }
        events.emit(event, context: context)
    }
}
