import BinaryParsing
import EventModel

/// TLS 1.0–1.3 (RFC 5246, RFC 8446): registration and content probe.
public enum TLSProtocol {
    /// HTTPS, LDAPS, IMAPS, POP3S, MQTT over TLS, OPC UA HTTPS; and by content on any port.
    public static let registration = ProtocolRegistration(
        .tls, tcpPorts: [443, 8443, 636, 993, 995, 8883, 4843], probeOnAnyPort: true, probe: probe,
        stream: { TLSStreamDecoder() })

    /// A handshake record (content type 22, RFC 8446 §5.1) with a TLS record version, whose first
    /// handshake message is a ClientHello (type 1).
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 6 else { return .needMoreBytes }
        return bytes[0] == 0x16 && bytes[1] == 0x03 && bytes[2] <= 0x04 && bytes[5] == 0x01 ? .match : .noMatch
    }
}
