import BinaryParsing
import EventModel

/// MQTT 3.1, 3.1.1 and 5.0: registration and content probe.
public enum MQTTProtocol {
    /// TCP 1883 (IANA "mqtt"), and by content: a CONNECT naming the protocol.
    public static let registration = ProtocolRegistration(
        .mqtt, tcpPorts: [1883], probeOnAnyPort: true, probe: probe,
        stream: { MQTTStreamDecoder() })

    /// A CONNECT packet (MQTT 3.1.1 §3.1, 5.0 §3.1) whose variable header names "MQTT" (3.1.1, 5.0)
    /// or "MQIsdp" (3.1) with a matching protocol level.
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard let first = bytes.getUInt8(at: 0) else { return .needMoreBytes }
        guard first == 0x10 else { return .noMatch }
        switch FixedHeader.read(bytes) {
        case .needMoreBytes: return .needMoreBytes
        case .malformed: return .noMatch
        case .header(let header):
            guard header.remainingLength >= 10 else { return .noMatch }
            let body = bytes.dropFirst(header.length)
            guard body.count >= 9 else { return .needMoreBytes }
            if body.getUInt16(at: 0) == 4, body.dropFirst(2).hasPrefix("MQTT"), (4...5).contains(body[6]) {
                return .match
            }
            if body.getUInt16(at: 0) == 6, body.dropFirst(2).hasPrefix("MQIsdp"), body[8] == 3 {
                return .match
            }
            return .noMatch
        }
    }
}

/// Fixed header (MQTT 3.1.1 §2.2, 5.0 §2.1.1): type and flags in one octet, then the Remaining
/// Length as a variable byte integer of at most four octets.
struct FixedHeader {
    let type: UInt8
    let flags: UInt8
    /// Octets of the fixed header (2…5).
    let length: Int
    let remainingLength: Int

    var packetLength: Int { length + remainingLength }

    enum ReadResult {
        case header(FixedHeader)
        case needMoreBytes
        case malformed
    }

    static let maximumLengthOctets = 4

    static func read(_ bytes: ByteView) -> ReadResult {
        guard let first = bytes.getUInt8(at: 0) else { return .needMoreBytes }
        var value = 0
        var shift = 0
        var index = 1
        while true {
            guard index <= maximumLengthOctets else { return .malformed }
            guard let byte = bytes.getUInt8(at: index) else { return .needMoreBytes }
            value |= Int(byte & 0x7F) << shift
            shift += 7
            index += 1
            if byte & 0x80 == 0 { break }
        }
        return .header(FixedHeader(type: first >> 4, flags: first & 0x0F, length: index, remainingLength: value))
    }
}
