import BinaryParsing
import EventModel

/// Content checks that recognise IT protocols on ports other than their own (the industrial
/// decoders carry their own probes in their registrations). Each is strict enough that random
/// TCP payloads rarely pass.
public enum ContentHeuristics {
    /// TLS record: handshake (22) with a TLS version.
    @Sendable public static func tls(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 6 else { return .needMoreBytes }
        return bytes[0] == 0x16 && bytes[1] == 0x03 && bytes[2] <= 0x04 && bytes[5] == 0x01 ? .match : .noMatch
    }
}
