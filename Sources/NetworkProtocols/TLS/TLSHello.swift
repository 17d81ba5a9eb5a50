import BinaryParsing
import EventModel

/// The fields of a ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2) that JA3 and JA4 and the
/// inventory use. Built once per handshake, so plain arrays are fine here.
struct ClientHello {
    var legacyVersion: UInt16 = 0
    var cipherSuites: [UInt16] = []
    /// Extension types in wire order.
    var extensions: [UInt16] = []
    var supportedGroups: [UInt16] = []
    var pointFormats: [UInt8] = []
    var signatureAlgorithms: [UInt16] = []
    var supportedVersions: [UInt16] = []
    /// ALPN protocol names in wire order (RFC 7301 §3.1).
    var alpn: [ByteView] = []
    var serverName: ByteView?

    static let maximumListEntries = 512

    /// nil when the message is shorter than its lengths say.
    static func parse(_ body: ByteView) -> ClientHello? {
        var reader = ByteReader(body)
        var hello = ClientHello()
        guard let version = reader.readUInt16(), reader.skip(32),  // client_version, random
            let sessionIDLength = reader.readUInt8(), reader.skip(Int(sessionIDLength)),
            let cipherLength = reader.readUInt16(), var ciphers = reader.readSubReader(count: Int(cipherLength)),
            let compressionLength = reader.readUInt8(), reader.skip(Int(compressionLength))
        else { return nil }
        hello.legacyVersion = version
        while let suite = ciphers.readUInt16(), hello.cipherSuites.count < maximumListEntries {
            hello.cipherSuites.append(suite)
        }
        // Extensions are optional before TLS 1.3 (RFC 5246 §7.4.1.2).
        guard !reader.isAtEnd else { return hello }
        guard let extensionsLength = reader.readUInt16(),
            var extensions = reader.readSubReader(count: Int(extensionsLength))
        else { return nil }
        while !extensions.isAtEnd {
            guard let type = extensions.readUInt16(), let length = extensions.readUInt16(),
                let data = extensions.readView(count: Int(length))
            else { return nil }
            if hello.extensions.count < maximumListEntries { hello.extensions.append(type) }
            hello.readExtension(type, ByteReader(data))
        }
        return hello
    }

    private mutating func readExtension(_ type: UInt16, _ data: ByteReader) {
        var data = data
        switch type {
        case 0:  // server_name (RFC 6066 §3): the first host_name entry
            guard let listLength = data.readUInt16(), var list = data.readSubReader(count: Int(listLength)) else {
                return
            }
            while let nameType = list.readUInt8(), let length = list.readUInt16(),
                let name = list.readView(count: Int(length))
            {
                if nameType == 0, serverName == nil { serverName = name }
            }
        case 10:  // supported_groups (RFC 8446 §4.2.7)
            readList16(&data, into: &supportedGroups)
        case 11:  // ec_point_formats (RFC 8422 §5.1.2)
            guard let length = data.readUInt8(), var list = data.readSubReader(count: Int(length)) else { return }
            while let format = list.readUInt8(), pointFormats.count < Self.maximumListEntries {
                pointFormats.append(format)
            }
        case 13:  // signature_algorithms (RFC 8446 §4.2.3)
            readList16(&data, into: &signatureAlgorithms)
        case 16:  // application_layer_protocol_negotiation (RFC 7301 §3.1)
            guard let listLength = data.readUInt16(), var list = data.readSubReader(count: Int(listLength)) else {
                return
            }
            while let length = list.readUInt8(), let name = list.readView(count: Int(length)),
                alpn.count < Self.maximumListEntries
            {
                alpn.append(name)
            }
        case 43:  // supported_versions (RFC 8446 §4.2.1), ClientHello form
            guard let length = data.readUInt8(), var list = data.readSubReader(count: Int(length)) else { return }
            while let version = list.readUInt16(), supportedVersions.count < Self.maximumListEntries {
                supportedVersions.append(version)
            }
        default:
            break
        }
    }

    private func readList16(_ data: inout ByteReader, into values: inout [UInt16]) {
        guard let length = data.readUInt16(), var list = data.readSubReader(count: Int(length)) else { return }
        while let value = list.readUInt16(), values.count < Self.maximumListEntries { values.append(value) }
    }

    // MARK: Fingerprints

    /// The JA3 string (Salesforce): SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats
    /// in decimal, values joined by "-", GREASE values removed.
    var ja3String: String {
        func join(_ values: [UInt16]) -> String {
            values.filter { !TLSNames.isGREASE($0) }.map(String.init).joined(separator: "-")
        }
        return [
            String(legacyVersion), join(cipherSuites), join(extensions), join(supportedGroups),
            pointFormats.map(String.init).joined(separator: "-"),
        ].joined(separator: ",")
    }

