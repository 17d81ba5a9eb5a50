import BinaryParsing
import EventModel
import Testing

@testable import SMB

/// Hand-made SMB2 session (MS-SMB2 §2.2) with NTLM (MS-NLMP §2.2.1), annotated per field.
enum Samples {
    /// NEGOTIATE response (§2.2.4): StructureSize 65, SecurityMode, DialectRevision 0x0311.
    static var negotiateResponse: [UInt8] {
        smb2Header(command: 0, response: true, messageID: 0)
            + le16(65)  // StructureSize
            + le16(1)  // SecurityMode: signing enabled
            + le16(0x0311)  // DialectRevision: SMB 3.1.1
            + le16(0)  // NegotiateContextCount
            + [UInt8](repeating: 0, count: 16)  // ServerGuid
            + [UInt8](repeating: 0, count: 40)  // Capabilities … SecurityBuffer/NegotiateContext fields
    }

    /// CHALLENGE (MS-NLMP §2.2.1.2), sent by the server.
    static var challenge: [UInt8] {
        let targetName = utf16("CONTOSO")
        var info: [UInt8] = []
        for (id, value) in [(2, "CONTOSO"), (1, "PLC-HMI01"), (4, "contoso.local"), (3, "plc-hmi01.contoso.local")] {
            let text = utf16(value)
            info += le16(id) + le16(text.count) + text  // AvId, AvLen, value
        }
        info += le16(0) + le16(0)  // MsvAvEOL
        return Array("NTLMSSP\0".utf8)  // Signature
            + le32(2)  // MessageType: CHALLENGE
            + le16(targetName.count) + le16(targetName.count) + le32(56)  // TargetNameFields
            + le32(0x0280_0001)  // NegotiateFlags: UNICODE, TARGET_INFO, VERSION
            + [UInt8](repeating: 0x11, count: 8)  // ServerChallenge
            + [UInt8](repeating: 0, count: 8)  // Reserved
            + le16(info.count) + le16(info.count) + le32(UInt32(56 + targetName.count))  // TargetInfoFields
            + [10, 0] + le16(19041) + [0, 0, 0, 15]  // Version: 10.0 build 19041, NTLMSSP_REVISION_W2K3
            + targetName + info
    }

    /// AUTHENTICATE (MS-NLMP §2.2.1.3), sent by the client.
    static var authenticate: [UInt8] {
        let domain = utf16("CONTOSO")
        let user = utf16("Administrator")
        let workstation = utf16("ENG-WS7")
        let payload = 88
        return Array("NTLMSSP\0".utf8)  // Signature
            + le32(3)  // MessageType: AUTHENTICATE
            + le16(0) + le16(0) + le32(UInt32(payload))  // LmChallengeResponseFields
            + le16(0) + le16(0) + le32(UInt32(payload))  // NtChallengeResponseFields
            + le16(domain.count) + le16(domain.count) + le32(UInt32(payload))  // DomainNameFields
            + le16(user.count) + le16(user.count) + le32(UInt32(payload + domain.count))  // UserNameFields
            + le16(workstation.count) + le16(workstation.count)
            + le32(UInt32(payload + domain.count + user.count))  // WorkstationFields
            + le16(0) + le16(0) + le32(0)  // EncryptedRandomSessionKeyFields
            + le32(0x0200_0001)  // NegotiateFlags: UNICODE, VERSION
            + [10, 0] + le16(19045) + [0, 0, 0, 15]  // Version
            + [UInt8](repeating: 0, count: 16)  // MIC
            + domain + user + workstation
    }

    /// A few octets standing for the SPNEGO wrapping (negTokenResp): the decoder searches the
    /// signature inside the buffer.
    static let spnegoPrefix: [UInt8] = [0xA1, 0x81, 0xCE, 0x30, 0x81, 0xCB, 0xA0, 0x03, 0x0A, 0x01, 0x01, 0xA2, 0x04]

    /// SESSION_SETUP request (§2.2.5) carrying AUTHENTICATE.
    static var sessionSetupRequest: [UInt8] {
        let buffer = spnegoPrefix + authenticate
        return smb2Header(command: 1, messageID: 2)
            + le16(25)  // StructureSize
            + [0x00, 0x01]  // Flags, SecurityMode
            + le32(0) + le32(0)  // Capabilities, Channel
            + le16(64 + 24) + le16(buffer.count)  // SecurityBufferOffset, SecurityBufferLength
            + le64(0)  // PreviousSessionId
            + buffer
    }

