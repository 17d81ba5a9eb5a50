import BinaryParsing

/// A minimal, bounds-checked DER reader (X.690 §8.1, §10) for the few X.509 structures the inventory
/// needs. swift-asn1 / swift-certificates would do this properly, but `fuzz/run.sh` compiles every
/// module with plain swiftc and no package dependencies, so the decoder carries its own walker.
/// Only definite lengths of up to four octets and single-octet tags occur in certificates (DER);
/// anything else is rejected rather than guessed.
struct DERReader {
    private var reader: ByteReader

    init(_ view: ByteView) { reader = ByteReader(view) }

    var isAtEnd: Bool { reader.isAtEnd }

    /// The next element's tag octet and content; nil on a malformed or truncated element.
    mutating func readElement() -> (tag: UInt8, content: ByteView)? {
        guard let tag = reader.readUInt8(), tag & 0x1F != 0x1F, let first = reader.readUInt8() else { return nil }
        var length = 0
        if first < 0x80 {
            length = Int(first)
        } else {
            let octets = Int(first & 0x7F)
            guard (1...4).contains(octets) else { return nil }  // 0x80: indefinite, not DER
            for _ in 0..<octets {
                guard let byte = reader.readUInt8() else { return nil }
                length = length << 8 | Int(byte)
            }
        }
        guard let content = reader.readView(count: length) else { return nil }
        return (tag, content)
    }

    /// The next element if it has `tag`.
    mutating func read(_ tag: UInt8) -> ByteView? {
        guard let element = readElement(), element.tag == tag else { return nil }
        return element.content
    }

    /// The next element's content if its tag is `tag`, leaving the reader unmoved otherwise.
    mutating func readOptional(_ tag: UInt8) -> ByteView? {
        let saved = reader
        if let element = readElement(), element.tag == tag { return element.content }
        reader = saved
        return nil
    }
}

/// What the inventory keeps of a certificate (RFC 5280 §4.1): subject and issuer as RFC 4514
/// strings, the subject's common name and the subjectAltName DNS names.
struct X509Summary {
    var subject = ""
    var issuer = ""
    var commonName: String?
    var dnsNames: [String] = []

    static let sequence: UInt8 = 0x30
    static let set: UInt8 = 0x31
    static let maximumNameLength = 1024
    static let maximumDNSNames = 16
    static let maximumAttributes = 64

    /// Walks Certificate → tbsCertificate → issuer, validity, subject, extensions; nil on bad DER.
    static func parse(_ der: ByteView) -> X509Summary? {
        var outer = DERReader(der)
        guard let certificate = outer.read(sequence) else { return nil }
        var certificateReader = DERReader(certificate)
        guard let tbs = certificateReader.read(sequence) else { return nil }
        var fields = DERReader(tbs)
        _ = fields.readOptional(0xA0)  // [0] EXPLICIT version
        guard fields.read(0x02) != nil,  // serialNumber INTEGER
            fields.read(sequence) != nil,  // signature AlgorithmIdentifier
            let issuer = fields.read(sequence),
            fields.read(sequence) != nil,  // validity
            let subject = fields.read(sequence),
            fields.read(sequence) != nil  // subjectPublicKeyInfo
        else { return nil }
        var summary = X509Summary()
        var issuerCommonName: String?
        guard let issuerText = distinguishedName(issuer, commonName: &issuerCommonName),
            let subjectText = distinguishedName(subject, commonName: &summary.commonName)
        else { return nil }
        summary.issuer = issuerText
        summary.subject = subjectText
        _ = fields.readOptional(0x81)  // [1] issuerUniqueID
        _ = fields.readOptional(0x82)  // [2] subjectUniqueID
        if let extensionsWrapper = fields.readOptional(0xA3) {
            var wrapper = DERReader(extensionsWrapper)
            guard let extensions = wrapper.read(sequence) else { return nil }
            guard summary.readExtensions(extensions) else { return nil }
        }
        return summary
    }

    /// Name (RFC 5280 §4.1.2.4) as an RFC 4514 string: RDNs last to first, joined by ",";
    /// attributes of one RDN by "+".
    private static func distinguishedName(_ name: ByteView, commonName: inout String?) -> String? {
        var rdnReader = DERReader(name)
        var rdns: [String] = []
        var attributes = 0
        while !rdnReader.isAtEnd {
            guard let rdn = rdnReader.read(set) else { return nil }
            var attributeReader = DERReader(rdn)
            var parts: [String] = []
            while !attributeReader.isAtEnd {
                attributes += 1
                guard attributes <= maximumAttributes, let pair = attributeReader.read(sequence) else { return nil }
                var pairReader = DERReader(pair)
                guard let oid = pairReader.read(0x06), let value = pairReader.readElement() else { return nil }
                let type = attributeType(oid)
                let text = attributeValue(tag: value.tag, value.content)
                if type == "CN", commonName == nil, let text { commonName = text }
                parts.append(type + "=" + (text.map(escape) ?? "#" + hex(value.tag, value.content)))
            }
            rdns.append(parts.joined(separator: "+"))
        }
        let text = rdns.reversed().joined(separator: ",")
        return String(text.prefix(maximumNameLength))
    }

