import BinaryParsing

/// Builds S7comm over ISO-on-TCP (RFC 1006 TPKT, ISO 8073 COTP class 0) for the traffic simulator
/// and tests, byte for byte as Wireshark's packet-s7comm.c dissects it. Every function returns a
/// whole TPKT packet (the TCP payload).
public enum S7CommEncoder {
    /// An S7 variable address: area (0x84 DB, 0x81 inputs, 0x82 outputs, 0x83 flags), DB number,
    /// byte address, and the number of bytes.
    public struct Item: Sendable {
        public var area: UInt8
        public var dbNumber: UInt16
        public var byteAddress: Int
        public var length: UInt16

        public init(area: UInt8 = 0x84, dbNumber: UInt16, byteAddress: Int, length: UInt16) {
            self.area = area
            self.dbNumber = dbNumber
            self.byteAddress = byteAddress
            self.length = length
        }
    }

    /// A TSAP: connection type (1 PG, 2 OP, 3 S7 basic) and rack/slot.
    public static func tsap(connectionType: UInt8, rack: UInt8, slot: UInt8) -> [UInt8] {
        [connectionType, rack << 5 | (slot & 0x1F)]
    }

    /// TPKT header (version 3, reserved, length including the header) around `body`.
    public static func tpkt(_ body: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(capacity: 4 + body.count)
        writer.append(3)
        writer.append(0)
        writer.append(bigEndian: UInt16(4 + body.count))
        writer.append(body)
        return writer.bytes
    }

    /// COTP Connection Request (0xE0) with TPDU size 1024 and the calling/called TSAPs.
    public static func connectionRequest(sourceReference: UInt16, callingTSAP: [UInt8], calledTSAP: [UInt8]) -> [UInt8]
    {
        connection(
            code: 0xE0, destinationReference: 0, sourceReference: sourceReference, calling: callingTSAP,
            called: calledTSAP)
    }

    /// COTP Connection Confirm (0xD0) echoing the TSAPs.
    public static func connectionConfirm(
        destinationReference: UInt16, sourceReference: UInt16, callingTSAP: [UInt8], calledTSAP: [UInt8]
    ) -> [UInt8] {
        connection(
            code: 0xD0, destinationReference: destinationReference, sourceReference: sourceReference,
            calling: callingTSAP, called: calledTSAP)
    }

    private static func connection(
        code: UInt8, destinationReference: UInt16, sourceReference: UInt16, calling: [UInt8], called: [UInt8]
    ) -> [UInt8] {
        var cotp = ByteWriter(capacity: 24)
        cotp.append(0)  // length indicator, below
        cotp.append(code)
        cotp.append(bigEndian: destinationReference)
        cotp.append(bigEndian: sourceReference)
        cotp.append(0)  // class 0, no options
        cotp.append([0xC0, 1, 0x0A])  // TPDU size 2^10
        cotp.append([0xC1, UInt8(calling.count)] + calling)
        cotp.append([0xC2, UInt8(called.count)] + called)
        var bytes = cotp.bytes
        bytes[0] = UInt8(bytes.count - 1)
        return tpkt(bytes)
    }

    /// An S7 PDU in one COTP DT TPDU (last data unit) in TPKT.
    public static func data(_ s7: [UInt8]) -> [UInt8] { tpkt([0x02, 0xF0, 0x80] + s7) }

    /// S7 header + parameter + data. Ack-data (ROSCTR 3) carries error class and code.
    public static func pdu(rosctr: UInt8, reference: UInt16, parameters: [UInt8], data: [UInt8] = []) -> [UInt8] {
        var writer = ByteWriter(capacity: 12 + parameters.count + data.count)
        writer.append(0x32)
        writer.append(rosctr)
        writer.append(bigEndian: UInt16(0))  // redundancy identification
        writer.append(bigEndian: reference)
        writer.append(bigEndian: UInt16(parameters.count))
        writer.append(bigEndian: UInt16(data.count))
        if rosctr == 2 || rosctr == 3 { writer.append(bigEndian: UInt16(0)) }  // error class, code
        writer.append(parameters)
        writer.append(data)
        return Self.data(writer.bytes)
    }

    /// Setup communication (0xF0), job and ack-data alike: max AmQ calling/called, PDU length.
    public static func setupCommunication(rosctr: UInt8, reference: UInt16, pduLength: UInt16 = 480) -> [UInt8] {
        var parameters = ByteWriter(capacity: 8)
        parameters.append([0xF0, 0x00])
        parameters.append(bigEndian: UInt16(1))
        parameters.append(bigEndian: UInt16(1))
        parameters.append(bigEndian: pduLength)
        return pdu(rosctr: rosctr, reference: reference, parameters: parameters.bytes)
    }