    /// SESSION_SETUP response (§2.2.6) with STATUS_MORE_PROCESSING_REQUIRED, carrying CHALLENGE.
    static var sessionSetupResponse: [UInt8] {
        let buffer = spnegoPrefix + challenge
        return smb2Header(command: 1, response: true, status: 0xC000_0016, messageID: 1)
            + le16(9) + le16(0)  // StructureSize, SessionFlags
            + le16(64 + 8) + le16(buffer.count)  // SecurityBufferOffset, SecurityBufferLength
            + buffer
    }

    /// TREE_CONNECT request (§2.2.9) for the admin share.
    static var treeConnect: [UInt8] {
        let path = utf16("\\\\PLC-HMI01\\ADMIN$")
        return smb2Header(command: 3, messageID: 3)
            + le16(9) + le16(0)  // StructureSize, Flags
            + le16(64 + 8) + le16(path.count)  // PathOffset, PathLength
            + path
    }

    /// TREE_CONNECT response (§2.2.10).
    static var treeConnectResponse: [UInt8] {
        smb2Header(command: 3, response: true, messageID: 3)
            + le16(16) + [0x01, 0x00]  // StructureSize, ShareType disk, Reserved
            + le32(0) + le32(0) + le32(0x001F_01FF)  // ShareFlags, Capabilities, MaximalAccess
    }

    /// CREATE request (§2.2.13) for `name`, compounded with a CLOSE when `withClose`.
    static func create(_ name: String, access: UInt32, disposition: UInt32, messageID: UInt64) -> [UInt8] {
        let nameBytes = utf16(name)
        var body = le16(57) + [0x00, 0x00]  // StructureSize, SecurityFlags, RequestedOplockLevel
        body += le32(2) + le64(0) + le64(0)  // ImpersonationLevel, SmbCreateFlags, Reserved
        body += le32(access) + le32(0x80) + le32(0x07)  // DesiredAccess, FileAttributes, ShareAccess
        body += le32(disposition) + le32(0x40)  // CreateDisposition, CreateOptions (non-directory)
        body += le16(64 + 56) + le16(nameBytes.count)  // NameOffset, NameLength
        body += le32(0) + le32(0)  // CreateContextsOffset, CreateContextsLength
        return smb2Header(command: 5, messageID: messageID) + body + nameBytes
    }

    static func createResponse(messageID: UInt64, status: UInt32 = 0) -> [UInt8] {
        smb2Header(command: 5, response: true, status: status, messageID: messageID)
            + le16(89) + [UInt8](repeating: 0, count: 87)
    }

    /// CLOSE request (§2.2.15).
    static func close(messageID: UInt64) -> [UInt8] {
        smb2Header(command: 6, messageID: messageID) + le16(24) + le16(0) + le32(0)
            + [UInt8](repeating: 0xFF, count: 16)
    }

    /// A CREATE (padded to 8 octets) and a CLOSE in one message (§3.2.4.1.4).
    static var compoundedCreateClose: [UInt8] {
        var first = create("evil.exe", access: 0x0012_0089, disposition: 1, messageID: 5)
        while first.count % 8 != 0 { first.append(0) }
        first.replaceSubrange(20..<24, with: le32(UInt32(first.count)))  // NextCommand
        return first + close(messageID: 6)
    }

    static var conversation: [(fromClient: Bool, bytes: [UInt8])] {
        [
            (false, directTCP(negotiateResponse)),
            (false, directTCP(sessionSetupResponse)),
            (true, directTCP(sessionSetupRequest)),
            (true, directTCP(treeConnect)),
            (false, directTCP(treeConnectResponse)),
            (true, directTCP(create("Windows\\Temp\\svc.exe", access: 0x0013_019F, disposition: 5, messageID: 4))),
            (false, directTCP(createResponse(messageID: 4))),
            (true, directTCP(compoundedCreateClose)),
        ]
    }
}

@Suite struct SMBDecoderTests {
    @Test func sessionTreeAndFiles() throws {
        let (events, anomalies) = converse(Samples.conversation)
        #expect(anomalies.isEmpty)
        #expect(events.map(\.function) == [0, 1, 1, 3, 3, 5, 5, 5, 6])
        #expect(
            events.map(\.direction) == [
                "response", "response", "request", "request", "response", "request", "response", "request", "request",
            ])
        let negotiate = events[0]
        #expect(negotiate.name == "NEGOTIATE" && negotiate.target == "3.1.1")
        #expect(negotiate.facts == ["other=smb_dialect=3.1.1"])

