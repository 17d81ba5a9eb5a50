import BinaryParsing

/// Builds Modbus/TCP ADUs (Modbus Messaging on TCP/IP v1.0b §3.1, Application Protocol v1.1b3 §6)
/// for the traffic simulator and tests. The `…PDU` functions return the PDU (function code and
/// data); `adu` wraps one in the MBAP header.
public enum ModbusEncoder {
    /// MBAP header (transaction id, protocol id 0, length of unit id + PDU, unit id) + PDU.
    public static func adu(transactionID: UInt16, unitID: UInt8, pdu: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(capacity: 7 + pdu.count)
        writer.append(bigEndian: transactionID)
        writer.append(bigEndian: UInt16(0))
        writer.append(bigEndian: UInt16(1 + pdu.count))
        writer.append(unitID)
        writer.append(pdu)
        return writer.bytes
    }

    /// Functions 1–4 (§6.1–6.4): starting address and quantity.
    public static func readRequestPDU(function: ModbusFunctionCode, start: UInt16, count: UInt16) -> [UInt8] {
        var writer = ByteWriter(capacity: 5)
        writer.append(function.rawValue)
        writer.append(bigEndian: start)
        writer.append(bigEndian: count)
        return writer.bytes
    }

    /// Functions 1 and 2: byte count, then the bits packed LSB first.
    public static func readBitsResponsePDU(function: ModbusFunctionCode, bits: [Bool]) -> [UInt8] {
        var packed = [UInt8](repeating: 0, count: (bits.count + 7) / 8)
        for (index, bit) in bits.enumerated() where bit { packed[index / 8] |= 1 << UInt8(index % 8) }
        return [function.rawValue, UInt8(packed.count)] + packed
    }

    /// Functions 3 and 4: byte count, then the registers.
    public static func readRegistersResponsePDU(function: ModbusFunctionCode, registers: [UInt16]) -> [UInt8] {
        var writer = ByteWriter(capacity: 2 + 2 * registers.count)
        writer.append(function.rawValue)
        writer.append(UInt8(2 * registers.count))
        for register in registers { writer.append(bigEndian: register) }
        return writer.bytes
    }

    /// Function 5 (§6.5); the response echoes the request.
    public static func writeSingleCoilPDU(address: UInt16, on: Bool) -> [UInt8] {
        var writer = ByteWriter(capacity: 5)
        writer.append(ModbusFunctionCode.writeSingleCoil.rawValue)
        writer.append(bigEndian: address)
        writer.append(bigEndian: UInt16(on ? 0xFF00 : 0x0000))
        return writer.bytes
    }

    /// Function 6 (§6.6); the response echoes the request.
    public static func writeSingleRegisterPDU(address: UInt16, value: UInt16) -> [UInt8] {
        var writer = ByteWriter(capacity: 5)
        writer.append(ModbusFunctionCode.writeSingleRegister.rawValue)
        writer.append(bigEndian: address)
        writer.append(bigEndian: value)
        return writer.bytes
    }

    /// Function 16 request (§6.12): start, quantity, byte count, values.
    public static func writeMultipleRegistersPDU(start: UInt16, values: [UInt16]) -> [UInt8] {
        var writer = ByteWriter(capacity: 6 + 2 * values.count)
        writer.append(ModbusFunctionCode.writeMultipleRegisters.rawValue)
        writer.append(bigEndian: start)
        writer.append(bigEndian: UInt16(values.count))
        writer.append(UInt8(2 * values.count))
        for value in values { writer.append(bigEndian: value) }
        return writer.bytes
    }

    /// Function 15 request (§6.11): start, quantity, byte count, bits packed LSB first.
    public static func writeMultipleCoilsPDU(start: UInt16, bits: [Bool]) -> [UInt8] {
        let packed = Array(readBitsResponsePDU(function: .readCoils, bits: bits).dropFirst(2))
        var writer = ByteWriter(capacity: 6 + packed.count)
        writer.append(ModbusFunctionCode.writeMultipleCoils.rawValue)
        writer.append(bigEndian: start)
        writer.append(bigEndian: UInt16(bits.count))
        writer.append(UInt8(packed.count))
        writer.append(packed)
        return writer.bytes
    }

    /// Functions 15 and 16 response: start and quantity written.
    public static func writeMultipleResponsePDU(function: ModbusFunctionCode, start: UInt16, count: UInt16) -> [UInt8] {
        readRequestPDU(function: function, start: start, count: count)
    }

    /// Function 8 (§6.8): sub-function and data; a normal response echoes the request.
    public static func diagnosticsPDU(subFunction: UInt16, data: UInt16 = 0) -> [UInt8] {
        var writer = ByteWriter(capacity: 5)
        writer.append(ModbusFunctionCode.diagnostics.rawValue)
        writer.append(bigEndian: subFunction)
        writer.append(bigEndian: data)
        return writer.bytes
    }

    /// Function 43 / MEI 14 request (§6.21): read device ID code (1 basic, 2 regular), object id.
    public static func readDeviceIdentificationRequestPDU(code: UInt8 = 1, objectID: UInt8 = 0) -> [UInt8] {
        [ModbusFunctionCode.encapsulatedInterfaceTransport.rawValue, 0x0E, code, objectID]
    }

    /// Function 43 / MEI 14 response carrying every object at once (no "more follows").
    public static func readDeviceIdentificationResponsePDU(
        code: UInt8 = 1, conformityLevel: UInt8 = 0x01, objects: [(id: UInt8, value: String)]
    ) -> [UInt8] {
        var writer = ByteWriter(capacity: 64)
        writer.append(ModbusFunctionCode.encapsulatedInterfaceTransport.rawValue)
        writer.append(0x0E)
        writer.append(code)
        writer.append(conformityLevel)
        writer.append(0x00)  // more follows: no
        writer.append(0x00)  // next object id
        writer.append(UInt8(objects.count))
        for object in objects {
            let value = Array(object.value.utf8.prefix(255))
            writer.append(object.id)
            writer.append(UInt8(value.count))
            writer.append(value)
        }
        return writer.bytes
    }

    /// An exception response (§7): the function code with the high bit set, then the exception code.
    public static func exceptionPDU(function: ModbusFunctionCode, exceptionCode: UInt8) -> [UInt8] {
        [function.rawValue | 0x80, exceptionCode]
    }
}
