import BinaryParsing

/// Anomaly kinds of the FTP control-connection decoder. Each is declared once (identity is the
/// literal).
public enum FTPAnomaly {
    /// A command or reply line longer than `FTPStreamDecoder.maximumLineLength`: skipped up to its
    /// end of line.
    public static let lineTooLong = AnomalyKind("ftp.line_too_long")
    /// A client line that does not start with a command word of 3 or 4 letters (RFC 959 §5.3.1).
    public static let malformedCommand = AnomalyKind("ftp.malformed_command")
    /// A server line that is not a reply (three digits, then SP or '-') outside a multi-line reply
    /// (RFC 959 §4.2).
    public static let malformedReply = AnomalyKind("ftp.malformed_reply")
    /// TCP bytes were lost: the partial line is dropped.
    public static let streamGap = AnomalyKind("ftp.stream_gap")
}
