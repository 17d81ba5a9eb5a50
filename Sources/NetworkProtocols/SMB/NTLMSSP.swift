import BinaryParsing
import EventModel

/// NTLM authentication messages (MS-NLMP §2.2.1) inside an SMB security buffer, usually wrapped in
/// SPNEGO (RFC 4178). Rather than walking the GSS-API DER, the decoder looks for the NTLMSSP
/// signature inside the (bounded) buffer: every field of the NTLM message is relative to it.
enum NTLMSSP {
    static let signature: [UInt8] = Array("NTLMSSP\0".utf8)
    static let negotiateUnicode: UInt32 = 0x0000_0001
    static let negotiateVersion: UInt32 = 0x0200_0000

    /// The NTLMSSP message inside `buffer`, from its signature to the end of the buffer.
    static func find(in buffer: ByteView) -> ByteView? {
        guard buffer.count >= signature.count else { return nil }
        var index = 0
        while let found = buffer.firstIndex(of: 0x4E, from: index), found + signature.count <= buffer.count {
            var matches = true
            for offset in 1..<signature.count where buffer[found + offset] != signature[offset] {
                matches = false
                break
            }
            if matches { return buffer.dropFirst(found) }
            index = found + 1
        }
        return nil
    }

    /// Adds what an NTLM message says about its sender: the server's names and OS (CHALLENGE), the
    /// client's user, domain, workstation and OS (AUTHENTICATE). Returns the message type (1, 2, 3),
    /// or nil when the message is malformed; `target` receives "DOMAIN\user" for AUTHENTICATE.
    static func describe(
        _ message: ByteView, events: EventBatch, scratch: inout TextScratch, target: inout TextRef
    ) -> UInt32? {
        guard let type = message.getUInt32(at: 8, bigEndian: false) else { return nil }
        switch type {
        case 1:
            // NEGOTIATE (§2.2.1.1): the client's Version at 32, after the domain and workstation fields.
            if let flags = message.getUInt32(at: 12, bigEndian: false), flags & negotiateVersion != 0 {
                addVersion(message, at: 32, events: events, scratch: &scratch)
            }
            return 1
        case 2:
            guard let flags = message.getUInt32(at: 20, bigEndian: false),
                let infoLength = message.getUInt16(at: 40, bigEndian: false),
                let infoOffset = message.getUInt32(at: 44, bigEndian: false),
                let info = message.slice(from: Int(infoOffset), count: Int(infoLength))
            else { return nil }
            guard describeTargetInfo(info, events: events, scratch: &scratch) else { return nil }
            // The Version sits at 48 when negotiated and the payload starts after it.
            if flags & negotiateVersion != 0, let nameOffset = message.getUInt32(at: 16, bigEndian: false),
                nameOffset >= 56, infoOffset >= 56
            {
                addVersion(message, at: 48, events: events, scratch: &scratch)
            }
            return 2
        case 3:
            guard let flags = message.getUInt32(at: 60, bigEndian: false),
                let domain = field(message, at: 28), let user = field(message, at: 36),
                let workstation = field(message, at: 44)
            else { return nil }
            let unicode = flags & negotiateUnicode != 0
            let domainText = text(domain, unicode: unicode, events: events, scratch: &scratch)
            let userText = text(user, unicode: unicode, events: events, scratch: &scratch)
            events.addFact(.account, userText)
            events.addFact(.domain, domainText)
            events.addFact(.name, text(workstation, unicode: unicode, events: events, scratch: &scratch))
            if events.isCollecting, !userText.isEmpty {
                scratch.reset()
                if unicode { scratch.append(utf16LE: domain) } else { scratch.append(text: domain) }
                if !domain.isEmpty { scratch.append("\\") }
                if unicode { scratch.append(utf16LE: user) } else { scratch.append(text: user) }
                target = scratch.reference(in: events)
            }
            // The Version follows the fixed fields when negotiated and the payload starts after it.
            if flags & negotiateVersion != 0, let firstPayload = message.getUInt32(at: 32, bigEndian: false),
                firstPayload >= 72
            {
                addVersion(message, at: 64, events: events, scratch: &scratch)
            }
            return 3
        default:
            return nil
        }
    }

    /// A security buffer field (MS-NLMP §2.2.1): length (2), maximum length (2), offset (4).
    private static func field(_ message: ByteView, at position: Int) -> ByteView? {
        guard let length = message.getUInt16(at: position, bigEndian: false),
            let offset = message.getUInt32(at: position + 4, bigEndian: false)
        else { return nil }
        if length == 0 { return .empty }
        return message.slice(from: Int(offset), count: Int(length))
    }

    private static func text(_ view: ByteView, unicode: Bool, events: EventBatch, scratch: inout TextScratch)
        -> TextRef
    {
        guard events.isCollecting, !view.isEmpty else { return .none }
        scratch.reset()
        if unicode { scratch.append(utf16LE: view) } else { scratch.append(text: view) }
        return scratch.reference(in: events)
    }

    /// AV_PAIR list (MS-NLMP §2.2.2.1): NetBIOS and DNS computer and domain names.
    private static func describeTargetInfo(_ info: ByteView, events: EventBatch, scratch: inout TextScratch) -> Bool {
        var reader = ByteReader(info)
        var pairs = 0
        while let id = reader.readUInt16(bigEndian: false), let length = reader.readUInt16(bigEndian: false) {
            guard id != 0 else { return true }  // MsvAvEOL
            guard let value = reader.readView(count: Int(length)) else { return false }
            pairs += 1
            guard pairs <= 32 else { return true }
            switch id {
            case 1, 3: events.addFact(.name, text(value, unicode: true, events: events, scratch: &scratch))
            case 2, 4: events.addFact(.domain, text(value, unicode: true, events: events, scratch: &scratch))
            default: break
            }
        }
        return reader.isAtEnd
    }

    /// VERSION (MS-NLMP §2.2.2.10): major, minor, build; as "Windows 10.0 build 19041".
    private static func addVersion(
        _ message: ByteView, at position: Int, events: EventBatch, scratch: inout TextScratch
    ) {
        guard events.isCollecting, let major = message.getUInt8(at: position),
            let minor = message.getUInt8(at: position + 1),
            let build = message.getUInt16(at: position + 2, bigEndian: false), major != 0
        else { return }
        scratch.reset()
        scratch.append("Windows ")
        scratch.append(decimal: UInt64(major))
        scratch.append(".")
        scratch.append(decimal: UInt64(minor))
        scratch.append(" build ")
        scratch.append(decimal: UInt64(build))
        events.addFact(.operatingSystem, scratch.reference(in: events))
    }
}
