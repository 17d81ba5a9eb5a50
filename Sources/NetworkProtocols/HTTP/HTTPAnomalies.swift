import BinaryParsing

/// Anomaly kinds of the HTTP/1.x decoder. Each is declared once (identity is the literal).
public enum HTTPAnomaly {
    /// A header block longer than `HTTPStreamDecoder.maximumHeaderBlock` without its empty line:
    /// dropped; decoding resumes at the next segment that starts a request or status line.
    public static let headerTooLong = AnomalyKind("http.header_too_long")
    /// The first line is neither `method SP target SP HTTP/x.y` nor `HTTP/x.y SP code …`
    /// (RFC 9112 §3, §4): the direction waits for the next message start.
    public static let malformedStartLine = AnomalyKind("http.malformed_start_line")
    /// Content-Length that is not a decimal number, or several different ones (RFC 9112 §6.3 ¶5):
    /// the body cannot be delimited, so the direction resynchronises.
    public static let invalidContentLength = AnomalyKind("http.invalid_content_length")
    /// Both Transfer-Encoding and Content-Length (RFC 9112 §6.1 ¶15: a request smuggling sign);
    /// the chunked coding wins, as the RFC says.
    public static let lengthAndChunked = AnomalyKind("http.content_length_and_chunked")
    /// A chunk-size line that is not hexadecimal, too long, or a chunk not followed by CRLF
    /// (RFC 9112 §7.1).
    public static let malformedChunk = AnomalyKind("http.malformed_chunk")
    /// More requests outstanding than `HTTPStreamDecoder.maximumPendingRequests`: the oldest is
    /// forgotten (its response pairs with no method).
    public static let tooManyPendingRequests = AnomalyKind("http.too_many_pending_requests")
    /// TCP bytes were lost where the framing could not absorb them.
    public static let streamGap = AnomalyKind("http.stream_gap")
    /// The connection ended inside a header block.
    public static let truncated = AnomalyKind("http.truncated")
}
