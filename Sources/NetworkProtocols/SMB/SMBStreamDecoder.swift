import BinaryParsing
import EventModel

/// One SMB connection: frames each direction (direct TCP or NetBIOS session service), then reports
/// one event per SMB1 command or SMB2 command (compounded ones included). Only the first
/// `maximumDecodedLength` octets of a message are kept: READ/WRITE data is skipped, not buffered.
public final class SMBStreamDecoder: StreamDecoder {
    /// Octets of one message buffered for decoding (headers, security blobs, names).
    public static let maximumDecodedLength = 64 * 1024
    static let maximumCompounded = 64
    /// Requests whose names (share, file) are kept for their responses, per connection.
    static let maximumPendingRequests = 32
    static let maximumSecurityBuffer = 16 * 1024

    private final class Direction {
        var header = [UInt8](repeating: 0, count: 4)
        var headerCount = 0
        /// Octets of the current frame still to come; -1 between frames.
        var remaining = -1
        var frameType: UInt8 = 0
        var buffer: [UInt8] = []
        /// Octets of the current message kept for decoding (smaller for READ/WRITE data).
        var limit = SMBStreamDecoder.maximumDecodedLength
        /// After lost bytes: segments are dropped until one starts with a frame header.
        var resynchronising = false
        var encryptedReported = false
    }

    private let netBIOS: Bool
    private let client = Direction()
    private let server = Direction()
    private var scratch = TextScratch()
    /// Outstanding TREE_CONNECT and CREATE requests' path or file name, for their responses.
    private var pendingNames = PendingNames(slots: maximumPendingRequests)