    var ja3: String { MessageDigest.hex(.md5, of: ja3String) }

    /// FoxIO JA4 (technical_details/JA4.md): `t` + version + SNI d/i + cipher count + extension count +
    /// ALPN first/last character, `_`, SHA-256 (12 hex) of the sorted ciphers, `_`, SHA-256 (12 hex)
    /// of the sorted extensions without SNI and ALPN, `_`, the signature algorithms in wire order.
    var ja4: String {
        let ciphers = cipherSuites.filter { !TLSNames.isGREASE($0) }
        let allExtensions = extensions.filter { !TLSNames.isGREASE($0) }
        let versions = supportedVersions.filter { !TLSNames.isGREASE($0) }
        let version = versions.max() ?? legacyVersion
        let versionText: String =
            switch version {
            case 0x0304: "13"
            case 0x0303: "12"
            case 0x0302: "11"
            case 0x0301: "10"
            case 0x0300: "s3"
            case 0x0200: "s2"
            default: "00"
            }
        let sni = allExtensions.contains(0) ? "d" : "i"
        func count(_ value: Int) -> String {
            let clamped = min(value, 99)
            return clamped < 10 ? "0\(clamped)" : "\(clamped)"
        }
        let prefix = "t" + versionText + sni + count(ciphers.count) + count(allExtensions.count) + alpnCharacters

        func truncatedHash(_ text: String) -> String {
            String(MessageDigest.hex(.sha256, of: text).prefix(12))
        }
        let cipherPart =
            ciphers.isEmpty
            ? "000000000000" : truncatedHash(ciphers.map(TLSNames.hex16).sorted().joined(separator: ","))
        let hashedExtensions = allExtensions.filter { $0 != 0x0000 && $0 != 0x0010 }.map(TLSNames.hex16).sorted()
        let signatures = signatureAlgorithms.filter { !TLSNames.isGREASE($0) }.map(TLSNames.hex16)
        var extensionText = hashedExtensions.joined(separator: ",")
        if !signatures.isEmpty { extensionText += "_" + signatures.joined(separator: ",") }
        let extensionPart = hashedExtensions.isEmpty ? "000000000000" : truncatedHash(extensionText)
        return prefix + "_" + cipherPart + "_" + extensionPart
    }

    /// First and last characters of the first ALPN value; "00" without one; when either is not
    /// alphanumeric, the first and last hex digits of the value instead.
    var alpnCharacters: String {
        guard let first = alpn.first, !first.isEmpty else { return "00" }
        let head = first[0]
        let tail = first[first.count - 1]
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        if isAlphanumeric(head), isAlphanumeric(tail) {
            return String(decoding: [head, tail], as: UTF8.self)
        }
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: [digits[Int(head >> 4)], digits[Int(tail & 0x0F)]], as: UTF8.self)
    }
}

/// The ServerHello fields the inventory uses (RFC 8446 §4.1.3).
struct ServerHello {
    var legacyVersion: UInt16 = 0
    var cipherSuite: UInt16 = 0
    /// supported_versions (RFC 8446 §4.2.1): the version TLS 1.3 servers select.
    var selectedVersion: UInt16?
    var isHelloRetryRequest = false

    var version: UInt16 { selectedVersion ?? legacyVersion }

    /// SHA-256("HelloRetryRequest"), the random of a HelloRetryRequest (RFC 8446 §4.1.3).
    static let helloRetryRandom: [UInt8] = [
        0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
        0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
    ]

    static func parse(_ body: ByteView) -> ServerHello? {
        var reader = ByteReader(body)
        var hello = ServerHello()
        guard let version = reader.readUInt16(), let random = reader.readView(count: 32),
            let sessionIDLength = reader.readUInt8(), reader.skip(Int(sessionIDLength)),
            let suite = reader.readUInt16(), reader.skip(1)  // compression_method
        else { return nil }
        hello.legacyVersion = version
        hello.cipherSuite = suite
        hello.isHelloRetryRequest = ByteView.with(helloRetryRandom) { random.elementsEqual($0) }
        guard !reader.isAtEnd else { return hello }
        guard let extensionsLength = reader.readUInt16(),
            var extensions = reader.readSubReader(count: Int(extensionsLength))
        else { return nil }
        while !extensions.isAtEnd {
            guard let type = extensions.readUInt16(), let length = extensions.readUInt16(),
                var data = extensions.readSubReader(count: Int(length))
            else { return nil }
            if type == 43, let selected = data.readUInt16() { hello.selectedVersion = selected }
        }
        return hello
    }
}
