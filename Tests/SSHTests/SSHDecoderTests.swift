import BinaryParsing
import EventModel
import Testing

@testable import SSH

/// RFC 4253 transport packets, built field by field.
enum Samples {
    static let clientBanner = Array("SSH-2.0-OpenSSH_for_Windows_7.7\r\n".utf8)
    /// A server may send other lines before its identification (§4.2).
    static let serverBanner = Array("Welcome to the PLC gateway\r\nSSH-2.0-OpenSSH_7.4 Debian-10+deb9u7\r\n".utf8)

    // Algorithm lists of ssh_hassh.pcap (frames 14 and 15), whose HASSH values Suricata's test expects.
    static let clientKex =
        "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha1,diffie-hellman-group14-sha256,diffie-hellman-group14-sha1,ext-info-c"
    static let clientEncryption =
        "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com"
    static let mac =
        "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1"
    static let serverKex =
        "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha1,diffie-hellman-group14-sha256,diffie-hellman-group14-sha1,diffie-hellman-group1-sha1"
    static let serverEncryption =
        "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-cbc,aes192-cbc,aes256-cbc,blowfish-cbc,cast128-cbc,3des-cbc"

    /// §6 binary packet: uint32 packet_length, byte padding_length, payload, padding (no MAC yet).
    static func packet(_ payload: [UInt8]) -> [UInt8] {
        var padding = 8 - (payload.count + 5) % 8
        if padding < 4 { padding += 8 }
        let length = UInt32(payload.count + padding + 1)
        return withUnsafeBytes(of: length.bigEndian, Array.init) + [UInt8(padding)] + payload
            + [UInt8](repeating: 0, count: padding)
    }

    /// §7.1 KEXINIT payload: code 20, 16-byte cookie, ten name-lists (uint32 length + ASCII),
    /// first_kex_packet_follows, reserved uint32.
    static func keyExchangeInit(_ lists: [String]) -> [UInt8] {
        var payload: [UInt8] = [20] + [UInt8](repeating: 0xA5, count: 16)
        for list in lists {
            payload += withUnsafeBytes(of: UInt32(list.utf8.count).bigEndian, Array.init) + Array(list.utf8)
        }
        payload += [0] + [0, 0, 0, 0]
        return packet(payload)
    }

    static let clientKeyExchangeInit = keyExchangeInit([
        clientKex, "ssh-ed25519", clientEncryption, clientEncryption, mac, mac, "none", "none", "", "",
    ])
    static let serverKeyExchangeInit = keyExchangeInit([
        serverKex, "ssh-rsa,ecdsa-sha2-nistp256", serverEncryption, serverEncryption, mac, mac,
        "none,zlib@openssh.com", "none,zlib@openssh.com", "", "",
    ])
    /// SSH_MSG_KEX_ECDH_INIT (30) with a 32-byte public key: skipped without an event.
    static let ecdhInit = packet([30, 0, 0, 0, 32] + [UInt8](repeating: 0x11, count: 32))
    static let newKeys = packet([21])
    /// Ciphertext after NEWKEYS: an impossible packet length if it were read as clear text.
    static let ciphertext: [UInt8] = [0xFF, 0xEE, 0xDD, 0xCC, 0x01, 20, 0x99, 0x98]
}

func converse(_ messages: [(fromClient: Bool, bytes: [UInt8])]) -> EventBatch {
    let decoder = SSHStreamDecoder()
    let batch = EventBatch()
    for (index, message) in messages.enumerated() {
        var context = PacketContext()
        context.frame = UInt64(index + 1)
        context.fromClient = message.fromClient
        ByteView.with(message.bytes) { decoder.receive($0, context: context, events: batch) }
    }
    return batch
}

func summary(_ batch: EventBatch) -> [String] {
    batch.events.map { event in
        var text = "\(event.direction.name) \(event.function) \(event.functionName)"
        for fact in batch.facts(of: event) { text += " \(fact.key.name)=\(batch.string(fact.value))" }
        if let anomaly = event.anomaly { text += " !\(anomaly.kind.name)" }
        return text
    }
}

