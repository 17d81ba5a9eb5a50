import BinaryParsing
import EventModel

/// DNP3 (IEEE 1815-2012) over TCP and UDP: link frames (§9.2), transport segments (§8) and
/// application fragments (§4). Port 20000, or any port whose first bytes are a link header with a
/// valid CRC.
public enum DNP3Protocol {
    public static let port: UInt16 = 20000

    public static let registration = ProtocolRegistration(
        .dnp3, tcpPorts: [port], udpPorts: [port], probeOnAnyPort: true, probe: probe,
        stream: { DNP3StreamDecoder() }, datagram: { DNP3DatagramDecoder() })

    /// Link header (IEEE 1815-2012 §9.2): start octets 0x05 0x64, length ≥ 5, header CRC valid.
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard bytes.count >= DNP3Link.headerLength else {
            if let first = bytes.getUInt8(at: 0), first != 0x05 { return .noMatch }
            if let second = bytes.getUInt8(at: 1), second != 0x64 { return .noMatch }
            return .needMoreBytes
        }
        guard bytes[0] == 0x05, bytes[1] == 0x64, bytes[2] >= 5 else { return .noMatch }
        return DNP3CRC.headerIsValid(bytes) ? .match : .noMatch
    }
}

/// Stable anomaly names of the DNP3 decoder; each is declared once (identity is the literal).
public enum DNP3Anomaly {
    /// A link header or data block whose CRC does not match (§9.2). The block's
    /// data is discarded, as the standard (and Wireshark) does; decoding continues with the next frame.
    public static let badCRC = AnomalyKind("dnp3.bad_crc")
    /// A link length below 5 (header only) or a frame shorter than its length says.
    public static let badLength = AnomalyKind("dnp3.bad_length")
    /// Stream bytes that do not start with a link header (0x05 0x64 + valid CRC): skipped until the
    /// next segment.
    public static let notSynchronized = AnomalyKind("dnp3.not_synchronized")
    /// An application fragment longer than `DNP3Limits.maximumFragmentLength`: the rest is not kept.
    public static let fragmentTooLarge = AnomalyKind("dnp3.fragment_too_large")
    /// A transport segment out of sequence (§8): the partial fragment is dropped.
    public static let transportSequence = AnomalyKind("dnp3.transport_sequence")
    /// An application fragment too short for its control and function octets (or IIN).
    public static let truncatedFragment = AnomalyKind("dnp3.truncated_fragment")
    /// An object header or its objects reach past the end of the fragment.
    public static let malformedObject = AnomalyKind("dnp3.malformed_object")
    /// More object headers than `DNP3Limits.maximumObjectHeaders` in one fragment: the rest is not walked.
    public static let tooManyObjectHeaders = AnomalyKind("dnp3.too_many_object_headers")
    /// More unanswered requests than `DNP3Limits.maximumPendingRequests`: the oldest is forgotten.
    public static let tooManyPending = AnomalyKind("dnp3.too_many_pending")
    /// A function code the standard does not define.
    public static let unknownFunction = AnomalyKind("dnp3.unknown_function")
}

/// Every buffer and table of the decoder is bounded by one of these.
public enum DNP3Limits {
    /// Largest link frame: length octet 255 → 10 header + 250 data + 16 block CRCs (§9.2).
    public static let maximumFrameLength = 292
    /// Largest application fragment kept (2048 is the usual device maximum).
    public static let maximumFragmentLength = 2048
    /// Object headers walked per fragment.
    public static let maximumObjectHeaders = 64
    /// Requests awaiting a response per flow (the application sequence number has 16 values).
    public static let maximumPendingRequests = 16
    /// A partial fragment older than this many frames is abandoned (Wireshark ages them out alike).
    public static let fragmentAgeLimit: UInt64 = 64
}