    public init(netBIOS: Bool) { self.netBIOS = netBIOS }

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        var input = bytes
        if direction.resynchronising {
            guard startsMessage(bytes) else { return }
            direction.resynchronising = false
        }
        while !input.isEmpty, !direction.resynchronising {
            if direction.remaining < 0 {
                while direction.headerCount < 4, !input.isEmpty {
                    direction.header[direction.headerCount] = input[0]
                    direction.headerCount += 1
                    input = input.dropFirst(1)
                }
                guard direction.headerCount == 4 else { return }
                direction.headerCount = 0
                let type = direction.header[0]
                var length = Int(direction.header[1]) << 16 | Int(direction.header[2]) << 8 | Int(direction.header[3])
                if netBIOS {
                    // RFC 1002 §4.3.1: flags octet, of which bit 0 extends the 16-bit length.
                    length &= 0x1_FFFF
                    guard type == 0x00 || (0x81...0x85).contains(type) else {
                        events.recordAnomaly(SMBAnomaly.badFraming)
                        direction.resynchronising = true
                        return
                    }
                } else if type != 0 {
                    events.recordAnomaly(SMBAnomaly.badFraming)
                    direction.resynchronising = true
                    return
                }
                direction.frameType = type
                direction.limit = Self.maximumDecodedLength
                direction.remaining = length
                direction.buffer.removeAll(keepingCapacity: true)
                if length == 0 {
                    direction.remaining = -1
                    if type != 0x00, isDecoded(type) { decodeFrame(type, .empty, from: context, events: events) }
                    continue
                }
                // The whole message in this segment: decode it in place.
                if isDecoded(type), length <= input.count {
                    decodeFrame(type, input.prefix(length), from: context, events: events)
                    input = input.dropFirst(length)
                    direction.remaining = -1
                    continue
                }
            }
            let count = min(direction.remaining, input.count)
            if isDecoded(direction.frameType) {
                let room = max(0, direction.limit - direction.buffer.count)
                input.prefix(min(count, room)).withUnsafeBytes { direction.buffer.append(contentsOf: $0) }
                if direction.limit == Self.maximumDecodedLength, direction.buffer.count >= 64 {
                    direction.limit = direction.buffer.withUnsafeBytes { Self.decodedLength(ByteView($0)) }
                }
            }
            input = input.dropFirst(count)
            direction.remaining -= count
            if direction.remaining == 0 {
                direction.remaining = -1
                if isDecoded(direction.frameType) {
                    direction.buffer.withUnsafeBytes {
                        decodeFrame(direction.frameType, ByteView($0), from: context, events: events)
                    }
                }
                direction.buffer.removeAll(keepingCapacity: true)
            }
        }
    }

    /// How much of a message to keep, from its first 64 octets: READ and WRITE carry file data the
    /// decoder never reads, so only their headers are copied (unless other commands are compounded).
    static func decodedLength(_ start: ByteView) -> Int {
        guard start.count >= 64, start[1] == 0x53, start[2] == 0x4D, start[3] == 0x42 else {
            return maximumDecodedLength
        }
        switch start[0] {
        case 0xFE:
            let command = start.getUInt16(at: 12, bigEndian: false) ?? 0
            let next = start.getUInt32(at: 20, bigEndian: false) ?? 0
            return (command == 0x08 || command == 0x09) && next == 0 ? 256 : maximumDecodedLength
        case 0xFF:
            return start[4] == 0x2E || start[4] == 0x2F ? 256 : maximumDecodedLength  // READ_ANDX, WRITE_ANDX
        case 0xFD, 0xFC:
            return 64
        default:
            return maximumDecodedLength
        }
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        let direction = context.fromClient ? client : server
        direction.buffer.removeAll(keepingCapacity: true)
        direction.headerCount = 0
        direction.remaining = -1
        direction.resynchronising = true
        events.recordAnomaly(SMBAnomaly.streamGap)
    }

    /// A frame header followed by an SMB protocol identifier (MS-SMB2 §2.1, RFC 1002 §4.3.6).
    public func startsMessage(_ bytes: ByteView) -> Bool {
        guard bytes.count >= 8, bytes[0] == 0x00, netBIOS ? bytes[1] & 0xFE == 0 : true else { return false }
        return (0xFC...0xFF).contains(bytes[4]) && bytes[5] == 0x53 && bytes[6] == 0x4D && bytes[7] == 0x42
    }

    /// Session messages carry SMB; the NetBIOS session request and responses name the hosts.
    private func isDecoded(_ type: UInt8) -> Bool { type == 0x00 || (netBIOS && (0x81...0x83).contains(type)) }

    private func decodeFrame(_ type: UInt8, _ frame: ByteView, from context: PacketContext, events: EventBatch) {
        if type == 0x00 {
            decodeMessage(frame, from: context, events: events)
        } else {
            decodeSessionPacket(type, frame, context: context, events: events)
        }
    }

    /// RFC 1002 §4.3.2–4.3.4: SESSION REQUEST (called and calling names), POSITIVE and NEGATIVE
    /// SESSION RESPONSE.
    private func decodeSessionPacket(_ type: UInt8, _ packet: ByteView, context: PacketContext, events: EventBatch) {
        var event = ProtocolEvent()
        event.protocolID = .netbiosSession
        event.function = Int64(type)
        event.operation = .session
        let start = events.nextFactIndex
        switch type {
        case 0x81:
            event.functionName = "Session Request"
            event.direction = .request
            var reader = ByteReader(packet)
            let called = readEncodedName(&reader, events: events)
            let calling = readEncodedName(&reader, events: events)
            if let called {
                setTarget(called, &event)
                events.addFact(.name, called, about: .destination)
            }
            if let calling { events.addFact(.name, calling) }
            if called == nil || calling == nil, events.isCollecting { event.anomaly = Anomaly(SMBAnomaly.truncated) }
        case 0x82:
            event.functionName = "Positive Session Response"
            event.direction = .response
            event.result = .ok
        default:
            event.functionName = "Negative Session Response"
            event.direction = .response
            let code = packet.getUInt8(at: 0) ?? 0x8F
            event.result = .error(Int64(code), Self.negativeResponseName(code))
        }
        event.identityStart = start
        event.identityCount = events.nextFactIndex - start
        events.emit(event, context: context)
    }

    static func negativeResponseName(_ code: UInt8) -> StaticString {
        switch code {
        case 0x80: "Not listening on called name"
        case 0x81: "Not listening for calling name"
        case 0x82: "Called name not present"
        case 0x83: "Called name present, but insufficient resources"
        default: "Unspecified error"
        }
    }

    /// A first-level encoded NetBIOS name (RFC 1001 §14.1): length 32, two letters 'A'–'P' per
    /// octet, then the scope labels up to a zero octet. The 16th octet (the suffix) and trailing
    /// spaces are dropped.
    private func readEncodedName(_ reader: inout ByteReader, events: EventBatch) -> TextRef? {
        guard reader.readUInt8() == 0x20, let encoded = reader.readView(count: 32) else { return nil }
        while let label = reader.readUInt8(), label != 0 {
            guard label < 64, reader.skip(Int(label)) else { return nil }
        }
        guard events.isCollecting else { return nil }
        scratch.reset()
        var name: [UInt8] = []
        name.reserveCapacity(15)
        for index in 0..<15 {
            let high = encoded[2 * index] &- 0x41
            let low = encoded[2 * index + 1] &- 0x41
            guard high < 16, low < 16 else { return nil }
            name.append(high << 4 | low)
        }
        while let last = name.last, last == 0x20 || last == 0 { name.removeLast() }
        for byte in name { scratch.append(byte: byte) }
        return scratch.isEmpty ? nil : scratch.reference(in: events)
    }

    public func finish(events: EventBatch) {
        if client.remaining > 0 || server.remaining > 0 { events.recordAnomaly(SMBAnomaly.truncated) }
    }

    /// One NetBIOS session message / direct-TCP frame (possibly only its first octets).
    private func decodeMessage(_ message: ByteView, from context: PacketContext, events: EventBatch) {
        guard message.count >= 4, message[1] == 0x53, message[2] == 0x4D, message[3] == 0x42 else {
            events.recordAnomaly(message.count < 4 ? SMBAnomaly.truncated : SMBAnomaly.unknownProtocol)
            return
        }
        switch message[0] {
        case 0xFE: decodeSMB2(message, context: context, events: events)
        case 0xFF: decodeSMB1(message, context: context, events: events)
        case 0xFD:
            // Transform header (MS-SMB2 §2.2.41): encrypted; reported once per direction.
            let direction = context.fromClient ? client : server
            guard !direction.encryptedReported else { return }
            direction.encryptedReported = true
            var event = ProtocolEvent()
            event.protocolID = .smb
            event.functionName = "TRANSFORM (encrypted)"
            event.operation = .data
            event.direction = context.fromClient ? .request : .response
            events.emit(event, context: context)
        case 0xFC: break  // compression transform (MS-SMB2 §2.2.42): not decoded
        default: events.recordAnomaly(SMBAnomaly.unknownProtocol)
        }
    }

    // MARK: SMB2

    /// SMB2 header (MS-SMB2 §2.2.1): 64 octets, little-endian; then the command body. Compounded
    /// commands follow at NextCommand (§3.2.4.1.4).
    private func decodeSMB2(_ message: ByteView, context: PacketContext, events: EventBatch) {
        var start = 0
        var commands = 0
        while true {
            let packet = message.dropFirst(start)
            guard packet.count >= 64 else {
                events.recordAnomaly(SMBAnomaly.truncated)
                return
            }
            commands += 1
            guard commands <= Self.maximumCompounded else {
                events.recordAnomaly(SMBAnomaly.tooManyCompounded)
                return
            }
            let next = Int(packet.getUInt32(at: 20, bigEndian: false) ?? 0)
            let length = next == 0 ? packet.count : min(next, packet.count)
            decodeSMB2Command(packet.prefix(length), context: context, events: events)
            guard next != 0 else { return }
            guard next >= 64, next % 8 == 0, next < packet.count else {
                events.recordAnomaly(next >= packet.count ? SMBAnomaly.truncated : SMBAnomaly.badNextCommand)
                return
            }
            start += next
        }
    }

    private func decodeSMB2Command(_ packet: ByteView, context: PacketContext, events: EventBatch) {
        let status = packet.getUInt32(at: 8, bigEndian: false) ?? 0
        let command = packet.getUInt16(at: 12, bigEndian: false) ?? 0
        let flags = packet.getUInt32(at: 16, bigEndian: false) ?? 0
        let messageID = packet.getUInt64(at: 24, bigEndian: false) ?? 0
        let isResponse = flags & 0x1 != 0  // SMB2_FLAGS_SERVER_TO_REDIR
        let body = packet.dropFirst(64)

        var event = ProtocolEvent()
        event.protocolID = .smb
        event.function = Int64(command)
        event.functionName = SMBNames.smb2Command(command)
        event.operation = SMBNames.smb2Operation(command)
        event.direction = isResponse ? .response : .request
        if isResponse { event.result = SMBNames.result(status) }
        // An interim response (STATUS_PENDING) is not the answer: keep the request's name.
        let isFinal = isResponse && status != 0x0000_0103
        let start = events.nextFactIndex

        switch command {
        case 0x00 where !isResponse:  // NEGOTIATE request (§2.2.3): DialectCount at 2, Dialects at 36
            if events.isCollecting, let count = body.getUInt16(at: 2, bigEndian: false) {
                scratch.reset()
                for index in 0..<min(Int(count), 16) {
                    guard let dialect = body.getUInt16(at: 36 + 2 * index, bigEndian: false) else { break }
                    if index > 0 { scratch.append(",") }
                    scratch.append(SMBNames.dialect(dialect))
                }
                if !scratch.isEmpty { setTarget(scratch.reference(in: events), &event) }
            }
        case 0x00 where isResponse:  // NEGOTIATE response (§2.2.4): DialectRevision at 4
            // An error response carries the ERROR structure (§2.2.2) instead.
            if status == 0, let revision = body.getUInt16(at: 4, bigEndian: false), events.isCollecting {
                scratch.reset()
                scratch.append("smb_dialect=")
                scratch.append(SMBNames.dialect(revision))
                events.addFact(.other, scratch.reference(in: events))
                scratch.reset()
                scratch.append(SMBNames.dialect(revision))
                setTarget(scratch.reference(in: events), &event)
            }
        case 0x01:  // SESSION_SETUP (§2.2.5, §2.2.6)
            let offsetPosition = isResponse ? 4 : 12
            if let offset = body.getUInt16(at: offsetPosition, bigEndian: false),
                let length = body.getUInt16(at: offsetPosition + 2, bigEndian: false), length > 0
            {
                // The offset counts from the start of the SMB2 header.
                if let buffer = packet.slice(from: Int(offset), count: min(Int(length), Self.maximumSecurityBuffer)) {
                    describeSecurityBuffer(buffer, into: &event, events: events)
                } else {
                    event.anomaly = Anomaly(SMBAnomaly.truncated)
                }
            }
        case 0x03:  // TREE_CONNECT request (§2.2.9): PathOffset 4, PathLength 6; UTF-16LE
            if isResponse {
                recall(messageID, keep: !isFinal, into: &event, events: events)
            } else if let name = utf16Field(packet, offsetAt: 64 + 4, lengthAt: 64 + 6, events: events, &event) {
                setTarget(name, &event)
                remember(messageID, writes: false, events: events)
            }
        case 0x05:  // CREATE (§2.2.13): NameOffset 44, NameLength 46
            if isResponse {
                recall(messageID, keep: !isFinal, into: &event, events: events)
            } else {
                let access = body.getUInt32(at: 24, bigEndian: false) ?? 0
                let disposition = body.getUInt32(at: 36, bigEndian: false) ?? 1
                event.operation = Self.createWrites(access: access, disposition: disposition) ? .write : .read
                let name = utf16Field(packet, offsetAt: 64 + 44, lengthAt: 64 + 46, events: events, &event)
                if let name { setTarget(name, &event) } else { scratch.reset() }
                remember(messageID, writes: event.operation == .write, events: events)
            }
        default:
            break
        }
        event.identityStart = start
        event.identityCount = events.nextFactIndex - start
        events.emit(event, context: context)
    }

    /// Whether a CREATE can change the file (MS-SMB2 §2.2.13, MS-SMB2 §2.2.13.1.1): a disposition
    /// that supersedes, creates or overwrites, or access that writes data, attributes or security.
    static func createWrites(access: UInt32, disposition: UInt32) -> Bool {
        // FILE_SUPERSEDE 0, FILE_CREATE 2, FILE_OVERWRITE 4, FILE_OVERWRITE_IF 5
        switch disposition {
        case 0, 2, 4, 5: return true
        default: break
        }
        // FILE_WRITE_DATA, FILE_APPEND_DATA, FILE_WRITE_EA, FILE_WRITE_ATTRIBUTES, DELETE,
        // WRITE_DAC, WRITE_OWNER, GENERIC_ALL, GENERIC_WRITE
        let writing: UInt32 = 0x2 | 0x4 | 0x10 | 0x100 | 0x1_0000 | 0x4_0000 | 0x8_0000 | 0x1000_0000 | 0x4000_0000
        return access & writing != 0
    }

    private func setTarget(_ name: TextRef, _ event: inout ProtocolEvent) {
        event.target = EventTarget(kind: .text)
        event.target.text = name
    }

    /// Keeps the name just formatted in `scratch` for the response to `messageID`.
    private func remember(_ messageID: UInt64, writes: Bool, events: EventBatch) {
        if !pendingNames.store(messageID, scratch.bytes, writes: writes) {
            events.recordAnomaly(SMBAnomaly.tooManyPending)
        }
    }

    /// The request's name as the response's target; `keep` for interim (pending) responses.
    private func recall(_ messageID: UInt64, keep: Bool, into event: inout ProtocolEvent, events: EventBatch) {
        guard let slot = pendingNames.find(messageID) else { return }
        if event.operation == .other { event.operation = pendingNames.writes[slot] ? .write : .read }
        let name = pendingNames.names[slot].withUnsafeBytes { events.text(ByteView($0)) }
        if !name.isEmpty { setTarget(name, &event) }
        if !keep { pendingNames.release(slot) }
    }

    /// A UTF-16LE string addressed by 16-bit offset (from the header) and length fields.
    private func utf16Field(
        _ packet: ByteView, offsetAt offsetPosition: Int, lengthAt lengthPosition: Int, events: EventBatch,
        _ event: inout ProtocolEvent
    ) -> TextRef? {
        guard let offset = packet.getUInt16(at: offsetPosition, bigEndian: false),
            let length = packet.getUInt16(at: lengthPosition, bigEndian: false)
        else {
            event.anomaly = Anomaly(SMBAnomaly.truncated)
            return nil
        }
        guard length > 0 else { return nil }
        guard let text = packet.slice(from: Int(offset), count: Int(length)) else {
            event.anomaly = Anomaly(SMBAnomaly.truncated)
            return nil
        }
        guard events.isCollecting else { return nil }
        scratch.reset()
        scratch.append(utf16LE: text)
        return scratch.reference(in: events)
    }

    /// NTLMSSP inside a session setup's security buffer (SPNEGO or raw).
    private func describeSecurityBuffer(_ buffer: ByteView, into event: inout ProtocolEvent, events: EventBatch) {
        guard let message = NTLMSSP.find(in: buffer) else { return }
        var target = TextRef.none
        if NTLMSSP.describe(message, events: events, scratch: &scratch, target: &target) == nil {
            event.anomaly = Anomaly(SMBAnomaly.malformedNTLMSSP)
        }
        if !target.isEmpty { setTarget(target, &event) }
    }

    // MARK: SMB1

    /// SMB1 header (MS-CIFS §2.2.3.1): 32 octets, then WordCount, words, ByteCount, bytes. Only the
    /// first command of an AndX chain is reported.
    private func decodeSMB1(_ message: ByteView, context: PacketContext, events: EventBatch) {
        guard message.count >= 35 else {
            events.recordAnomaly(SMBAnomaly.truncated)
            return
        }
        let command = message[4]
        let status = message.getUInt32(at: 5, bigEndian: false) ?? 0
        let isResponse = message[9] & 0x80 != 0  // SMB_FLAGS_REPLY
        let unicode = (message.getUInt16(at: 10, bigEndian: false) ?? 0) & 0x8000 != 0
        var event = ProtocolEvent()
        event.protocolID = .smb
        event.function = Int64(command)
        event.functionName = SMBNames.smb1Command(command)
        event.operation = SMBNames.smb1Operation(command)
        event.direction = isResponse ? .response : .request
        if isResponse { event.result = SMBNames.result(status) }
        let start = events.nextFactIndex

        let wordCount = Int(message[32])
        let wordsStart = 33
        let byteCountAt = wordsStart + 2 * wordCount
        if let byteCount = message.getUInt16(at: byteCountAt, bigEndian: false) {
            let bytesStart = byteCountAt + 2
            let data = message.slice(from: bytesStart, count: min(Int(byteCount), message.count - bytesStart)) ?? .empty
            let words = message.slice(from: wordsStart, count: 2 * wordCount) ?? .empty
            describeSMB1(
                command, isResponse: isResponse, unicode: unicode, words: words, data: data, dataStart: bytesStart,
                into: &event, events: events)
        } else {
            event.anomaly = Anomaly(SMBAnomaly.truncated)
        }
        event.identityStart = start
        event.identityCount = events.nextFactIndex - start
        events.emit(event, context: context)
    }

    private func describeSMB1(
        _ command: UInt8, isResponse: Bool, unicode: Bool, words: ByteView, data: ByteView, dataStart: Int,
        into event: inout ProtocolEvent, events: EventBatch
    ) {
        switch command {
        case 0x72 where !isResponse:
            // SMB_COM_NEGOTIATE request (MS-CIFS §2.2.4.52.1): 0x02 + OEM dialect string + NUL, repeated.
            guard events.isCollecting else { return }
            scratch.reset()
            var reader = ByteReader(data)
            while reader.readUInt8() == 0x02 {
                let rest = reader.rest
                let end = rest.firstIndex(of: 0) ?? rest.count
                if !scratch.isEmpty { scratch.append(",") }
                scratch.append(text: rest.prefix(end))
                guard reader.skip(min(end + 1, rest.count)) else { break }
            }
            setTarget(scratch.reference(in: events), &event)
        case 0x73:
            describeSessionSetupAndX(
                isResponse: isResponse, unicode: unicode, words: words, data: data, dataStart: dataStart,
                into: &event, events: events)
        case 0xA2 where !isResponse:
            // SMB_COM_NT_CREATE_ANDX request (MS-CIFS §2.2.4.64.1): DesiredAccess at word octet 15,
            // CreateDisposition at 35; the file name in the data.
            let access = words.getUInt32(at: 15, bigEndian: false) ?? 0
            let disposition = words.getUInt32(at: 35, bigEndian: false) ?? 1
            event.operation = Self.createWrites(access: access, disposition: disposition) ? .write : .read
            var reader = ByteReader(data)
            if let name = readString(&reader, unicode: unicode, dataStart: dataStart, events: events) {
                setTarget(name, &event)
            }
        case 0x72 where isResponse && words.count == 34:
            // NT LM 0.12 NEGOTIATE response (MS-CIFS §2.2.4.52.2) without extended security: the
            // challenge, then the server's DomainName and ServerName (MS-SMB §2.2.4.5.2.2).
            let capabilities = words.getUInt32(at: 19, bigEndian: false) ?? 0
            guard capabilities & 0x8000_0000 == 0, let challengeLength = words.getUInt8(at: 33) else { return }
            var reader = ByteReader(data)
            guard reader.skip(Int(challengeLength)) else { return }
            if let domain = readString(&reader, unicode: unicode, dataStart: dataStart, events: events) {
                events.addFact(.domain, domain)
            }
            if let server = readString(&reader, unicode: unicode, dataStart: dataStart, events: events) {
                events.addFact(.name, server)
            }
        case 0x75 where !isResponse:
            // SMB_COM_TREE_CONNECT_ANDX request (§2.2.4.55.1): PasswordLength at word offset 6.
            guard let passwordLength = words.getUInt16(at: 6, bigEndian: false) else { return }
            var reader = ByteReader(data)
            guard reader.skip(Int(passwordLength)) else { return }
            let path = readString(&reader, unicode: unicode, dataStart: dataStart, events: events)
            if let path { setTarget(path, &event) }
        default:
            break
        }
    }

    /// SMB_COM_SESSION_SETUP_ANDX (MS-CIFS §2.2.4.53, MS-SMB §2.2.4.6): NTLMSSP in the security blob
    /// (extended security), the account and domain (NT LM 0.12 without it), and both sides'
    /// NativeOS / NativeLanMan strings.
    private func describeSessionSetupAndX(
        isResponse: Bool, unicode: Bool, words: ByteView, data: ByteView, dataStart: Int,
        into event: inout ProtocolEvent, events: EventBatch
    ) {
        var reader = ByteReader(data)
        let wordCount = words.count / 2
        switch (isResponse, wordCount) {
        case (false, 12), (true, 4):  // extended security: SecurityBlobLength at word 7 / word 3
            let blobLength = words.getUInt16(at: isResponse ? 6 : 14, bigEndian: false) ?? 0
            guard let blob = reader.readView(count: Int(blobLength)) else { return }
            describeSecurityBuffer(blob.prefix(Self.maximumSecurityBuffer), into: &event, events: events)
        case (false, 13):  // OEMPasswordLen at word 7, UnicodePasswordLen at word 8
            let oem = Int(words.getUInt16(at: 14, bigEndian: false) ?? 0)
            let unicodeLength = Int(words.getUInt16(at: 16, bigEndian: false) ?? 0)
            guard reader.skip(oem + unicodeLength) else { return }
            let account = readString(&reader, unicode: unicode, dataStart: dataStart, events: events)
            let domain = readString(&reader, unicode: unicode, dataStart: dataStart, events: events)
            if let account { events.addFact(.account, account) }
            if let domain { events.addFact(.domain, domain) }
        case (true, 3):
            break
        default:
            return
        }
        if let nativeOS = readString(&reader, unicode: unicode, dataStart: dataStart, events: events) {
            events.addFact(.operatingSystem, nativeOS)
        }
        if let nativeLanMan = readString(&reader, unicode: unicode, dataStart: dataStart, events: events) {
            events.addFact(.software, nativeLanMan)
        }
    }

    /// A NUL-terminated SMB_STRING (MS-CIFS §2.2.1.1): Unicode ones are 2-aligned from the header.
    private func readString(_ reader: inout ByteReader, unicode: Bool, dataStart: Int, events: EventBatch) -> TextRef? {
        let text: ByteView
        if unicode {
            if (dataStart + reader.offset) % 2 == 1 { _ = reader.skip(1) }
            let rest = reader.rest
            var end = 0
            while end + 1 < rest.count, rest[end] != 0 || rest[end + 1] != 0 { end += 2 }
            text = rest.prefix(end)
            _ = reader.skip(min(end + 2, rest.count))
        } else {
            let rest = reader.rest
            let end = rest.firstIndex(of: 0) ?? rest.count
            text = rest.prefix(end)
            _ = reader.skip(min(end + 1, rest.count))
        }
        guard !text.isEmpty, events.isCollecting else { return nil }
        scratch.reset()
        if unicode { scratch.append(utf16LE: text) } else { scratch.append(text: text) }
        return scratch.reference(in: events)
    }
}

/// Names of outstanding requests in reusable slots (no allocation once warm), found by MessageId.
struct PendingNames {
    private(set) var ids: [UInt64]
    private(set) var used: [Bool]
    private(set) var names: [[UInt8]]
    /// Whether the request may write (CREATE), for the response's operation.
    private(set) var writes: [Bool]

    init(slots: Int) {
        ids = [UInt64](repeating: 0, count: slots)
        used = [Bool](repeating: false, count: slots)
        names = [[UInt8]](repeating: [], count: slots)
        writes = [Bool](repeating: false, count: slots)
    }

    /// False when every slot is taken.
    mutating func store(_ id: UInt64, _ name: [UInt8], writes: Bool) -> Bool {
        let slot = find(id) ?? used.firstIndex(of: false)
        guard let slot else { return false }
        ids[slot] = id
        used[slot] = true
        self.writes[slot] = writes
        names[slot].removeAll(keepingCapacity: true)
        names[slot].append(contentsOf: name)
        return true
    }

    func find(_ id: UInt64) -> Int? {
        for slot in 0..<ids.count where used[slot] && ids[slot] == id { return slot }
        return nil
    }

    mutating func release(_ slot: Int) { used[slot] = false }
}