@Suite struct SSHDecoderTests {
    static let handshake: [(fromClient: Bool, bytes: [UInt8])] = [
        (true, Samples.clientBanner), (false, Samples.serverBanner),
        (true, Samples.clientKeyExchangeInit), (false, Samples.serverKeyExchangeInit),
        (true, Samples.ecdhInit + Samples.newKeys + Samples.ciphertext), (false, Samples.newKeys + Samples.ciphertext),
    ]
    static let expected = [
        "request -1 SSH Banner software=OpenSSH_for_Windows_7.7",
        "response -1 SSH Banner software=OpenSSH_7.4 other=Debian-10+deb9u7",
        "request 20 Key Exchange Init hassh=2dd6531c7e89d3c925db9214711be76a",
        "response 20 Key Exchange Init hassh_server=6832f1ce43d4397c2c0a3e2f8c94334e",
        "request 21 New Keys", "response 21 New Keys",
    ]

    @Test func bannersAndHASSHOfBothSides() {
        let batch = converse(Self.handshake)
        #expect(summary(batch) == Self.expected)
        #expect(batch.string(batch.events[1].target.text) == "SSH-2.0-OpenSSH_7.4 Debian-10+deb9u7")
        #expect(batch.events.allSatisfy { $0.operation == .session })
        // Suricata's ssh.hassh.string / ssh.hassh.server.string content matches (test.rules sid 3, 4).
        #expect(batch.string(batch.events[2].target.text).contains(Samples.mac))
        #expect(batch.string(batch.events[3].target.text).hasSuffix(";none,zlib@openssh.com"))
        #expect(batch.anomalies.total == 0)  // the ciphertext after NEWKEYS is not read
    }

    @Test func splitAtEveryOffsetGivesTheSameEvents() {
        let client = Samples.clientBanner + Samples.clientKeyExchangeInit + Samples.ecdhInit + Samples.newKeys
        let server = Samples.serverBanner + Samples.serverKeyExchangeInit + Samples.newKeys
        for cut in 1..<client.count {
            let batch = converse([
                (true, Array(client[..<cut])), (true, Array(client[cut...])), (false, server),
            ])
            #expect(
                summary(batch) == [Self.expected[0], Self.expected[2], Self.expected[4]] + [
                    Self.expected[1], Self.expected[3], Self.expected[5],
                ], "client cut at \(cut)")
        }
        for cut in 1..<server.count {
            let batch = converse([(false, Array(server[..<cut])), (false, Array(server[cut...]))])
            #expect(summary(batch) == [Self.expected[1], Self.expected[3], Self.expected[5]], "server cut at \(cut)")
        }
    }

    @Test func malformedInputIsCountedNotTrapped() {
        // Impossible padding (2 < 4), an overlong banner, a truncated KEXINIT, SSH-1.
        let badPacket = converse([(true, Samples.clientBanner + [0, 0, 0, 12, 2, 20, 0, 0])])
        #expect(badPacket.anomalies.counts[SSHAnomaly.invalidPacketLength] == 1)
        let longBanner = converse([(true, Array(("SSH-2.0-" + String(repeating: "x", count: 300)).utf8))])
        #expect(longBanner.anomalies.counts[SSHAnomaly.bannerTooLong] == 1)
        let truncated = converse([(true, Samples.clientBanner + Samples.packet([20, 1, 2, 3] + [0, 0, 1, 0]))])
        #expect(truncated.events.last?.anomaly?.kind == SSHAnomaly.malformedKeyExchangeInit)
        let version1 = converse([(false, Array("SSH-1.5-Cisco-1.25\n".utf8) + [0, 0, 0, 0, 0, 0, 0, 0])])
        #expect(summary(version1) == ["response -1 SSH Banner software=Cisco-1.25"])
        #expect(version1.anomalies.counts[SSHAnomaly.protocolVersion1] == 1)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = converse([(true, Samples.clientBanner + bytes), (false, bytes)])
        }
    }

    @Test func gapBeforeNewKeysStopsTheDirection() {
        let decoder = SSHStreamDecoder()
        let batch = EventBatch()
        var context = PacketContext()
        ByteView.with(Samples.clientBanner) { decoder.receive($0, context: context, events: batch) }
        decoder.gap(100, context: context, events: batch)
        ByteView.with(Samples.clientKeyExchangeInit) { decoder.receive($0, context: context, events: batch) }
        context.fromClient = false
        ByteView.with(Samples.serverBanner) { decoder.receive($0, context: context, events: batch) }
        #expect(batch.events.map(\.functionName.description) == ["SSH Banner", "SSH Banner"])
        #expect(batch.anomalies.counts[SSHAnomaly.streamGap] == 1)
    }
}
