import BinaryParsing

/// Anomaly kinds of the Telnet decoder. Each is declared once (identity is the literal).
public enum TelnetAnomaly {
    /// IAC followed by a byte that is no Telnet command (RFC 854: commands are 240–255), or an
    /// IAC inside a subnegotiation followed by something other than IAC or SE.
    public static let malformedIAC = AnomalyKind("telnet.malformed_iac")
    /// A subnegotiation (IAC SB … IAC SE) longer than `TelnetStreamDecoder.maximumSubnegotiation`.
    public static let subnegotiationTooLong = AnomalyKind("telnet.subnegotiation_too_long")
    /// TCP bytes were lost; command parsing restarts in the data state.
    public static let streamGap = AnomalyKind("telnet.stream_gap")
}
