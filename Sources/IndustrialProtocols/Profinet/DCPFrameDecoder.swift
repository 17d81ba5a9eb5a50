import BinaryParsing
import EventModel
import PacketLayers

/// PROFINET DCP (Discovery and basic Configuration Protocol, IEC 61158-6-10 §4.3) over EtherType
/// 0x8892, frame ids 0xFEFC (Hello), 0xFEFD (Get/Set), 0xFEFE (Identify request) and 0xFEFF
/// (Identify response). One event per DCP PDU; identity comes from Identify responses and Hellos.
/// Cyclic real-time frames (other frame ids) are counted by the core, not decoded here.
public final class DCPFrameDecoder: FrameDecoder {
    public static let anomalyTruncated = AnomalyKind("profinet-dcp.truncated")
    public static let anomalyBlockOverrun = AnomalyKind("profinet-dcp.block_overrun")
    public static let anomalyTooManyBlocks = AnomalyKind("profinet-dcp.too_many_blocks")

    /// A DCP PDU fits one Ethernet frame; more blocks than this is not a real device talking.
    static let maximumBlocks = 64

    public init() {}

    public func receive(_ payload: ByteView, packet: DecodedPacket, context: PacketContext, events: EventBatch) {
        guard let frameID = payload.getUInt16(at: 0), (0xFEFC...0xFEFF).contains(frameID) else { return }
        var event = ProtocolEvent()
        event.protocolID = .profinetDCP
        // FrameID(2) ServiceID(1) ServiceType(1) Xid(4) ResponseDelay/Reserved(2) DCPDataLength(2)
        guard payload.count >= 12 else {
            event.anomaly = Anomaly(Self.anomalyTruncated, "DCP header")
            events.emit(event, context: context, layer2: true)
            return
        }
        let service = DCPService(rawValue: payload[2])
        let serviceType = payload[3]
        let dataLength = Int(payload.getUInt16(at: 10)!)
        event.function = Int64(service.rawValue)
        event.functionName = service.name
        event.operation = service.operation
        let isResponse = serviceType & 0x01 != 0
        if isResponse {
            event.direction = .response
            // Service type 5 = "response not supported" (bit 2 set).
            event.result = serviceType & 0x04 != 0 ? .error(Int64(serviceType), "Not supported") : .ok
        } else {
            event.direction = packet.destinationMAC.isMulticast || service == .hello ? .broadcast : .request
        }
        var blocks = payload.dropFirst(12)
        if dataLength < blocks.count { blocks = blocks.prefix(dataLength) }
        if dataLength > blocks.count { event.anomaly = Anomaly(Self.anomalyTruncated, "DCP data length") }

        // Requests carry no BlockInfo (Identify filters, Get lists); responses, Hello and Set carry a
        // 2-byte BlockInfo / BlockQualifier before the data.
        let hasBlockInfo = isResponse || service == .hello || service == .set
        event.identityStart = events.nextFactIndex
        var offset = 0
        var count = 0
        while offset + 4 <= blocks.count {
            count += 1
            if count > Self.maximumBlocks {
                event.anomaly = event.anomaly ?? Anomaly(Self.anomalyTooManyBlocks)
                break
            }
            let option = blocks[offset]
            let suboption = blocks[offset + 1]
            let length = Int(blocks.getUInt16(at: offset + 2)!)
            guard let body = blocks.slice(from: offset + 4, count: length) else {
                event.anomaly = event.anomaly ?? Anomaly(Self.anomalyBlockOverrun, value: Int64(length))
                break
            }
            let data = hasBlockInfo && !(service == .get && !isResponse) ? body.dropFirst(2) : body
            read(
                option: option, suboption: suboption, data: data, service: service, isResponse: isResponse,
                event: &event, events: events)
            offset += 4 + length + (length & 1)  // blocks are padded to an even length
        }
        event.identityCount = events.nextFactIndex - event.identityStart
        events.emit(event, context: context, layer2: true)
    }

    private func read(
        option: UInt8, suboption: UInt8, data: ByteView, service: DCPService, isResponse: Bool,
        event: inout ProtocolEvent, events: EventBatch
    ) {
        let identifies = isResponse || service == .hello
        switch (option, suboption) {
        case (DCPOption.deviceProperties, DCPOption.nameOfStation):
            if identifies { events.addFact(.stationName, events.text(trimmed(data))) }
            if service == .set && !isResponse {
                event.target = EventTarget(kind: .text)
                event.target.text = events.text(trimmed(data))
            }
        case (DCPOption.deviceProperties, DCPOption.manufacturerSpecific):
            if identifies { events.addFact(.model, events.text(trimmed(data))) }
        case (DCPOption.deviceProperties, DCPOption.deviceID):
            if identifies, let vendor = data.getUInt16(at: 0), let device = data.getUInt16(at: 2) {
                events.addFact(.vendorID, events.text(hex(vendor)))
                events.addFact(.productCode, events.text(hex(device)))
            }
        case (DCPOption.deviceProperties, DCPOption.deviceRole):
            if identifies, let role = data.getUInt8(at: 0) { events.addFact(.deviceType, events.text(roleName(role))) }
        case (DCPOption.ip, DCPOption.ipParameter), (DCPOption.ip, DCPOption.ipFullSuite):
            guard let address = data.getUInt32(at: 0) else { return }
            let text = IPAddress(ipv4: address).description
            if service == .set && !isResponse {
                event.target = EventTarget(kind: .text)
                event.target.text = events.text("ip " + text)
            }
        case (DCPOption.control, _):
            if service == .set && !isResponse {
                switch suboption {
                case DCPOption.controlFactoryReset, DCPOption.controlResetToFactory:
                    event.operation = .control
                    event.target = EventTarget(kind: .text)
                    event.target.text = events.text("factory reset")
                case DCPOption.controlSignal:
                    if event.operation == .write && event.target.kind == .none { event.operation = .diagnostic }
                default: break
                }
            }
        default:
            break
        }
    }

    private func trimmed(_ bytes: ByteView) -> ByteView {
        var length = bytes.count
        while length > 0 && (bytes[length - 1] == 0 || bytes[length - 1] == 0x20) { length -= 1 }
        return bytes.prefix(length)
    }

    private func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
    }

    private func roleName(_ role: UInt8) -> String {
        var names: [String] = []
        if role & 0x01 != 0 { names.append("IO-Device") }
        if role & 0x02 != 0 { names.append("IO-Controller") }
        if role & 0x04 != 0 { names.append("IO-Multidevice") }
        if role & 0x08 != 0 { names.append("PN-Supervisor") }
        return names.isEmpty ? "0x" + String(role, radix: 16) : names.joined(separator: ",")
    }
}

/// How the core finds the DCP decoder.
public enum ProfinetProtocol {
    public static let registration = ProtocolRegistration(
        .profinetDCP, etherTypes: [EtherType.profinet], frame: { DCPFrameDecoder() })
}
