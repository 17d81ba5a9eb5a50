import BinaryParsing

/// Anomaly kinds of the MQTT decoder. Each is declared once (identity is the literal).
public enum MQTTAnomaly {
    /// Remaining Length longer than four octets (MQTT 3.1.1 §2.2.3, 5.0 §1.5.5).
    public static let malformedLength = AnomalyKind("mqtt.malformed_remaining_length")
    /// A control packet above `MQTTStreamDecoder.maximumPacketLength`: skipped undecoded.
    public static let packetTooLarge = AnomalyKind("mqtt.packet_too_large")
    /// The packet ends before a field its header or flags announce.
    public static let truncated = AnomalyKind("mqtt.truncated")
    /// Control packet type 0 (reserved).
    public static let reservedType = AnomalyKind("mqtt.reserved_type")
    /// Fixed-header flags other than the ones the packet type requires (§2.2.2).
    public static let invalidFlags = AnomalyKind("mqtt.invalid_flags")
    /// QoS 3 in PUBLISH flags or in CONNECT's will QoS (§3.3.1.2: "MUST NOT have both QoS bits set").
    public static let invalidQoS = AnomalyKind("mqtt.invalid_qos")
    /// CONNECT with a protocol name other than "MQTT" or "MQIsdp".
    public static let unknownProtocolName = AnomalyKind("mqtt.unknown_protocol_name")
    /// CONNECT with a protocol level other than 3, 4 or 5.
    public static let unknownProtocolLevel = AnomalyKind("mqtt.unknown_protocol_level")
    /// CONNECT flags with the reserved bit set (§3.1.2.3).
    public static let reservedConnectFlag = AnomalyKind("mqtt.reserved_connect_flag")
    /// A password without a user name in MQTT 3.1.1 (§3.1.2.9).
    public static let passwordWithoutUserName = AnomalyKind("mqtt.password_without_user_name")
    /// SUBSCRIBE or UNSUBSCRIBE without any topic filter (§3.8.3).
    public static let noTopics = AnomalyKind("mqtt.no_topics")
    /// More topic filters than `MQTTStreamDecoder.maximumTopicsWalked`: the rest were not read.
    public static let tooManyTopics = AnomalyKind("mqtt.too_many_topics")
    /// TCP bytes were lost in one direction; the partial packet was dropped.
    public static let streamGap = AnomalyKind("mqtt.stream_gap")
}
