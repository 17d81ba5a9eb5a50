import EventModel
import Foundation
import PacketLayers

/// An event read back as its `palisade.event/1` JSON line (how the store keeps notable events),
/// for learning a baseline from a store.
public struct BaselineObservation: Sendable {
    public var time: Int64
    public var source: Endpoint
    public var destination: Endpoint
    public var sourcePort: UInt16?
    public var destinationPort: UInt16?
    public var protocolID: UInt16
    public var function: Int64
    public var group: Int64
    public var subfunction: Int64
    public var functionName: String
    public var direction: EventDirection
    public var operation: EventOperation
    public var targetKind: EventTarget.Kind
    public var targetNumbers: (Int64, Int64, Int64, Int64)
    public var targetText: String

    /// Parses one event line; nil when it is not a `palisade.event/1` object with addresses,
    /// time and a known protocol.
    public init?(eventJSON: String) {
        guard let data = eventJSON.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            object["schema"] as? String == "palisade.event/1", let timeText = object["ts"] as? String,
            let time = BaselineTime.parse(timeText), let sourceText = object["src"] as? String,
            let destinationText = object["dst"] as? String, let source = BaselineIndex.endpoint(sourceText),
            let destination = BaselineIndex.endpoint(destinationText), let protocolName = object["protocol"] as? String,
            let protocolID = ApplicationProtocol.named(protocolName)?.id
        else { return nil }
        func integer(_ key: String) -> Int64? { (object[key] as? NSNumber)?.int64Value }
        self.time = time
        self.source = source
        self.destination = destination
        sourcePort = integer("src_port").map { UInt16(clamping: $0) }
        destinationPort = integer("dst_port").map { UInt16(clamping: $0) }
        self.protocolID = protocolID
        function = integer("function") ?? -1
        group = integer("function_group") ?? -1
        subfunction = integer("subfunction") ?? -1
        functionName = object["function_name"] as? String ?? ""
        let directionName = object["direction"] as? String ?? "request"
        direction =
            [EventDirection.request, .response, .unsolicited, .broadcast].first { $0.name == directionName } ?? .request
        let operationName = object["operation"] as? String ?? ""
        operation = EventOperation.allCases.first { $0.name == operationName } ?? .none
        targetKind = .none
        targetNumbers = (-1, -1, -1, -1)
        targetText = ""
        if let target = object["target"] as? [String: Any] {
            func number(_ key: String) -> Int64 { (target[key] as? NSNumber)?.int64Value ?? -1 }
            func text(_ key: String) -> String? { target[key] as? String }
            switch protocolName {
            case "modbus":
                let table = text("table").flatMap { TargetSpaces.modbusTables[$0] } ?? -1
                targetKind = .modbusRange
                targetNumbers = (table, number("start"), number("count"), number("unit"))
            case "s7comm":
                if target["block_type"] != nil {
                    targetKind = .s7Block
                    let type = text("block_type").flatMap { TargetSpaces.s7BlockTypes[$0] } ?? number("block_type")
                    targetNumbers = (type, number("block_number"), -1, -1)
                } else if target["szl_id"] != nil {
                    targetKind = .s7SZL
                    targetNumbers = (number("szl_id"), number("szl_index"), -1, -1)
                } else if target["area"] != nil || target["db"] != nil {
                    targetKind = .s7Address
                    targetNumbers = (number("area"), number("db"), number("address"), number("length"))
                } else if let value = text("text") {
                    targetKind = .text
                    targetText = value
                }
            case "cip", "enip":
                targetKind = .cipPath
                targetNumbers = (number("class"), number("instance"), number("attribute"), -1)
                targetText = text("tag") ?? ""
            case "dnp3":
                targetKind = .dnp3Object
                targetNumbers = (number("group"), number("variation"), number("start"), number("stop"))
            case "iec104":
                targetKind = .iec104Object
                targetNumbers = (number("common_address"), number("ioa"), -1, -1)
            case "bacnet":
                targetKind = .bacnetObject
                targetNumbers = (number("object_type"), number("instance"), number("property"), number("array_index"))
            case "opcua":
                targetKind = .opcuaNode
                targetText = text("node") ?? ""
            case "mqtt":
                targetKind = .mqttTopic
                targetText = text("topic") ?? ""
            default:
                if let value = text("text") {
                    targetKind = .text
                    targetText = value
                }
            }
        }
    }

    /// The event as the packet path would have made it (text targets travel separately).
    var event: ProtocolEvent {
        var event = ProtocolEvent()
        event.timestamp = time
        event.protocolID = ApplicationProtocol.withID(protocolID) ?? .unknown
        event.function = function
        event.functionGroup = group
        event.subfunction = subfunction
        event.direction = direction
        event.operation = operation
        event.target = EventTarget(kind: targetKind, targetNumbers.0, targetNumbers.1, targetNumbers.2, targetNumbers.3)
        switch source {
        case .ip(let address): event.source = address
        case .mac(let mac):
            event.sourceMAC = mac
            event.isLayer2 = true
        }
        switch destination {
        case .ip(let address): event.destination = address
        case .mac(let mac): event.destinationMAC = mac
        }
        if let sourcePort, let destinationPort {
            event.sourcePort = sourcePort
            event.destinationPort = destinationPort
            event.hasPorts = true
        }
        return event
    }
}

extension BaselineLearner {
    /// Learns one event read back from a store (notable events only: the store counts the rest).
    public func observe(_ observation: BaselineObservation) {
        let batch = EventBatch(collecting: true, capacity: 1)
        var event = observation.event
        if !observation.targetText.isEmpty { event.target.text = batch.text(observation.targetText) }
        learn(event, in: batch, name: observation.functionName)
    }

    /// Learns a communication edge read back from a store: the pair, and each operation it
    /// carried as a function of any code (`name: "*"`) unless events name the functions.
    public func observePair(
        client: String, server: String, protocolName: String, transport: String, port: UInt16, flows: UInt64,
        firstSeen: Int64, lastSeen: Int64, operations: [String: UInt64]
    ) {
        guard let clientHost = BaselineIndex.endpoint(client), let serverHost = BaselineIndex.endpoint(server) else {
            return
        }
        let transportNumber: UInt8 =
            switch transport {
            case "tcp": 6
            case "udp": 17
            case "ethernet": 0xFF
            default: 0
            }
        learnPair(
            PairKey(client: clientHost, server: serverHost, port: port),
            protocolID: ApplicationProtocol.named(protocolName)?.id ?? 0, transport: transportNumber, flows: flows,
            firstSeen: firstSeen, lastSeen: lastSeen,
            operations: operations.compactMap { name, count in
                guard count > 0,
                    let operation = EventOperation.allCases.first(where: { $0.name == name && $0 != .none })
                else { return nil }
                return (operation, count)
            })
    }
}
