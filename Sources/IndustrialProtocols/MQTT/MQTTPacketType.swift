import EventModel

/// MQTT control packet types (MQTT 3.1.1 §2.2.1, 5.0 §2.1.2), the value of `mqtt.msgtype`.
struct MQTTPacketType: Equatable {
    let rawValue: UInt8

    static let connect = MQTTPacketType(rawValue: 1)
    static let connectAck = MQTTPacketType(rawValue: 2)
    static let publish = MQTTPacketType(rawValue: 3)
    static let publishAck = MQTTPacketType(rawValue: 4)
    static let publishReceived = MQTTPacketType(rawValue: 5)
    static let publishRelease = MQTTPacketType(rawValue: 6)
    static let publishComplete = MQTTPacketType(rawValue: 7)
    static let subscribe = MQTTPacketType(rawValue: 8)
    static let subscribeAck = MQTTPacketType(rawValue: 9)
    static let unsubscribe = MQTTPacketType(rawValue: 10)
    static let unsubscribeAck = MQTTPacketType(rawValue: 11)
    static let pingRequest = MQTTPacketType(rawValue: 12)
    static let pingResponse = MQTTPacketType(rawValue: 13)
    static let disconnect = MQTTPacketType(rawValue: 14)
    static let auth = MQTTPacketType(rawValue: 15)

    /// Wireshark's names (`mqtt.msgtype` value strings).
    var name: StaticString {
        switch rawValue {
        case 1: "Connect Command"
        case 2: "Connect Ack"
        case 3: "Publish Message"
        case 4: "Publish Ack"
        case 5: "Publish Received"
        case 6: "Publish Release"
        case 7: "Publish Complete"
        case 8: "Subscribe Request"
        case 9: "Subscribe Ack"
        case 10: "Unsubscribe Request"
        case 11: "Unsubscribe Ack"
        case 12: "Ping Request"
        case 13: "Ping Response"
        case 14: "Disconnect Req"
        case 15: "Authentication Exchange"
        default: "Reserved"
        }
    }

    var operation: Operation {
        switch rawValue {
        case 1, 2, 14, 15: .session
        // Only PUBLISH carries process data; its acknowledgements are delivery bookkeeping.
        case 3: .data
        case 4, 5, 6, 7: .session
        case 8, 9, 10, 11: .read
        case 12, 13: .diagnostic
        default: .other
        }
    }

    /// Fixed-header flags the type requires (§2.2.2); PUBLISH's flags carry DUP, QoS and RETAIN.
    var requiredFlags: UInt8? {
        switch rawValue {
        case 3: nil
        case 6, 8, 10: 0x02
        default: 0x00
        }
    }
}

/// Names of failure codes: MQTT 3.1.1 CONNACK return codes (§3.2.2.3) and MQTT 5.0 reason codes
/// (§2.4).
enum MQTTReasonCode {
    static func connectReturnCodeName(_ code: UInt8) -> StaticString {
        switch code {
        case 1: "unacceptable protocol version"
        case 2: "identifier rejected"
        case 3: "server unavailable"
        case 4: "bad user name or password"
        case 5: "not authorized"
        default: "refused"
        }
    }

    static func reasonName(_ code: UInt8) -> StaticString {
        switch code {
        case 0x80: "unspecified error"
        case 0x81: "malformed packet"
        case 0x82: "protocol error"
        case 0x83: "implementation specific error"
        case 0x84: "unsupported protocol version"
        case 0x85: "client identifier not valid"
        case 0x86: "bad user name or password"
        case 0x87: "not authorized"
        case 0x88: "server unavailable"
        case 0x89: "server busy"
        case 0x8A: "banned"
        case 0x8B: "server shutting down"
        case 0x8C: "bad authentication method"
        case 0x8D: "keep alive timeout"
        case 0x8E: "session taken over"
        case 0x8F: "topic filter invalid"
        case 0x90: "topic name invalid"
        case 0x91: "packet identifier in use"
        case 0x92: "packet identifier not found"
        case 0x93: "receive maximum exceeded"
        case 0x94: "topic alias invalid"
        case 0x95: "packet too large"
        case 0x96: "message rate too high"
        case 0x97: "quota exceeded"
        case 0x98: "administrative action"
        case 0x99: "payload format invalid"
        case 0x9A: "retain not supported"
        case 0x9B: "QoS not supported"
        case 0x9C: "use another server"
        case 0x9D: "server moved"
        case 0x9E: "shared subscriptions not supported"
        case 0x9F: "connection rate exceeded"
        case 0xA0: "maximum connect time"
        case 0xA1: "subscription identifiers not supported"
        case 0xA2: "wildcard subscriptions not supported"
        default: "failure"
        }
    }
}
