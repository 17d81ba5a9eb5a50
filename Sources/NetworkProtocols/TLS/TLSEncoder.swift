import BinaryParsing

/// Builds minimal TLS 1.2 records (RFC 5246 §6.2, §7.4.1) for the traffic simulator: a Client
/// Hello, a Server Hello and opaque application data. No real keys: the simulator only needs the
/// handshake's shape.
public enum TLSEncoder {
    /// A record of `contentType` (22 handshake, 23 application data) with version TLS 1.2.
    public static func record(contentType: UInt8, version: UInt16 = 0x0303, body: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(capacity: 5 + body.count)
        writer.append(contentType)
        writer.append(bigEndian: version)
        writer.append(bigEndian: UInt16(body.count))
        writer.append(body)
        return writer.bytes
    }

    /// Client Hello offering two ECDHE-GCM suites, with server name and supported groups.
    public static func clientHello(random: [UInt8], serverName: String?) -> [UInt8] {
        var extensions = ByteWriter(capacity: 64)
        if let serverName {
            let name = Array(serverName.utf8)
            extensions.append(bigEndian: UInt16(0x0000))
            extensions.append(bigEndian: UInt16(name.count + 5))
            extensions.append(bigEndian: UInt16(name.count + 3))
            extensions.append(0)  // host_name
            extensions.append(bigEndian: UInt16(name.count))
            extensions.append(name)
        }
        extensions.append([0x00, 0x0A, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1D, 0x00, 0x17])  // groups: x25519, P-256
        extensions.append([0x00, 0x0B, 0x00, 0x02, 0x01, 0x00])  // point formats: uncompressed
        var hello = ByteWriter(capacity: 128)
        hello.append(bigEndian: UInt16(0x0303))
        hello.append(Array(random.prefix(32)) + [UInt8](repeating: 0, count: max(0, 32 - random.count)))
        hello.append(0)  // session id
        hello.append(bigEndian: UInt16(4))
        hello.append([0xC0, 0x2F, 0xC0, 0x30])  // ECDHE-RSA-AES128/256-GCM
        hello.append([1, 0])  // compression: null
        hello.append(bigEndian: UInt16(extensions.count))
        hello.append(extensions.bytes)
        return record(contentType: 22, version: 0x0301, body: handshake(type: 1, body: hello.bytes))
    }

    /// Server Hello choosing ECDHE-RSA-AES256-GCM, then Server Hello Done.
    public static func serverHello(random: [UInt8]) -> [UInt8] {
        var hello = ByteWriter(capacity: 64)
        hello.append(bigEndian: UInt16(0x0303))
        hello.append(Array(random.prefix(32)) + [UInt8](repeating: 0, count: max(0, 32 - random.count)))
        hello.append(0)
        hello.append([0xC0, 0x30])
        hello.append(0)
        hello.append(bigEndian: UInt16(0))  // no extensions
        return record(contentType: 22, body: handshake(type: 2, body: hello.bytes) + handshake(type: 14, body: []))
    }

    /// An application data record of opaque bytes.
    public static func applicationData(_ bytes: [UInt8]) -> [UInt8] { record(contentType: 23, body: bytes) }

    private static func handshake(type: UInt8, body: [UInt8]) -> [UInt8] {
        [type, UInt8(body.count >> 16), UInt8((body.count >> 8) & 0xFF), UInt8(body.count & 0xFF)] + body
    }
}
