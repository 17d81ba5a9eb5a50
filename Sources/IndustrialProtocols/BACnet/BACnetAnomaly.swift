import BinaryParsing

/// Every anomaly the BACnet decoder raises. Each kind is declared once here (an `AnomalyKind` is
/// identified by its literal), and each doc comment is the rule that raises it.
public enum BACnetAnomaly {
    /// The BVLC header (ASHRAE 135 Annex J.2) is shorter than 4 bytes, its type is not 0x81, or its
    /// length field differs from the datagram's length (the datagram is then decoded as a whole, as
    /// tshark does).
    public static let invalidBVLC = AnomalyKind("bacnet.invalid_bvlc")

    /// A BVLC function above 0x0C (Annex J.2): not defined for BACnet/IP.
    public static let unknownBVLCFunction = AnomalyKind("bacnet.unknown_bvlc_function")

    /// The NPDU (§6.2) ends inside its header, or its protocol version is not 1.
    public static let invalidNPDU = AnomalyKind("bacnet.invalid_npdu")

    /// A destination specifier with hop count 0 (§6.2.2): the message should have been discarded by
    /// the last router.
    public static let hopCountExhausted = AnomalyKind("bacnet.hop_count_exhausted")

    /// The APDU (§20.1) ends inside its fixed header, or its PDU type is 8…15 (reserved).
    public static let invalidAPDU = AnomalyKind("bacnet.invalid_apdu")

    /// The service parameters end inside a tag or a tag's length runs past the APDU (§20.2.1).
    public static let malformedTag = AnomalyKind("bacnet.malformed_tag")

    /// Opening tags nested deeper than `BACnetTagReader.maximumDepth` (§20.2.1.3.2): parsing of the
    /// service parameters stops there.
    public static let nestingTooDeep = AnomalyKind("bacnet.nesting_too_deep")

    /// More than `BACnetPendingRequests.capacity` confirmed requests await an answer on one flow:
    /// the new request replaces the oldest.
    public static let requestFlood = AnomalyKind("bacnet.request_flood")

    /// A confirmed request reuses an invoke id whose earlier request (for a different service) is
    /// still unanswered (§5.4: an invoke id identifies one outstanding transaction per peer).
    public static let invokeIDReused = AnomalyKind("bacnet.invoke_id_reused")

    /// A SimpleACK, ComplexACK or Error whose service choice differs from the pending request's.
    public static let serviceMismatch = AnomalyKind("bacnet.service_mismatch")

    /// A character string (§20.2.9) with an encoding other than UTF-8 whose bytes are not printable
    /// ASCII (UCS-2 is kept when every character is printable ASCII): the value is not kept.
    public static let unreadableString = AnomalyKind("bacnet.unreadable_string")
}
