import BinaryParsing

/// Builds DNP3 link frames (IEEE 1815-2012 §9.2: header and every 16-octet block followed by its
/// CRC), transport segments (§8) and application fragments (§4.2.2) for the traffic simulator
/// and tests. A fragment up to 249 octets fits one frame, as everything the simulator sends does.
public enum DNP3Encoder {
    /// Link control: master → outstation primary frame, unconfirmed user data (DIR, PRM, function 4).
    public static let masterControl: UInt8 = 0xC4
    /// Outstation → master primary frame, unconfirmed user data.
    public static let outstationControl: UInt8 = 0x44

    /// One link frame carrying one transport segment (FIR and FIN set) with `fragment`.
    public static func frame(
        control: UInt8, destination: UInt16, source: UInt16, transportSequence: UInt8, fragment: [UInt8]
    ) -> [UInt8] {
        let userData = [0xC0 | (transportSequence & 0x3F)] + fragment.prefix(249)
        var header = ByteWriter(capacity: 10)
        header.append([0x05, 0x64])
        header.append(UInt8(5 + userData.count))
        header.append(control)
        header.append(littleEndian: destination)
        header.append(littleEndian: source)
        var writer = ByteWriter(capacity: 10 + userData.count + 2 * (userData.count / 16 + 1))
        writer.append(header.bytes)
        writer.append(littleEndian: crc(header.bytes))
        var offset = 0
        while offset < userData.count {
            let block = Array(userData[offset..<min(offset + 16, userData.count)])
            writer.append(block)
            writer.append(littleEndian: crc(block))
            offset += 16
        }
        return writer.bytes
    }

    /// The DNP3 CRC (polynomial 0x3D65 reflected, complemented), sent low octet first.
    public static func crc(_ bytes: [UInt8]) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes { crc = (crc >> 8) ^ DNP3CRC.table[Int(UInt8(truncatingIfNeeded: crc) ^ byte)] }
        return ~crc
    }

    /// A request fragment: application control (FIR, FIN, sequence), function, object headers.
    public static func request(sequence: UInt8, function: UInt8, objects: [UInt8] = []) -> [UInt8] {
        [0xC0 | (sequence & 0x0F), function] + objects
    }

    /// A response fragment (function 0x81) with internal indications.
    public static func response(sequence: UInt8, iin: UInt16 = 0, objects: [UInt8] = []) -> [UInt8] {
        [0xC0 | (sequence & 0x0F), 0x81, UInt8(iin >> 8), UInt8(iin & 0xFF)] + objects
    }

    /// READ (1) of class `classNumber` 0–3: group 60 variation 1–4, qualifier 6 (all objects).
    public static func readClass(sequence: UInt8, classNumber: UInt8) -> [UInt8] {
        request(sequence: sequence, function: 0x01, objects: [60, classNumber + 1, 0x06])
    }

    /// Group 30 variation 1 (32-bit analog input with flag), qualifier 0 (8-bit start/stop).
    public static func analogInputs(start: UInt8, values: [Int32]) -> [UInt8] {
        var writer = ByteWriter(capacity: 5 + 5 * values.count)
        writer.append([30, 1, 0x00, start, start &+ UInt8(max(values.count, 1) - 1)])
        for value in values {
            writer.append(0x01)  // flag: online
            writer.append(littleEndian: value)
        }
        return writer.bytes
    }

    /// Group 12 variation 1 (control relay output block), qualifier 0x28 (16-bit count and
    /// index): one CROB for `index`. Control code 0x41 = pulse on, close.
    public static func controlRelayOutputBlock(index: UInt16, code: UInt8 = 0x41, onTime: UInt32 = 1000) -> [UInt8] {
        var writer = ByteWriter(capacity: 18)
        writer.append([12, 1, 0x28])
        writer.append(littleEndian: UInt16(1))
        writer.append(littleEndian: index)
        writer.append(code)
        writer.append(1)  // count
        writer.append(littleEndian: onTime)
        writer.append(littleEndian: UInt32(0))  // off time
        writer.append(0)  // status: success
        return writer.bytes
    }

    /// DIRECT OPERATE (5) of one CROB.
    public static func directOperate(sequence: UInt8, index: UInt16) -> [UInt8] {
        request(sequence: sequence, function: 0x05, objects: controlRelayOutputBlock(index: index))
    }

    /// COLD RESTART (13): no objects.
    public static func coldRestart(sequence: UInt8) -> [UInt8] { request(sequence: sequence, function: 0x0D) }

    /// The response to a restart: group 52 variation 2 (time delay fine, ms), qualifier 7 (count 1).
    public static func restartResponse(sequence: UInt8, delayMilliseconds: UInt16) -> [UInt8] {
        var objects = ByteWriter(capacity: 6)
        objects.append([52, 2, 0x07, 1])
        objects.append(littleEndian: delayMilliseconds)
        return response(sequence: sequence, objects: objects.bytes)
    }
}
