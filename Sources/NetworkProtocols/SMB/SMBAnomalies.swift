import BinaryParsing

/// Anomaly kinds of the SMB decoder. Each is declared once (identity is the literal).
public enum SMBAnomaly {
    /// A direct-TCP frame whose first octet is not zero (MS-SMB2 §2.1), or a NetBIOS session
    /// packet of an unknown type (RFC 1002 §4.3.1): framing is lost; the direction waits for a
    /// segment that starts with a frame header.
    public static let badFraming = AnomalyKind("smb.bad_framing")
    /// A message that starts with none of the SMB protocol identifiers (0xFF/0xFE/0xFD/0xFC "SMB").
    public static let unknownProtocol = AnomalyKind("smb.unknown_protocol")
    /// A message or command shorter than its header or the fields its lengths announce.
    public static let truncated = AnomalyKind("smb.truncated")
    /// An SMB2 NextCommand that does not point to a later, 8-octet aligned header inside the message.
    public static let badNextCommand = AnomalyKind("smb.bad_next_command")
    /// An NTLMSSP message whose fields point outside it (MS-NLMP §2.2).
    public static let malformedNTLMSSP = AnomalyKind("smb.malformed_ntlmssp")
    /// More compounded commands in one message than `SMBStreamDecoder.maximumCompounded`.
    public static let tooManyCompounded = AnomalyKind("smb.too_many_compounded")
    /// More outstanding requests than `SMBStreamDecoder.maximumPendingRequests`: the name of a
    /// later response is not known.
    public static let tooManyPending = AnomalyKind("smb.too_many_pending")
    /// TCP bytes were lost in one direction: it waits for a segment that starts with a frame header.
    public static let streamGap = AnomalyKind("smb.stream_gap")
}