        let challenge = events[1]
        #expect(challenge.result == "ok")  // STATUS_MORE_PROCESSING_REQUIRED is a normal step
        #expect(
            challenge.facts == [
                "domain=CONTOSO", "name=PLC-HMI01", "domain=contoso.local", "name=plc-hmi01.contoso.local",
                "os=Windows 10.0 build 19041",
            ])
        let authenticate = events[2]
        #expect(authenticate.target == "CONTOSO\\Administrator")
        #expect(
            authenticate.facts == [
                "account=Administrator", "domain=CONTOSO", "name=ENG-WS7", "os=Windows 10.0 build 19045",
            ])
        #expect(events[3].target == "\\\\PLC-HMI01\\ADMIN$" && events[3].operation == "session")
        #expect(events[4].target == "\\\\PLC-HMI01\\ADMIN$" && events[4].result == "ok")
        #expect(events[5].target == "Windows\\Temp\\svc.exe" && events[5].operation == "write")
        #expect(
            events[6].target == "Windows\\Temp\\svc.exe" && events[6].result == "ok" && events[6].operation == "write")
        #expect(events[7].target == "evil.exe" && events[7].operation == "read")
        #expect(events[8].name == "CLOSE")
    }

    @Test func negotiateRequestListsDialects() {
        let request =
            smb2Header(command: 0, messageID: 0)
            + le16(36) + le16(3)  // StructureSize, DialectCount
            + le16(1) + le16(0) + le32(0x7F)  // SecurityMode, Reserved, Capabilities
            + [UInt8](repeating: 0xAB, count: 16) + le64(0)  // ClientGuid, ClientStartTime
            + le16(0x0202) + le16(0x0300) + le16(0x0311)  // Dialects
        #expect(converse([(true, directTCP(request))]).events.first?.target == "2.0.2,3.0,3.1.1")
    }

    /// A 1 MiB READ response in 1460-octet segments: one event, and only its header is buffered.
    @Test func largeReadIsNotBuffered() {
        let response =
            smb2Header(command: 8, response: true, messageID: 7) + le16(17) + [0x50, 0x00]
            + le32(1 << 20) + le32(0) + le32(0) + [UInt8](repeating: 0x5A, count: 1 << 20)
        let stream = directTCP(response)
        var segments: [(fromClient: Bool, bytes: [UInt8])] = []
        var offset = 0
        while offset < stream.count {
            segments.append((false, Array(stream[offset..<min(offset + 1460, stream.count)])))
            offset += 1460
        }
        let (events, anomalies) = converse(segments)
        #expect(anomalies.isEmpty)
        #expect(events.map(\.name) == ["READ"])
        #expect(events.first?.result == "ok" && events.first?.operation == "read")
        #expect(ByteView.with(Array(response.prefix(64))) { SMBStreamDecoder.decodedLength($0) } == 256)
    }

    @Test func errorStatusesAreNamed() throws {
        let (events, _) = converse([
            (true, directTCP(Samples.create("secret.txt", access: 0x0012_0089, disposition: 1, messageID: 9))),
            (false, directTCP(Samples.createResponse(messageID: 9, status: 0xC000_0022))),
        ])
        #expect(events.last?.result == "STATUS_ACCESS_DENIED")
        #expect(events.last?.target == "secret.txt")
        // SESSION_SETUP answered with an ERROR response (§2.2.2): a failed logon, no identity.
        let failure =
            smb2Header(command: 1, response: true, status: 0xC000_006D, messageID: 2)
            + le16(9) + [0x00, 0x00] + le32(0) + [0x00]  // StructureSize, ErrorContextCount, Reserved, ByteCount
        let logon = converse([(false, directTCP(failure))]).events
        #expect(logon.first?.result == "STATUS_LOGON_FAILURE" && logon.first?.facts == [])
        let negotiateFailure =
            smb2Header(command: 0, response: true, status: 0xC000_0022, messageID: 0)
            + le16(9) + [0x00, 0x00] + le32(0) + [0x00]
        #expect(converse([(false, directTCP(negotiateFailure))]).events.first?.target == "")
    }

    @Test func createDispositionAndAccessDecideWrite() {
        #expect(SMBStreamDecoder.createWrites(access: 0x0012_0089, disposition: 1) == false)  // read, FILE_OPEN
        #expect(SMBStreamDecoder.createWrites(access: 0x0012_0089, disposition: 2) == true)  // FILE_CREATE
        #expect(SMBStreamDecoder.createWrites(access: 0x0012_0116, disposition: 1) == true)  // FILE_WRITE_DATA
        #expect(SMBStreamDecoder.createWrites(access: 0x0001_0080, disposition: 1) == true)  // DELETE
    }

    @Test func everySplitGivesTheSameEvents() {
        func strip(_ events: [DecodedEvent]) -> [String] {
            events.map { event in
                var copy = event
                copy.frame = 0
                return copy.description
            }
        }
        let clientStream = Samples.conversation.filter(\.fromClient).flatMap(\.bytes)
        let serverStream = Samples.conversation.filter { !$0.fromClient }.flatMap(\.bytes)
        let reference = strip(converse([(true, clientStream), (false, serverStream)]).events)
        #expect(reference.count == 9)
        for offset in 1..<clientStream.count {
            let split = converse([
                (true, Array(clientStream[..<offset])), (true, Array(clientStream[offset...])), (false, serverStream),
            ])
            #expect(strip(split.events) == reference, "client split at \(offset)")
            #expect(split.anomalies.isEmpty)
        }
        for offset in 1..<serverStream.count {
            let split = converse([
                (true, clientStream), (false, Array(serverStream[..<offset])), (false, Array(serverStream[offset...])),
            ])
            #expect(strip(split.events) == reference, "server split at \(offset)")
        }
        let drip = converse(clientStream.map { (true, [$0]) } + serverStream.map { (false, [$0]) })
        #expect(strip(drip.events) == reference)
    }

    /// First-level encoding (RFC 1001 §14.1): the name padded to 15 octets, the suffix, each octet
    /// as two letters 'A' + nibble; length 32 in front, the empty scope behind.
    static func encodedName(_ name: String, suffix: UInt8 = 0x20) -> [UInt8] {
        let padded = Array(name.utf8) + [UInt8](repeating: 0x20, count: 15 - name.utf8.count) + [suffix]
        var encoded: [UInt8] = [0x20]
        for byte in padded {
            encoded.append(0x41 + (byte >> 4))
            encoded.append(0x41 + (byte & 0x0F))
        }
        encoded.append(0x00)
        return encoded
    }

    @Test func netBIOSSessionServiceFraming() throws {
        // SESSION REQUEST (RFC 1002 §4.3.2): called name (server, suffix 0x20), calling name (client).
        let names = Self.encodedName("PLC-HMI01") + Self.encodedName("ENG-WS7", suffix: 0x00)
        let request: [UInt8] = [0x81, 0x00] + [UInt8(names.count >> 8), UInt8(names.count & 0xFF)] + names
        let positive: [UInt8] = [0x82, 0x00, 0x00, 0x00]  // POSITIVE SESSION RESPONSE
        let keepAlive: [UInt8] = [0x85, 0x00, 0x00, 0x00]  // SESSION KEEP ALIVE: no event
        let (events, anomalies) = converse(
            [(true, request), (false, positive), (true, keepAlive + directTCP(Samples.treeConnect))], netBIOS: true)
        #expect(anomalies.isEmpty)
        #expect(events.map(\.function) == [0x81, 0x82, 3])
        let session = try #require(events.first)
        #expect(session.name == "Session Request" && session.target == "PLC-HMI01")
        #expect(session.facts == ["name=PLC-HMI01", "name=ENG-WS7"])
        #expect(events[1].result == "ok")
        // NEGATIVE SESSION RESPONSE, called name not present.
        let negative = converse([(false, [0x83, 0x00, 0x00, 0x01, 0x82])], netBIOS: true).events
        #expect(negative.first?.result == "Called name not present")
        // A direct-TCP connection does not accept NetBIOS packet types.
        #expect(converse([(true, request)]).anomalies["smb.bad_framing"] == 1)
    }

    @Test func resynchronisesAfterLostBytes() {
        let decoder = SMBStreamDecoder(netBIOS: false)
        let batch = EventBatch()
        var context = PacketContext()
        context.fromClient = true
        let message = directTCP(Samples.treeConnect)
        ByteView.with(Array(message.prefix(30))) { decoder.receive($0, context: context, events: batch) }
        decoder.gap(1000, context: context, events: batch)
        // The middle of some other message: dropped; then a segment that starts a frame.
        ByteView.with([UInt8](repeating: 0x42, count: 50)) { decoder.receive($0, context: context, events: batch) }
        #expect(ByteView.with(message) { decoder.startsMessage($0) })
        ByteView.with(message) { decoder.receive($0, context: context, events: batch) }
        #expect(batch.events.map(\.function) == [3])
        #expect(batch.anomalies.byName == ["smb.stream_gap": 1])
    }

    @Test func smb1NegotiateAndSessionSetup() throws {
        // SMB1 header (MS-CIFS §2.2.3.1), NEGOTIATE request (§2.2.4.52.1) with two dialects.
        func smb1Header(_ command: UInt8, reply: Bool, unicode: Bool) -> [UInt8] {
            [0xFF, 0x53, 0x4D, 0x42, command]  // Protocol, Command
                + le32(0)  // Status
                + [reply ? 0x98 : 0x18]  // Flags (0x80 reply)
                + le16(unicode ? 0xC807 : 0x4807)  // Flags2 (0x8000 unicode)
                + [UInt8](repeating: 0, count: 12)  // PIDHigh, SecurityFeatures, Reserved
                + le16(0) + le16(0xFEFF) + le16(0) + le16(1)  // TID, PIDLow, UID, MID
        }
        let dialects: [UInt8] = [0x02] + Array("NT LM 0.12\0".utf8) + [0x02] + Array("SMB 2.002\0".utf8)
        let negotiate = smb1Header(0x72, reply: false, unicode: false) + [0x00] + le16(dialects.count) + dialects
        // SESSION_SETUP_ANDX response (wc 3): AndX, Action; NativeOS, NativeLanMan, PrimaryDomain (OEM).
        let strings = Array("Windows 5.1\0Windows 2000 LAN Manager\0WORKGROUP\0".utf8)
        let setup =
            smb1Header(0x73, reply: true, unicode: false) + [0x03, 0xFF, 0x00] + le16(0) + le16(0)
            + le16(strings.count) + strings
        // NT_CREATE_ANDX request (§2.2.4.64.1), Unicode: 24 words, then a pad octet (the data starts
        // at an odd offset from the header) and the file name.
        var createWords: [UInt8] = [0xFF, 0x00] + le16(0) + [0x00]  // AndX command/reserved/offset, Reserved
        createWords += le16(22) + le32(0) + le32(0)  // NameLength, Flags, RootDirectoryFID
        createWords += le32(0x0002_019F)  // DesiredAccess: read/write data
        createWords += le64(0) + le32(0x80) + le32(0x03)  // AllocationSize, ExtFileAttributes, ShareAccess
        createWords += le32(1) + le32(0) + le32(2) + [0x00]  // FILE_OPEN, CreateOptions, Impersonation, SecurityFlags
        let createData: [UInt8] = [0x00] + utf16("\\config.xml") + [0x00, 0x00]
        let create =
            smb1Header(0xA2, reply: false, unicode: true) + [0x18] + createWords + le16(createData.count)
            + createData
        let (events, anomalies) = converse([
            (true, directTCP(negotiate)), (false, directTCP(setup)), (true, directTCP(create)),
        ])
        #expect(anomalies.isEmpty)
        #expect(events.map(\.name) == ["SMB_COM_NEGOTIATE", "SMB_COM_SESSION_SETUP_ANDX", "SMB_COM_NT_CREATE_ANDX"])
        #expect(events[0].target == "NT LM 0.12,SMB 2.002")
        #expect(events[1].facts == ["os=Windows 5.1", "software=Windows 2000 LAN Manager"])
        #expect(events[2].target == "\\config.xml" && events[2].operation == "write")
    }

    @Test func encryptedMessagesAreReportedOnce() {
        // Transform header (§2.2.41): ProtocolId 0xFD 'SMB', Signature, Nonce, sizes, SessionId.
        let transform =
            [0xFD, 0x53, 0x4D, 0x42] + [UInt8](repeating: 0, count: 48) + [UInt8](repeating: 0xEE, count: 64)
        let (events, anomalies) = converse([(true, directTCP(transform)), (true, directTCP(transform))])
        #expect(anomalies.isEmpty)
        #expect(events.map(\.name) == ["TRANSFORM (encrypted)"])
    }

    @Test func hostileInputNeverTraps() {
        #expect(converse([(true, directTCP(Array("GARBAGE!".utf8)))]).anomalies["smb.unknown_protocol"] == 1)
        var bad = Samples.compoundedCreateClose
        bad.replaceSubrange(20..<24, with: le32(13))  // NextCommand not 8-aligned
        #expect(converse([(true, directTCP(bad))]).anomalies["smb.bad_next_command"] == 1)
        var generator = SplitMix(state: 11)
        let stream = Samples.conversation.flatMap(\.bytes)
        for _ in 0..<3000 {
            var mutated = stream
            for _ in 0..<4 {
                mutated[Int.random(in: 0..<mutated.count, using: &generator)] = UInt8.random(
                    in: 0...255, using: &generator)
            }
            _ = converse([(true, mutated), (false, mutated)])
        }
    }
}

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
