import BinaryParsing

/// Every anomaly the Modbus decoder raises. Each kind is declared once here (an `AnomalyKind` is
/// identified by its literal), and each doc comment is the rule that raises it.
public enum ModbusAnomaly {
    /// The MBAP header's protocol identifier is not 0, or its length field is outside
    /// 2…`ModbusApplicationHeader.tolerantLengthLimit` (Messaging on TCP/IP guide §3.1.3). The stream
    /// cannot be framed: the buffered bytes of that direction and the rest of the segment are dropped.
    public static let invalidApplicationHeader = AnomalyKind("modbus.invalid_mbap")

    /// The length field is above the specification's 254 (a 253-byte PDU, Application Protocol
    /// §4.1) but within the tolerated limit. Schneider engineering tools send 255 (UMAS); tshark
    /// decodes such ADUs, and so do we, flagging them.
    public static let oversizedADU = AnomalyKind("modbus.oversized_adu")

    /// A datagram ends before the ADU its length field announces (Modbus over UDP).
    public static let truncatedADU = AnomalyKind("modbus.truncated_adu")

    /// The PDU is shorter than its function code requires (Application Protocol §6).
    public static let truncatedPDU = AnomalyKind("modbus.truncated_pdu")

    /// A read or write quantity outside the limits of its function (e.g. 1…125 registers for
    /// function 3, Application Protocol §6.3).
    public static let quantityOutOfRange = AnomalyKind("modbus.quantity_out_of_range")

    /// Write Single Coil with an output value other than 0x0000 or 0xFF00 (Application Protocol §6.5).
    public static let invalidCoilValue = AnomalyKind("modbus.invalid_coil_value")

    /// More than `ModbusTransactionTable.capacity` requests await a response on one flow; the oldest
    /// is forgotten.
    public static let requestFlood = AnomalyKind("modbus.request_flood")

    /// A response whose (unit, transaction) no pending request has, on a flow that has carried
    /// requests (a capture starting mid-stream is not flagged).
    public static let unsolicitedResponse = AnomalyKind("modbus.unsolicited_response")

    /// A response whose function code differs from its request's.
    public static let functionMismatch = AnomalyKind("modbus.function_mismatch")
}
