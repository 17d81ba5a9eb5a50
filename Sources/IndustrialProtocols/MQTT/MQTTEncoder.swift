import BinaryParsing

/// Builds MQTT 3.1.1 control packets (OASIS MQTT 3.1.1, §2-3) for the traffic simulator: each function
/// returns one whole packet, fixed header included, ready for a TCP segment to port 1883.
public enum MQTTEncoder {
    public static let port: UInt16 = 1883

    /// §3.1 CONNECT, protocol name "MQTT" level 4. A password is sent only with a user name (§3.1.2.9).
    public static func connect(
        clientID: String, cleanSession: Bool = true, keepAlive: UInt16 = 60, username: String? = nil,
        password: String? = nil
    ) -> [UInt8] {
        var flags: UInt8 = cleanSession ? 0x02 : 0
        if username != nil { flags |= 0x80 }
        if username != nil && password != nil { flags |= 0x40 }
        var body = ByteWriter()
        appendString("MQTT", to: &body)
        body.append(4)  // protocol level 3.1.1
        body.append(flags)
        body.append(bigEndian: keepAlive)
        appendString(clientID, to: &body)
        if let username {
            appendString(username, to: &body)
            if let password { appendString(password, to: &body) }
        }
        return packet(type: 1, flags: 0, body: body.bytes)
    }

    /// §3.2 CONNACK: return code 0 accepted, 1-5 refused.
    public static func connectAck(sessionPresent: Bool = false, returnCode: UInt8 = 0) -> [UInt8] {
        packet(type: 2, flags: 0, body: [sessionPresent ? 1 : 0, returnCode])
    }

    /// §3.3 PUBLISH. QoS 0 carries no packet identifier; QoS 1 and 2 need a non-zero one.
    public static func publish(
        topic: String, payload: [UInt8], qos: UInt8 = 0, retain: Bool = false, duplicate: Bool = false,
        packetIdentifier: UInt16 = 0
    ) -> [UInt8] {
        let level = min(qos, 2)
        var body = ByteWriter(capacity: topic.utf8.count + payload.count + 4)
        appendString(topic, to: &body)
        if level > 0 { body.append(bigEndian: packetIdentifier) }
        body.append(payload)
        let flags = (duplicate && level > 0 ? 0x08 : 0) | level << 1 | (retain ? 1 : 0)
        return packet(type: 3, flags: flags, body: body.bytes)
    }

    /// §3.4 PUBACK.
    public static func publishAck(packetIdentifier: UInt16) -> [UInt8] {
        packet(type: 4, flags: 0, body: [UInt8(packetIdentifier >> 8), UInt8(packetIdentifier & 0xff)])
    }

    /// §3.8 SUBSCRIBE (fixed-header flags 0b0010): topic filters with their requested QoS.
    public static func subscribe(packetIdentifier: UInt16, topics: [(filter: String, qos: UInt8)]) -> [UInt8] {
        var body = ByteWriter()
        body.append(bigEndian: packetIdentifier)
        for topic in topics {
            appendString(topic.filter, to: &body)
            body.append(min(topic.qos, 2))
        }
        return packet(type: 8, flags: 0x02, body: body.bytes)
    }

    /// §3.9 SUBACK: one return code per filter (the granted QoS, or 0x80 failure).
    public static func subscribeAck(packetIdentifier: UInt16, returnCodes: [UInt8]) -> [UInt8] {
        packet(type: 9, flags: 0, body: [UInt8(packetIdentifier >> 8), UInt8(packetIdentifier & 0xff)] + returnCodes)
    }

    /// §3.12 PINGREQ.
    public static func pingRequest() -> [UInt8] { [0xC0, 0x00] }

    /// §3.13 PINGRESP.
    public static func pingResponse() -> [UInt8] { [0xD0, 0x00] }

    /// §3.14 DISCONNECT.
    public static func disconnect() -> [UInt8] { [0xE0, 0x00] }

    /// §2.2 fixed header: type and flags, then the remaining length in 7-bit groups, least significant first.
    static func packet(type: UInt8, flags: UInt8, body: [UInt8]) -> [UInt8] {
        var header: [UInt8] = [type << 4 | flags & 0x0F]
        var remaining = body.count
        repeat {
            var digit = UInt8(remaining % 128)
            remaining /= 128
            if remaining > 0 { digit |= 0x80 }
            header.append(digit)
        } while remaining > 0
        return header + body
    }

    /// §1.5.3 UTF-8 string: two-byte length, then the bytes.
    static func appendString(_ text: String, to writer: inout ByteWriter) {
        let bytes = Array(text.utf8.prefix(65535))
        writer.append(bigEndian: UInt16(bytes.count))
        writer.append(bytes)
    }
}