    /// Extensions (RFC 5280 §4.1.2.9): subjectAltName's dNSName entries (§4.2.1.6).
    private mutating func readExtensions(_ extensions: ByteView) -> Bool {
        var reader = DERReader(extensions)
        while !reader.isAtEnd {
            guard let extensionBytes = reader.read(Self.sequence) else { return false }
            var fields = DERReader(extensionBytes)
            guard let oid = fields.read(0x06) else { return false }
            _ = fields.readOptional(0x01)  // critical BOOLEAN DEFAULT FALSE
            guard let value = fields.read(0x04) else { return false }
            guard Self.matches(oid, [0x55, 0x1D, 0x11]) else { continue }  // 2.5.29.17
            var valueReader = DERReader(value)
            guard let names = valueReader.read(Self.sequence) else { return false }
            var nameReader = DERReader(names)
            while !nameReader.isAtEnd {
                guard let name = nameReader.readElement() else { return false }
                // dNSName [2] IMPLICIT IA5String
                if name.tag == 0x82, dnsNames.count < Self.maximumDNSNames {
                    dnsNames.append(String(decoding: name.content.prefix(255).array, as: UTF8.self))
                }
            }
        }
        return true
    }

    static func matches(_ view: ByteView, _ bytes: [UInt8]) -> Bool {
        ByteView.with(bytes) { view.elementsEqual($0) }
    }

    /// RFC 4514 §3 short names, plus emailAddress as OpenSSL prints it; other types as dotted OIDs.
    static func attributeType(_ oid: ByteView) -> String {
        if oid.count == 3, oid[0] == 0x55, oid[1] == 0x04 {  // 2.5.4.x
            switch oid[2] {
            case 3: return "CN"
            case 5: return "serialNumber"
            case 6: return "C"
            case 7: return "L"
            case 8: return "ST"
            case 9: return "STREET"
            case 10: return "O"
            case 11: return "OU"
            default: break
            }
        }
        if matches(oid, [0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19]) { return "DC" }
        if matches(oid, [0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x01]) { return "UID" }
        if matches(oid, [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01]) { return "emailAddress" }
        return dottedOID(oid)
    }

    /// X.690 §8.19: the first octet holds the first two arcs, then base-128 arcs.
    static func dottedOID(_ oid: ByteView) -> String {
        var arcs: [String] = []
        var value: UInt64 = 0
        for index in 0..<min(oid.count, 64) {
            let byte = oid[index]
            guard value >> 57 == 0 else { return "#" + hex(0x06, oid) }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 {
                if arcs.isEmpty {
                    let first = min(value / 40, 2)
                    arcs.append(String(first))
                    arcs.append(String(value - first * 40))
                } else {
                    arcs.append(String(value))
                }
                value = 0
            }
        }
        return arcs.joined(separator: ".")
    }

    /// DirectoryString and the other string types (X.680 §41); nil for types that are not text.
    static func attributeValue(tag: UInt8, _ content: ByteView) -> String? {
        let bounded = content.prefix(maximumNameLength)
        switch tag {
        case 0x0C, 0x12, 0x13, 0x16, 0x1A:  // UTF8, Numeric, Printable, IA5, Visible
            return String(decoding: bounded.array, as: UTF8.self)
        case 0x14:  // T61String: read as Latin-1, what certificates in the wild mean by it
            return String(bounded.array.map { Character(Unicode.Scalar($0)) })
        case 0x1E:  // BMPString: UTF-16BE
            var units: [UInt16] = []
            var index = 0
            while index + 1 < bounded.count {
                units.append(UInt16(bounded[index]) << 8 | UInt16(bounded[index + 1]))
                index += 2
            }
            return String(decoding: units, as: UTF16.self)
        default:
            return nil
        }
    }

    /// RFC 4514 §2.4: escape the special characters, a leading space or "#", a trailing space.
    static func escape(_ value: String) -> String {
        var result = ""
        let characters = Array(value)
        for (index, character) in characters.enumerated() {
            switch character {
            case ",", "+", "\"", "\\", "<", ">", ";":
                result.append("\\")
            case " " where index == 0 || index == characters.count - 1:
                result.append("\\")
            case "#" where index == 0:
                result.append("\\")
            default:
                break
            }
            if character == "\0" {
                result += "\\00"
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// "#" form of RFC 4514 §2.4: the whole BER encoding in hex.
    static func hex(_ tag: UInt8, _ content: ByteView) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = [digits[Int(tag >> 4)], digits[Int(tag & 0xF)]]
        let length = min(content.count, 127)
        bytes += [digits[length >> 4], digits[length & 0xF]]
        for index in 0..<length {
            bytes.append(digits[Int(content[index] >> 4)])
            bytes.append(digits[Int(content[index] & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
