import BinaryParsing
import EventModel

/// Turns framed ADUs of one flow into events, pairing each response with its request. Shared by
/// the TCP and UDP decoders; framing has already checked the protocol identifier and length.
struct ModbusADUDecoder {
    private var transactions = ModbusTransactionTable()
    /// Whether requests have been seen since the flow (or its last gap) began: only then is a
    /// response without a request out of protocol.
    private var hasSeenRequests = false

    var pendingRequestCount: Int { transactions.count }

    /// Decodes one whole ADU (header included). `oversized`: the length field exceeded 254.
    mutating func decode(_ adu: ByteView, oversized: Bool, context: PacketContext, events: EventBatch) {
        var reader = ByteReader(adu)
        guard let header = ModbusApplicationHeader.read(&reader), let rawFunction = reader.readUInt8() else {
            emitAnomaly(ModbusAnomaly.truncatedPDU, context: context, events: events)
            return
        }
        let function = ModbusFunctionCode(rawValue: rawFunction)
        let data = reader.rest

        var event = ProtocolEvent()
        event.protocolID = .modbus
        event.function = Int64(function.function.rawValue)
        var anomaly: Anomaly? = oversized ? Anomaly(ModbusAnomaly.oversizedADU) : nil
        let key = ModbusTransactionTable.key(unitID: header.unitID, transactionID: header.transactionID)

        if context.fromClient {
            event.direction = .request
            let meaning = ModbusFunctionMeaning.of(function, data: data, isRequest: true)
            let parsed = ModbusRequestTarget.parse(function, data: data, unitID: header.unitID)
            event.functionName = meaning.name
            event.subfunction = meaning.subfunction
            event.operation = meaning.operation
            event.target = parsed.target
            hasSeenRequests = true
            let umasFunction = function == .umas ? data.getUInt8(at: 1).map(UmasFunctionCode.init(rawValue:)) : nil
            let flooded = transactions.insert(
                .init(key: key, function: function, meaning: meaning, target: parsed.target, umasFunction: umasFunction)
            )
            if flooded { anomaly = anomaly ?? Anomaly(ModbusAnomaly.requestFlood) }
            anomaly = anomaly ?? parsed.anomaly
        } else {
            event.direction = .response
            var meaning = ModbusFunctionMeaning.of(function, data: data, isRequest: false)
            var umasFunction: UmasFunctionCode?
            if let request = transactions.take(key: key) {
                if request.function.function == function.function {
                    meaning = request.meaning
                    event.target = request.target
                    umasFunction = request.umasFunction
                } else {
                    anomaly =
                        anomaly ?? Anomaly(ModbusAnomaly.functionMismatch, value: Int64(request.function.rawValue))
                }
            } else if hasSeenRequests {
                anomaly = anomaly ?? Anomaly(ModbusAnomaly.unsolicitedResponse)
            }
            event.functionName = meaning.name
            event.subfunction = meaning.subfunction
            event.operation = meaning.operation
            let outcome = Self.result(of: function, data: data)
            event.result = outcome.result
            anomaly = anomaly ?? outcome.anomaly
            if !function.isException {
                let identityAnomaly = addIdentity(
                    of: function, umasFunction: umasFunction, data: data, to: &event, events: events)
                anomaly = anomaly ?? identityAnomaly
            }
        }
        event.anomaly = anomaly
        events.emit(event, context: context)
    }

    /// A gap lost bytes: responses to lost requests are not unsolicited.
    mutating func gap() { hasSeenRequests = false }

    /// An event carrying only an anomaly (framing lost, truncated ADU): no function.
    func emitAnomaly(_ kind: AnomalyKind, value: Int64 = 0, context: PacketContext, events: EventBatch) {
        var event = ProtocolEvent()
        event.protocolID = .modbus
        event.direction = context.fromClient ? .request : .response
        event.anomaly = Anomaly(kind, value: value)
        events.emit(event, context: context)
    }

    /// §7: an exception response carries one exception code; UMAS reports success or error in its
    /// status byte; any other response is `ok`.
    static func result(of function: ModbusFunctionCode, data: ByteView) -> (result: EventResult, anomaly: Anomaly?) {
        if function.isException {
            guard let code = data.getUInt8(at: 0) else {
                return (.error(0, ""), Anomaly(ModbusAnomaly.truncatedPDU))
            }
            let exception = ModbusExceptionCode(rawValue: code)
            return (.error(Int64(code), exception.name), nil)
        }
        if function == .umas, data.getUInt8(at: 1) == UmasFunctionCode.errorStatus {
            return (.error(Int64(UmasFunctionCode.errorStatus), "UMAS Error"), nil)
        }
        return (.ok, nil)
    }

    /// Identity facts of 43/14, 17 and UMAS identification responses, attached to `event`.
    private func addIdentity(
        of function: ModbusFunctionCode, umasFunction: UmasFunctionCode?, data: ByteView,
        to event: inout ProtocolEvent, events: EventBatch
    ) -> Anomaly? {
        var anomaly: Anomaly?
        let start = events.nextFactIndex
        switch function {
        case .encapsulatedInterfaceTransport
        where data.getUInt8(at: 0) == ModbusEncapsulatedInterfaceType.readDeviceIdentification.rawValue:
            anomaly = ModbusDeviceIdentification.addFacts(from: data, to: events)
        case .reportServerID:
            if let identification = ModbusServerIdentification.parse(data) { identification.addFacts(to: events) }
            if !ModbusServerIdentification.isComplete(data) { anomaly = Anomaly(ModbusAnomaly.truncatedPDU) }
        case .umas:
            guard let umasFunction, UmasIdentification.identityKey(for: umasFunction) != nil else { return nil }
            UmasIdentification.addFacts(for: umasFunction, data: data, to: events)
        default:
            return nil
        }
        event.identityStart = start
        event.identityCount = events.nextFactIndex - start
        return anomaly
    }
}
