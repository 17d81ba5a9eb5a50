import BinaryParsing

/// The anomalies this decoder reports. Each name is stable (JSON output and detection rules key
/// on it); each kind is declared once, here, so comparisons never touch the characters.
public enum S7CommAnomaly {
    /// A TPKT header whose version is not 3 or whose length is below 7 (RFC 1006 §6): framing is
    /// lost and the decoder resynchronises on the next plausible TPKT header.
    public static let invalidTPKT = AnomalyKind("s7comm.invalid_tpkt")
    /// A COTP TPDU whose length indicator does not fit its TPKT (ISO 8073 §13.2.1).
    public static let invalidCOTP = AnomalyKind("s7comm.invalid_cotp")
    /// A PDU split over COTP DT TPDUs grew beyond `S7StreamDecoder.maximumReassembledLength`.
    public static let reassemblyOverflow = AnomalyKind("s7comm.reassembly_overflow")
    /// An S7 header whose parameter and data lengths reach past the end of the PDU.
    public static let truncatedPDU = AnomalyKind("s7comm.truncated_pdu")
    /// An S7 PDU with an unknown ROSCTR (packet-s7comm.c `rosctr_names`: 1, 2, 3, 7).
    public static let invalidROSCTR = AnomalyKind("s7comm.invalid_rosctr")
    /// A parameter block that does not parse as its function says (item list, filename, head).
    public static let malformedParameter = AnomalyKind("s7comm.malformed_parameter")
    /// More than `S7PendingJobs.capacity` jobs awaited an answer; the oldest was dropped.
    public static let pendingOverflow = AnomalyKind("s7comm.pending_overflow")
    /// The flow ended with a partial TPKT or COTP PDU still buffered.
    public static let truncatedStream = AnomalyKind("s7comm.truncated_stream")
}
