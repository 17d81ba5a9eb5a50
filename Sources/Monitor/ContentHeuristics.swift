import BinaryParsing
import EventModel

/// Content checks that recognise industrial and IT protocols on ports other than their own. Each is
/// strict enough that random TCP/UDP payloads rarely pass: lengths must agree with the bytes seen.
public enum ContentHeuristics {
    /// Modbus/TCP MBAP header (Modbus Messaging on TCP/IP Implementation Guide v1.0b §3.1.3).
    @Sendable public static func modbus(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard bytes.count >= 8 else { return .needMoreBytes }
        guard bytes.getUInt16(at: 2) == 0, let length = bytes.getUInt16(at: 4), (2...254).contains(length) else {
            return .noMatch
        }
        let function = bytes[7] & 0x7F
        guard function >= 1, function <= 127 else { return .noMatch }
        // The first ADU must end exactly at the payload's end or at the start of another MBAP header.
        let total = 6 + Int(length)
        if total == bytes.count { return .match }
        if total < bytes.count, bytes.getUInt16(at: total + 2) == 0 { return .match }
        return .noMatch
    }

    /// TPKT (RFC 1006) carrying COTP (ISO 8073): S7comm, S7comm-plus and MMS all ride on it.
    @Sendable public static func tpkt(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard bytes.count >= 7 else { return .needMoreBytes }
        guard bytes[0] == 3, bytes[1] == 0, let length = bytes.getUInt16(at: 2), length >= 7 else { return .noMatch }
        let cotpLength = Int(bytes[4])
        guard cotpLength + 5 <= Int(length) else { return .noMatch }
        switch bytes[5] & 0xF0 {
        case 0xE0, 0xD0, 0xF0, 0x80, 0xC0, 0x70, 0x60, 0x50, 0x20, 0x10: return .match
        default: return .noMatch
        }
    }

    /// EtherNet/IP encapsulation header (CIP Vol. 2 §2-3): known command, length matching the data.
    @Sendable public static func enip(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard bytes.count >= 24 else { return .needMoreBytes }
        guard let command = bytes.getUInt16(at: 0, bigEndian: false),
            let length = bytes.getUInt16(at: 2, bigEndian: false)
        else { return .noMatch }
        switch command {
        case 0x0000, 0x0004, 0x0063, 0x0064, 0x0065, 0x0066, 0x006F, 0x0070, 0x0072, 0x0073: break
        default: return .noMatch
        }
        let total = 24 + Int(length)
        if isTCP { return total <= bytes.count ? .match : .noMatch }  // several PDUs may follow
        return total == bytes.count ? .match : .noMatch
    }

    /// DNP3 link layer (IEEE 1815 §9.2): 0x0564 start, length ≥ 5, header CRC valid.
    @Sendable public static func dnp3(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard bytes.count >= 10 else { return .needMoreBytes }
        guard bytes[0] == 0x05, bytes[1] == 0x64, bytes[2] >= 5 else { return .noMatch }
        var crc: UInt16 = 0
        for index in 0..<8 { crc = dnp3CRCStep(crc, bytes[index]) }
        let expected = ~crc
        return bytes.getUInt16(at: 8, bigEndian: false) == expected ? .match : .noMatch
    }

    static func dnp3CRCStep(_ crc: UInt16, _ byte: UInt8) -> UInt16 {
        var crc = crc ^ UInt16(byte)
        for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA6BC : crc >> 1 }
        return crc
    }

    /// IEC 60870-5-104 APCI (IEC 60870-5-104 §5): 0x68, length 4…253, a valid control field.
    @Sendable public static func iec104(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard bytes.count >= 6 else { return .needMoreBytes }
        guard bytes[0] == 0x68, (4...253).contains(bytes[1]), Int(bytes[1]) + 2 <= bytes.count else { return .noMatch }
        let control = bytes[2]
        if control & 0x01 == 0 { return bytes[1] >= 6 ? .match : .noMatch }  // I format carries an ASDU
        if control & 0x03 == 0x01 { return bytes[1] == 4 ? .match : .noMatch }  // S format
        switch control {  // U format: exactly one function bit
        case 0x07, 0x0B, 0x13, 0x23, 0x43, 0x83: return bytes[1] == 4 ? .match : .noMatch
        default: return .noMatch
        }
    }

    /// OPC UA Connection Protocol (OPC 10000-6 §7.1.2): message type, chunk type, size.
    @Sendable public static func opcua(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard bytes.count >= 8 else { return .needMoreBytes }
        let type = (bytes[0], bytes[1], bytes[2])
        let known =
            type == (0x48, 0x45, 0x4C) || type == (0x41, 0x43, 0x4B) || type == (0x4F, 0x50, 0x4E)
            || type == (0x4D, 0x53, 0x47) || type == (0x43, 0x4C, 0x4F) || type == (0x45, 0x52, 0x52)
            || type == (0x52, 0x48, 0x45)
        guard known, [0x46, 0x43, 0x41].contains(bytes[3]), let size = bytes.getUInt32(at: 4, bigEndian: false),
            size >= 8, size <= 1 << 24
        else { return .noMatch }
        return .match
    }

    /// MQTT CONNECT (MQTT 3.1.1 §3.1, 5.0 §3.1): protocol name "MQTT" or "MQIsdp".
    @Sendable public static func mqtt(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard bytes.count >= 2 else { return .needMoreBytes }
        guard bytes[0] == 0x10 else { return .noMatch }
        var offset = 1
        var multiplier = 1
        var remaining = 0
        while true {
            guard let byte = bytes.getUInt8(at: offset), offset <= 4 else {
                return bytes.count < 5 ? .needMoreBytes : .noMatch
            }
            remaining += Int(byte & 0x7F) * multiplier
            multiplier *= 128
            offset += 1
            if byte & 0x80 == 0 { break }
        }
        guard remaining >= 10 else { return .noMatch }
        let name = bytes.dropFirst(offset)
        guard name.count >= 8 else { return .needMoreBytes }
        if name.getUInt16(at: 0) == 4, name.dropFirst(2).hasPrefix("MQTT") { return .match }
        if name.getUInt16(at: 0) == 6, name.dropFirst(2).hasPrefix("MQIsdp") { return .match }
        return .noMatch
    }

    /// BACnet/IP BVLC (ASHRAE 135 Annex J): type 0x81, known function, length equal to the datagram.
    @Sendable public static func bacnet(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard !isTCP, bytes.count >= 4 else { return isTCP ? .noMatch : .needMoreBytes }
        guard bytes[0] == 0x81, bytes[1] <= 0x0C, bytes.getUInt16(at: 2) == UInt16(truncatingIfNeeded: bytes.count)
        else { return .noMatch }
        return .match
    }

    /// HTTP/1.x request line or status line.
    @Sendable public static func http(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 5 else { return .needMoreBytes }
        for method: StaticString in [
            "GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "CONNECT ", "PATCH ", "HTTP/1.",
        ]
        where bytes.hasPrefix(method) {
            return .match
        }
        return .noMatch
    }

    /// TLS record: handshake (22) with a TLS version.
    @Sendable public static func tls(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 6 else { return .needMoreBytes }
        return bytes[0] == 0x16 && bytes[1] == 0x03 && bytes[2] <= 0x04 && bytes[5] == 0x01 ? .match : .noMatch
    }

    /// SSH identification string (RFC 4253 §4.2).
    @Sendable public static func ssh(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard isTCP else { return .noMatch }
        guard bytes.count >= 4 else { return .needMoreBytes }
        return bytes.hasPrefix("SSH-") ? .match : .noMatch
    }
}
