import Detection
import EventModel
import Foundation
import IEC104
import Modbus
import Monitor
import PacketCrafting
import PacketLayers

/// A rule with its trusted roles and baseline quietness taken away: shows what `match` finds in a
/// capture whose writer the inventory classifies as an HMI or engineering workstation.
struct Untrusting: ThreatRule {
    let base: any ThreatRule
    var descriptor: RuleDescriptor {
        var descriptor = base.descriptor
        descriptor.trustedSourceRoles = []
        descriptor.quietWhenBaselined = false
        return descriptor
    }
    func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? { base.match(event, in: batch) }
    func summary(_ occurrence: Occurrence) -> String { base.summary(occurrence) }
}

/// Alerts of `rule` alone over `paths`.
func detect(_ paths: [String], only rule: any ThreatRule) -> [Alert] {
    detect(paths, rules: RuleSet([rule]))
}

extension Alert {
    /// Frame numbers of the evidence, in time order.
    var frames: [UInt64] { evidence.map(\.frame) }
}

/// A capture made in the test: TCP conversations and whole frames in time order, written to a
/// temporary folder (never into the repository).
struct CraftedCapture {
    private(set) var frames: [TimedFrame] = []
    /// Microseconds since the epoch of the next message.
    private(set) var clock: Int64 = 1_764_000_000_000_000
    private var nextPort: UInt16 = 50_000
    private var identification: UInt16 = 1

    /// One folder per test process, made on first use; every capture of the run goes there.
    private static let folder: String = {
        let path = NSTemporaryDirectory() + "palisade-control-rules-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: CraftedCapture.folder) }
        return path
    }()

    static func host(_ last: UInt8) -> NetworkEndpoint {
        NetworkEndpoint(
            mac: MACAddress(rawValue: 0x0200_0000_0000 | UInt64(last)), ip: IPAddress(ipv4: 0x0A00_0000 | UInt32(last)))
    }

    /// A TCP connection from `client` to `server:port` carrying `messages` in turn (each answered by
    /// a bare acknowledgment), then closed.
    mutating func tcp(
        from client: NetworkEndpoint, to server: NetworkEndpoint, port: UInt16,
        _ messages: [(side: TCPConversation.Side, payload: [UInt8])]
    ) {
        nextPort += 1
        var conversation = TCPConversation(
            client: client, server: server, clientPort: nextPort, serverPort: port, clientInitialSequence: 1000,
            serverInitialSequence: 9000, clientIdentification: 1, serverIdentification: 1)
        frames += conversation.open(at: tick(), roundTrip: 200)
        for message in messages {
            frames += conversation.send(message.payload, from: message.side, at: tick())
            frames.append(conversation.acknowledge(from: message.side == .client ? .server : .client, at: tick()))
        }
        frames += conversation.close(from: .client, at: tick(), roundTrip: 200)
    }

    /// A UDP datagram.
    mutating func udp(
        from source: NetworkEndpoint, to destination: NetworkEndpoint, destinationMAC: MACAddress? = nil,
        port: UInt16, payload: [UInt8]
    ) {
        identification &+= 1
        frames.append(
            TimedFrame(
                time: tick(),
                bytes: UDPFrame.build(
                    from: source, to: destination, destinationMAC: destinationMAC, sourcePort: port,
                    destinationPort: port, identification: identification, payload: payload)))
    }

    /// A whole Ethernet frame (layer-2 protocols).
    mutating func ethernet(_ bytes: [UInt8]) { frames.append(TimedFrame(time: tick(), bytes: bytes)) }

    private mutating func tick() -> Int64 {
        clock += 1000
        return clock
    }

    /// Writes the capture under a fresh name in this test process's folder (removed when the
    /// process exits) and returns its path.
    func write(_ name: String) throws -> String {
        let path = Self.folder + "/\(name)-\(UUID().uuidString).pcap"
        let writer = try PcapWriter(path: path)
        for frame in frames.sorted(by: { $0.time < $1.time }) { try writer.write(frame) }
        try writer.close()
        return path
    }
}

/// Decoded events of a capture, for checking what the decoders hand the rules.
enum CaptureAnalyzerEvents {
    static func requests(_ path: String, protocolName: String) -> [EventRecord] {
        CaptureAnalyzer(workers: 1).collectEvents([path]).events.filter {
            $0.protocolName == protocolName && $0.direction == "request"
        }
    }
}

/// A compromised controller used as a pivot: 10.0.0.5 serves Modbus to the HMI 10.0.0.9 (so the
/// inventory classifies it as a PLC), then writes holding registers 100–109 of the PLC 10.0.0.10,
/// synchronises the clock of the RTU 10.0.0.40 over IEC 104 and switches its IOA 3001 off.
func pivotControllerCapture() throws -> String {
    var capture = CraftedCapture()
    let hmi = CraftedCapture.host(9)
    let pivot = CraftedCapture.host(5)
    let plc = CraftedCapture.host(10)
    let rtu = CraftedCapture.host(40)
    capture.tcp(
        from: hmi, to: pivot, port: 502,
        [
            (
                .client,
                ModbusEncoder.adu(
                    transactionID: 1, unitID: 1,
                    pdu: ModbusEncoder.readRequestPDU(function: .readHoldingRegisters, start: 0, count: 2))
            ),
            (
                .server,
                ModbusEncoder.adu(
                    transactionID: 1, unitID: 1,
                    pdu: ModbusEncoder.readRegistersResponsePDU(function: .readHoldingRegisters, registers: [1, 2]))
            ),
        ])
    capture.tcp(
        from: pivot, to: plc, port: 502,
        [
            (
                .client,
                ModbusEncoder.adu(
                    transactionID: 7, unitID: 1,
                    pdu: ModbusEncoder.writeMultipleRegistersPDU(
                        start: 100, values: Array(repeating: 0xFFFF, count: 10)))
            ),
            (
                .server,
                ModbusEncoder.adu(
                    transactionID: 7, unitID: 1,
                    pdu: ModbusEncoder.writeMultipleResponsePDU(
                        function: .writeMultipleRegisters, start: 100, count: 10))
            ),
        ])
    let time: [UInt8] = [0x10, 0x27, 30, 12, 0x25, 11, 26]  // CP56Time2a
    capture.tcp(
        from: pivot, to: rtu, port: 2404,
        [
            (.client, IEC104Encoder.unnumbered(.startDataTransferActivation)),
            (.server, IEC104Encoder.unnumbered(.startDataTransferConfirmation)),
            (
                .client,
                IEC104Encoder.information(
                    send: 0, receive: 0,
                    asdu: IEC104Encoder.asdu(
                        typeID: 103, cause: .activation, commonAddress: 47, objects: [.init(address: 0, element: time)])
                )
            ),
            (
                .client,
                IEC104Encoder.information(
                    send: 1, receive: 0,
                    asdu: IEC104Encoder.asdu(
                        typeID: 45, cause: .activation, commonAddress: 47,
                        objects: [.init(address: 3001, element: IEC104Encoder.singleCommand(false))]))
            ),
        ])
    return try capture.write("pivot-controller")
}
