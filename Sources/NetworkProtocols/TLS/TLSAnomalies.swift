import BinaryParsing

/// Anomaly kinds of the TLS decoder. Each is declared once (identity is the literal).
public enum TLSAnomaly {
    /// A record longer than 2^14 + 2048 octets (RFC 8446 §5.2 bounds TLSCiphertext.length; a
    /// receiver answers record_overflow). The record is skipped.
    public static let recordTooLong = AnomalyKind("tls.record_too_long")
    /// A record header whose content type is not 20…24 or whose version is not 3.x: the stream is
    /// not TLS (or framing was lost); the direction waits for a segment that starts with a record.
    public static let badRecordHeader = AnomalyKind("tls.bad_record_header")
    /// A handshake message above `TLSStreamDecoder.maximumHandshakeBuffer`: the direction is no
    /// longer decoded.
    public static let handshakeTooLarge = AnomalyKind("tls.handshake_too_large")
    /// A handshake message shorter than the fields its lengths announce.
    public static let malformedHandshake = AnomalyKind("tls.malformed_handshake")
    /// The leaf certificate is not the DER this decoder walks (RFC 5280 §4.1).
    public static let badCertificate = AnomalyKind("tls.bad_certificate")
    /// The flow ended inside a handshake message.
    public static let truncated = AnomalyKind("tls.truncated")
    /// TCP bytes were lost in one direction: it waits for a segment that starts with a record.
    public static let streamGap = AnomalyKind("tls.stream_gap")
}
