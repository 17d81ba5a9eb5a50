import BinaryParsing

/// Anomaly kinds of the IEC 60870-5-104 decoder. Each is declared once (identity is the literal).
public enum IEC104Anomaly {
    /// Bytes before the start byte 0x68 (IEC 60870-5-104 §5.1: every APDU begins with 0x68).
    public static let junkBeforeStart = AnomalyKind("iec104.junk_before_start")
    /// At least six bytes buffered and no start byte among them: the bytes were discarded.
    public static let noStartByte = AnomalyKind("iec104.no_start_byte")
    /// APDU length field below 4 (the control field alone is 4 octets, §5.1).
    public static let apduTooShort = AnomalyKind("iec104.apdu_too_short")
    /// APDU length field above 253 (§5.1: maximum APDU length 253).
    public static let apduTooLong = AnomalyKind("iec104.apdu_too_long")
    /// An S or U format APDU whose length is not exactly 4 (§5.2, §5.3).
    public static let controlLength = AnomalyKind("iec104.control_frame_length")
    /// A U format control field with zero or several function bits set (§5.3).
    public static let invalidUFunction = AnomalyKind("iec104.invalid_u_function")
    /// An I format APDU with no ASDU (length 4).
    public static let missingASDU = AnomalyKind("iec104.missing_asdu")
    /// The ASDU ends before its data unit identifier or its information objects (IEC 60870-5-101 §7.2).
    public static let truncatedASDU = AnomalyKind("iec104.truncated_asdu")
    /// Bytes left after the last information object.
    public static let trailingBytes = AnomalyKind("iec104.trailing_bytes")
    /// A type identification this decoder does not know (cannot walk the objects).
    public static let unknownType = AnomalyKind("iec104.unknown_type")
    /// Variable structure qualifier announcing zero information objects.
    public static let noObjects = AnomalyKind("iec104.no_objects")
    /// Cause of transmission 0 (not used) or outside the defined range.
    public static let invalidCause = AnomalyKind("iec104.invalid_cause")
    /// An I format APDU whose send sequence number is not the one expected in its direction (§5.1).
    public static let sequenceGap = AnomalyKind("iec104.sequence_gap")
    /// The per-direction reassembly buffer cap was reached; its bytes were dropped.
    public static let bufferOverflow = AnomalyKind("iec104.buffer_overflow")
    /// TCP bytes were lost in one direction; the partial APDU was dropped.
    public static let streamGap = AnomalyKind("iec104.stream_gap")
}
