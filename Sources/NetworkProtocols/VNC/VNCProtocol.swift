import BinaryParsing
import EventModel
import PacketLayers

/// Remote Framebuffer protocol (VNC, RFC 6143): TCP 5800, 5900–5903, and any port whose first bytes are
/// an RFB ProtocolVersion ("RFB 003.008\n", sent by the server first).
public enum VNCProtocol {
    public static let registration = ProtocolRegistration(
        .vnc, tcpPorts: [5800, 5900, 5901, 5902, 5903], probeOnAnyPort: true, probe: probe,
        stream: { VNCStreamDecoder() })

    /// RFC 6143 §7.1.1: "RFB xxx.yyy\n" (12 bytes, xxx and yyy decimal).
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        let pattern: StaticString = "RFB 000.000\n"
        for index in 0..<min(bytes.count, 12) {
            let expected = pattern.utf8Start[index]
            let byte = bytes[index]
            let matches = expected == 0x30 ? (0x30...0x39).contains(byte) : byte == expected
            if !matches { return .noMatch }
        }
        return bytes.count >= 12 ? .match : .needMoreBytes
    }
}
