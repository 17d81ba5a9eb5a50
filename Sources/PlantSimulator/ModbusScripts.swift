import Modbus

/// Modbus/TCP on port 502 (Messaging on TCP/IP v1.0b): the transaction id counts up per request.
final class ModbusPollScript: SessionScript {
    struct Read {
        var function: ModbusFunctionCode
        var start: UInt16
        var count: UInt16
    }

    let unitID: UInt8
    let reads: [Read]
    private var transactionID: UInt16

    init(unitID: UInt8 = 1, reads: [Read], firstTransaction: UInt16) {
        self.unitID = unitID
        self.reads = reads
        self.transactionID = firstTransaction
    }

    func opening(random: inout SplitMix64) -> [Exchange] { [] }

    func poll(cycle: Int, random: inout SplitMix64) -> [Exchange] {
        reads.map { read in
            let request = ModbusEncoder.readRequestPDU(function: read.function, start: read.start, count: read.count)
            let response: [UInt8]
            switch read.function {
            case .readCoils, .readDiscreteInputs:
                response = ModbusEncoder.readBitsResponsePDU(
                    function: read.function,
                    bits: ProcessValues.bits(count: Int(read.count), cycle: cycle, random: &random))
            default:
                response = ModbusEncoder.readRegistersResponsePDU(
                    function: read.function,
                    registers: ProcessValues.registers(
                        count: Int(read.count), cycle: cycle, seedOffset: Int(read.start), random: &random))
            }
            return exchange(request, response, latency: random.int(in: 800...4_000))
        }
    }

    /// Wraps request and response PDUs in MBAP headers with the next transaction id.
    func exchange(_ request: [UInt8], _ response: [UInt8], latency: Int64 = 2_000, truth: TruthLabel? = nil)
        -> Exchange
    {
        transactionID &+= 1
        return Exchange(
            request: ModbusEncoder.adu(transactionID: transactionID, unitID: unitID, pdu: request),
            replies: [ModbusEncoder.adu(transactionID: transactionID, unitID: unitID, pdu: response)],
            truth: truth, latency: latency)
    }
}

extension DeviceIdentity {
    /// The basic and regular objects of a Read Device Identification response (§6.21).
    var modbusObjects: [(id: UInt8, value: String)] {
        [(0x00, vendor), (0x01, product), (0x02, firmware), (0x04, model)]
    }
}