    /// Read Var job (0x04): one S7ANY item (syntax id 0x10, transport size BYTE) per address.
    public static func readVariableRequest(reference: UInt16, items: [Item]) -> [UInt8] {
        pdu(rosctr: 1, reference: reference, parameters: itemParameters(function: 0x04, items: items))
    }

    /// Read Var ack-data: a success return code and the bytes of each item (padded to even length
    /// between items).
    public static func readVariableResponse(reference: UInt16, values: [[UInt8]]) -> [UInt8] {
        var data = ByteWriter(capacity: 64)
        for (position, value) in values.enumerated() {
            data.append(0xFF)  // success
            data.append(0x04)  // transport size: BYTE/WORD/DWORD, length in bits
            data.append(bigEndian: UInt16(value.count * 8))
            data.append(value)
            if value.count % 2 == 1, position < values.count - 1 { data.append(0) }
        }
        return pdu(rosctr: 3, reference: reference, parameters: [0x04, UInt8(values.count)], data: data.bytes)
    }

    /// Write Var job (0x05): the items, then the data of each.
    public static func writeVariableRequest(reference: UInt16, items: [Item], values: [[UInt8]]) -> [UInt8] {
        var data = ByteWriter(capacity: 64)
        for (position, value) in values.enumerated() {
            data.append(0x00)  // reserved
            data.append(0x04)
            data.append(bigEndian: UInt16(value.count * 8))
            data.append(value)
            if value.count % 2 == 1, position < values.count - 1 { data.append(0) }
        }
        return pdu(
            rosctr: 1, reference: reference, parameters: itemParameters(function: 0x05, items: items),
            data: data.bytes)
    }

    /// Write Var ack-data: one success return code per item.
    public static func writeVariableResponse(reference: UInt16, itemCount: Int) -> [UInt8] {
        pdu(
            rosctr: 3, reference: reference, parameters: [0x05, UInt8(itemCount)],
            data: [UInt8](repeating: 0xFF, count: itemCount))
    }

    private static func itemParameters(function: UInt8, items: [Item]) -> [UInt8] {
        var parameters = ByteWriter(capacity: 2 + 12 * items.count)
        parameters.append(function)
        parameters.append(UInt8(items.count))
        for item in items {
            parameters.append([0x12, 0x0A, 0x10, 0x02])  // variable spec, length, S7ANY, BYTE
            parameters.append(bigEndian: item.length)
            parameters.append(bigEndian: item.dbNumber)
            parameters.append(item.area)
            let bitAddress = UInt32(item.byteAddress) << 3
            parameters.append(UInt8(truncatingIfNeeded: bitAddress >> 16))
            parameters.append(bigEndian: UInt16(truncatingIfNeeded: bitAddress))
        }
        return parameters.bytes
    }

    /// Userdata (ROSCTR 7) Read SZL request (group 4, subfunction 1).
    public static func readSZLRequest(reference: UInt16, sequence: UInt8 = 0, id: UInt16, index: UInt16) -> [UInt8] {
        let parameters: [UInt8] = [0x00, 0x01, 0x12, 0x04, 0x11, 0x44, 0x01, sequence]
        var data = ByteWriter(capacity: 8)
        data.append([0xFF, 0x09])  // return code success, transport size octet string
        data.append(bigEndian: UInt16(4))
        data.append(bigEndian: id)
        data.append(bigEndian: index)
        return pdu(rosctr: 7, reference: reference, parameters: parameters, data: data.bytes)
    }

    /// Userdata Read SZL response: the records (each `recordLength` bytes) in one data unit.
    public static func readSZLResponse(
        reference: UInt16, sequence: UInt8 = 0, id: UInt16, index: UInt16, recordLength: Int, records: [[UInt8]]
    ) -> [UInt8] {
        // Head, parameter length 8, method response, type 8 / group 4, subfunction, sequence,
        // data unit reference, last data unit, error code.
        let parameters: [UInt8] = [0x00, 0x01, 0x12, 0x08, 0x12, 0x84, 0x01, sequence, 0x00, 0x00, 0x00, 0x00]
        var body = ByteWriter(capacity: 8 + recordLength * records.count)
        body.append(bigEndian: id)
        body.append(bigEndian: index)
        body.append(bigEndian: UInt16(recordLength))
        body.append(bigEndian: UInt16(records.count))
        for record in records { body.append(record) }
        var data = ByteWriter(capacity: 4 + body.count)
        data.append([0xFF, 0x09])
        data.append(bigEndian: UInt16(body.count))
        data.append(body.bytes)
        return pdu(rosctr: 7, reference: reference, parameters: parameters, data: data.bytes)
    }

