import BinaryParsing
import EventModel

/// What a request touches (the event's `target`: table, start address, count, unit) and whether its
/// fields respect the limits of its function.
public enum ModbusRequestTarget {
    public struct Parsed: Sendable {
        public var target = EventTarget()
        public var anomaly: Anomaly?
    }

    /// `data` is the PDU after the function code.
    public static func parse(_ function: ModbusFunctionCode, data: ByteView, unitID: UInt8) -> Parsed {
        var reader = ByteReader(data)
        switch function {
        case .readCoils:  // §6.1: quantity of coils 1…2000
            return range(.coils, &reader, unitID, quantityLimit: 2000)
        case .readDiscreteInputs:  // §6.2: quantity of inputs 1…2000
            return range(.discreteInputs, &reader, unitID, quantityLimit: 2000)
        case .readHoldingRegisters:  // §6.3: quantity of registers 1…125
            return range(.holdingRegisters, &reader, unitID, quantityLimit: 125)
        case .readInputRegisters:  // §6.4: quantity of input registers 1…125
            return range(.inputRegisters, &reader, unitID, quantityLimit: 125)
        case .writeSingleCoil:  // §6.5: output address, output value 0x0000 or 0xFF00
            guard let address = reader.readUInt16(), let value = reader.readUInt16() else { return truncated }
            var parsed = Parsed(target: target(.coils, address, 1, unitID))
            if value != 0x0000, value != 0xFF00 { parsed.anomaly = Anomaly(ModbusAnomaly.invalidCoilValue) }
            return parsed
        case .writeSingleRegister:  // §6.6: register address, register value
            guard let address = reader.readUInt16(), reader.skip(2) else { return truncated }
            return Parsed(target: target(.holdingRegisters, address, 1, unitID))
        case .writeMultipleCoils:  // §6.11: quantity of outputs 1…1968, then byte count and values
            return range(.coils, &reader, unitID, quantityLimit: 1968)
        case .writeMultipleRegisters:  // §6.12: quantity of registers 1…123, then byte count and values
            return range(.holdingRegisters, &reader, unitID, quantityLimit: 123)
        case .maskWriteRegister:  // §6.16: reference address, AND mask, OR mask
            guard let address = reader.readUInt16(), reader.skip(4) else { return truncated }
            return Parsed(target: target(.holdingRegisters, address, 1, unitID))
        case .readWriteMultipleRegisters:
            // §6.17: read start, read quantity 1…125, write start, write quantity 1…121. The write
            // is what changes the device, so it is the target.
            guard let readQuantity = reader.peekUInt16(at: 2), let writeStart = reader.peekUInt16(at: 4),
                let writeQuantity = reader.peekUInt16(at: 6)
            else { return truncated }
            var parsed = Parsed(target: target(.holdingRegisters, writeStart, Int64(writeQuantity), unitID))
            if !(1...125).contains(readQuantity) || !(1...121).contains(writeQuantity) {
                parsed.anomaly = Anomaly(ModbusAnomaly.quantityOutOfRange)
            }
            return parsed
        case .readFIFOQueue:  // §6.18: FIFO pointer address; the count is the server's to tell
            guard let address = reader.readUInt16() else { return truncated }
            return Parsed(target: target(.holdingRegisters, address, -1, unitID))
        default:
            return Parsed()
        }
    }

    private static var truncated: Parsed { Parsed(anomaly: Anomaly(ModbusAnomaly.truncatedPDU)) }

    private static func target(_ table: ModbusTable, _ start: UInt16, _ count: Int64, _ unitID: UInt8) -> EventTarget {
        EventTarget(kind: .modbusRange, table.rawValue, Int64(start), count, Int64(unitID))
    }

    /// Starting address and quantity, the first four bytes of functions 1–4, 15 and 16.
    private static func range(_ table: ModbusTable, _ reader: inout ByteReader, _ unitID: UInt8, quantityLimit: UInt16)
        -> Parsed
    {
        guard let start = reader.readUInt16(), let quantity = reader.readUInt16() else { return truncated }
        var parsed = Parsed(target: target(table, start, Int64(quantity), unitID))
        if !(1...quantityLimit).contains(quantity) { parsed.anomaly = Anomaly(ModbusAnomaly.quantityOutOfRange) }
        return parsed
    }
}
