import BinaryParsing
import EventModel

/// Content checks that recognise IT protocols on ports other than their own (the industrial
/// decoders carry their own probes in their registrations). Each is strict enough that random
/// TCP payloads rarely pass.
public enum ContentHeuristics {
    /// HTTP/1.x request line or status line.
    @Sendable public static func http(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 5 else { return .needMoreBytes }
        for method: StaticString in [
            "GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "CONNECT ", "PATCH ", "HTTP/1.",
        ]
        where bytes.hasPrefix(method) {
            return .match
        }
        return .noMatch
    }

    /// SSH identification string (RFC 4253 §4.2).
    @Sendable public static func ssh(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 4 else { return .needMoreBytes }
        return bytes.hasPrefix("SSH-") ? .match : .noMatch
    }
}