    /// An SZL 0x0011 record (28 bytes): index, order number (20 characters, space padded), BGTyp,
    /// Ausbg, Ausbe.
    public static func moduleIdentificationRecord(index: UInt16, orderNumber: String, ausbg: UInt16, ausbe: UInt16)
        -> [UInt8]
    {
        var record = ByteWriter(capacity: 28)
        record.append(bigEndian: index)
        record.append(padded(orderNumber, to: 20))
        record.append(bigEndian: UInt16(0))  // BGTyp
        record.append(bigEndian: ausbg)
        record.append(bigEndian: ausbe)
        return record.bytes
    }

    /// An SZL 0x001C record (34 bytes): index and 32 characters, NUL padded.
    public static func componentIdentificationRecord(index: UInt16, text: String) -> [UInt8] {
        var record = ByteWriter(capacity: 34)
        record.append(bigEndian: index)
        var value = Array(text.utf8.prefix(32))
        value += [UInt8](repeating: 0, count: 32 - value.count)
        record.append(value)
        return record.bytes
    }

    /// PLC Stop job (0x29): 5 unknown bytes, service name length, "P_PROGRAM".
    public static func plcStop(reference: UInt16) -> [UInt8] {
        let name = Array("P_PROGRAM".utf8)
        return pdu(rosctr: 1, reference: reference, parameters: [0x29, 0, 0, 0, 0, 0, UInt8(name.count)] + name)
    }

    /// PI-Service job (0x28): 7 unknown bytes (the last 0xFD), parameter block, service name.
    public static func piService(reference: UInt16, parameterBlock: [UInt8], service: String) -> [UInt8] {
        let name = Array(service.utf8)
        var parameters = ByteWriter(capacity: 16 + parameterBlock.count + name.count)
        parameters.append([0x28, 0, 0, 0, 0, 0, 0, 0xFD])
        parameters.append(bigEndian: UInt16(parameterBlock.count))
        parameters.append(parameterBlock)
        parameters.append(UInt8(name.count))
        parameters.append(name)
        return pdu(rosctr: 1, reference: reference, parameters: parameters.bytes)
    }

    /// The ack-data of PLC Stop and PI-Service: the function code alone.
    public static func controlResponse(reference: UInt16, function: UInt8) -> [UInt8] {
        pdu(rosctr: 3, reference: reference, parameters: [function])
    }

    /// A block filename: "_", block type ("08" OB, "0A" DB, "0C" FC, "0E" FB), 5 digits, 'P'.
    public static func blockFilename(blockType: String, number: Int) -> String {
        let digits = String(number)
        return "_" + blockType + String(repeating: "0", count: max(0, 5 - digits.count)) + digits + "P"
    }

    /// Request download (0x1A), download block (0x1B) or download ended (0x1C) job: function
    /// status, 2 unknown bytes, upload id, filename; request download adds the lengths part ("1",
    /// load memory length and MC7 length as 6 decimal digits each).
    public static func downloadJob(
        reference: UInt16, function: UInt8, filename: String, loadMemoryLength: Int = 0, mc7Length: Int = 0
    ) -> [UInt8] {
        let name = Array(filename.utf8)
        var parameters = ByteWriter(capacity: 40)
        parameters.append([function, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00])
        parameters.append(UInt8(name.count))
        parameters.append(name)
        if function == 0x1A {
            let lengths = "1" + sixDigits(loadMemoryLength) + sixDigits(mc7Length)
            parameters.append(UInt8(lengths.utf8.count))
            parameters.append(utf8: lengths)
        }
        return pdu(rosctr: 1, reference: reference, parameters: parameters.bytes)
    }

    /// Ack-data of request download / download ended: the function code alone.
    public static func downloadAcknowledgment(reference: UInt16, function: UInt8) -> [UInt8] {
        pdu(rosctr: 3, reference: reference, parameters: [function])
    }

    /// Ack-data of download block: function, function status (0x01 more follows, 0x00 last), then
    /// the data: length, 2 unknown bytes (0x00FB), block bytes.
    public static func downloadBlockResponse(reference: UInt16, moreFollows: Bool, block: [UInt8]) -> [UInt8] {
        var data = ByteWriter(capacity: 4 + block.count)
        data.append(bigEndian: UInt16(block.count))
        data.append(bigEndian: UInt16(0x00FB))
        data.append(block)
        return pdu(rosctr: 3, reference: reference, parameters: [0x1B, moreFollows ? 0x01 : 0x00], data: data.bytes)
    }

    private static func sixDigits(_ value: Int) -> String {
        let digits = String(min(max(value, 0), 999_999))
        return String(repeating: "0", count: 6 - digits.count) + digits
    }

    private static func padded(_ text: String, to count: Int) -> [UInt8] {
        var bytes = Array(text.utf8.prefix(count))
        bytes += [UInt8](repeating: 0x20, count: count - bytes.count)
        return bytes
    }
}
