import BinaryParsing

/// Builds RFB messages (RFC 6143) for the traffic simulator: the handshake up to ServerInit and a
/// few normal protocol messages.
public enum VNCEncoder {
    public static let port: UInt16 = 5900
    public static let vncAuthentication: UInt8 = 2

    /// §7.1.1 ProtocolVersion: "RFB 003.008\n".
    public static func protocolVersion(major: Int = 3, minor: Int = 8) -> [UInt8] {
        Array("RFB \(threeDigits(major)).\(threeDigits(minor))\n".utf8)
    }

    /// §7.1.2 security types offered by the server (3.7 and later).
    public static func securityTypes(_ types: [UInt8]) -> [UInt8] { [UInt8(types.count)] + types }

    /// §7.1.2 the client's choice.
    public static func securityTypeSelected(_ type: UInt8) -> [UInt8] { [type] }

    /// §7.2.2 VNC Authentication challenge or response: 16 bytes.
    public static func authenticationBlock(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.prefix(16)) + [UInt8](repeating: 0, count: max(0, 16 - bytes.count))
    }

    /// §7.1.3 SecurityResult: 0 OK.
    public static func securityResultOK() -> [UInt8] { [0, 0, 0, 0] }

    /// §7.3.1 ClientInit: shared flag.
    public static func clientInit(shared: Bool = true) -> [UInt8] { [shared ? 1 : 0] }

    /// §7.3.2 ServerInit: framebuffer size, a 32-bit true-colour pixel format, desktop name.
    public static func serverInit(width: UInt16, height: UInt16, name: String) -> [UInt8] {
        var writer = ByteWriter(capacity: 24 + name.utf8.count)
        writer.append(bigEndian: width)
        writer.append(bigEndian: height)
        // Pixel format: 32 bpp, depth 24, little endian, true colour, max 255 each, shifts 16/8/0, padding.
        writer.append([32, 24, 0, 1])
        writer.append(bigEndian: UInt16(255))
        writer.append(bigEndian: UInt16(255))
        writer.append(bigEndian: UInt16(255))
        writer.append([16, 8, 0, 0, 0, 0])
        writer.append(bigEndian: UInt32(name.utf8.count))
        writer.append(utf8: name)
        return writer.bytes
    }

    /// §7.5.3 FramebufferUpdateRequest.
    public static func framebufferUpdateRequest(incremental: Bool, x: UInt16, y: UInt16, width: UInt16, height: UInt16)
        -> [UInt8]
    {
        var writer = ByteWriter(capacity: 10)
        writer.append(3)
        writer.append(incremental ? 1 : 0)
        for value in [x, y, width, height] { writer.append(bigEndian: value) }
        return writer.bytes
    }

    /// §7.6.1 FramebufferUpdate with one Raw-encoded rectangle (`pixels` 4 bytes each).
    public static func framebufferUpdate(x: UInt16, y: UInt16, width: UInt16, height: UInt16, pixels: [UInt8])
        -> [UInt8]
    {
        var writer = ByteWriter(capacity: 16 + pixels.count)
        writer.append([0, 0])  // message type, padding
        writer.append(bigEndian: UInt16(1))
        for value in [x, y, width, height] { writer.append(bigEndian: value) }
        writer.append(bigEndian: Int32(0))  // Raw
        writer.append(pixels)
        return writer.bytes
    }

    /// §7.5.5 PointerEvent.
    public static func pointerEvent(buttons: UInt8, x: UInt16, y: UInt16) -> [UInt8] {
        var writer = ByteWriter(capacity: 6)
        writer.append(5)
        writer.append(buttons)
        writer.append(bigEndian: x)
        writer.append(bigEndian: y)
        return writer.bytes
    }

    private static func threeDigits(_ value: Int) -> String {
        let digits = String(min(max(value, 0), 999))
        return String(repeating: "0", count: 3 - digits.count) + digits
    }
}
