import BinaryParsing
import EventModel

/// SSH-2 transport layer (RFC 4253): registration and content probe.
public enum SSHProtocol {
    /// TCP 22, and by content on any port: an identification string.
    public static let registration = ProtocolRegistration(
        .ssh, tcpPorts: [22], probeOnAnyPort: true, probe: probe, stream: { SSHStreamDecoder() })

    /// SSH identification string (RFC 4253 §4.2): "SSH-" then a protocol version digit.
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 5 else { return .needMoreBytes }
        return bytes.hasPrefix("SSH-") && (0x30...0x39).contains(bytes[4]) ? .match : .noMatch
    }
}
