import BinaryParsing
import EventModel

/// HTTP/1.0 and HTTP/1.1 (RFC 9110, RFC 9112): registration and content probe.
public enum HTTPProtocol {
    /// TCP 80, 8000, 8080, 8081, 8888, and by content on any port: a request or status line.
    public static let registration = ProtocolRegistration(
        .http, tcpPorts: [80, 8000, 8080, 8081, 8888], probeOnAnyPort: true, probe: probe,
        stream: { HTTPStreamDecoder() })

    private static let messageStarts: [StaticString] = [
        "GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "CONNECT ", "PATCH ", "TRACE ", "HTTP/1.",
    ]

    /// HTTP/1.x request line of a common method, or a status line.
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 5 else { return .needMoreBytes }
        return startsMessage(bytes) ? .match : .noMatch
    }

    /// Whether `bytes` begin with a request line of a common method or a status line (used to
    /// resynchronise after lost bytes).
    static func startsMessage(_ bytes: ByteView) -> Bool {
        for start in messageStarts where bytes.hasPrefix(start) { return true }
        return false
    }
}
