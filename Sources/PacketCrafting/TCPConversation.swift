import PacketLayers

/// One TCP connection between a client and a server: keeps both sides' sequence numbers, so
/// that handshake, data, acknowledgments and teardown come out as a real stack would send them.
public struct TCPConversation: Sendable {
    public enum Side: Sendable { case client, server }

    public let client: NetworkEndpoint
    public let server: NetworkEndpoint
    public let clientPort: UInt16
    public let serverPort: UInt16
    public var vlan: UInt16?
    public var maximumSegmentSize = 1460
    public var window: UInt16 = 64240

    private var clientNext: UInt32
    private var serverNext: UInt32
    private var clientIdentification: UInt16
    private var serverIdentification: UInt16
    public private(set) var isOpen = false

    /// `initialSequence` values and first IP identifications come from the caller's seeded PRNG.
    public init(
        client: NetworkEndpoint, server: NetworkEndpoint, clientPort: UInt16, serverPort: UInt16,
        clientInitialSequence: UInt32, serverInitialSequence: UInt32, clientIdentification: UInt16,
        serverIdentification: UInt16, vlan: UInt16? = nil
    ) {
        self.client = client
        self.server = server
        self.clientPort = clientPort
        self.serverPort = serverPort
        self.clientNext = clientInitialSequence
        self.serverNext = serverInitialSequence
        self.clientIdentification = clientIdentification
        self.serverIdentification = serverIdentification
        self.vlan = vlan
    }

    /// SYN, SYN-ACK, ACK: the server answers after `roundTrip` µs.
    public mutating func open(at time: Int64, roundTrip: Int64) -> [TimedFrame] {
        isOpen = true
        var frames: [TimedFrame] = []
        frames.append(segment(from: .client, at: time, flags: .syn, advance: 1, payload: [], mss: true))
        frames.append(
            segment(from: .server, at: time + roundTrip, flags: [.syn, .ack], advance: 1, payload: [], mss: true))
        frames.append(segment(from: .client, at: time + roundTrip + 40, flags: .ack, advance: 0, payload: []))
        return frames
    }

    /// `payload` from `side`, split at the MSS, one segment every 10 µs; PSH on the last.
    public mutating func send(_ payload: [UInt8], from side: Side, at time: Int64) -> [TimedFrame] {
        var frames: [TimedFrame] = []
        var offset = 0
        var when = time
        while offset < payload.count {
            let end = min(payload.count, offset + maximumSegmentSize)
            let flags: TCPSegment.Flags = end == payload.count ? [.psh, .ack] : .ack
            let piece = Array(payload[offset..<end])
            frames.append(segment(from: side, at: when, flags: flags, advance: UInt32(piece.count), payload: piece))
            offset = end
            when += 10
        }
        return frames
    }

    /// A bare acknowledgment from `side` of everything the peer sent.
    public mutating func acknowledge(from side: Side, at time: Int64) -> TimedFrame {
        segment(from: side, at: time, flags: .ack, advance: 0, payload: [])
    }

    /// FIN from `initiator`, FIN-ACK back after `roundTrip`, last ACK.
    public mutating func close(from initiator: Side, at time: Int64, roundTrip: Int64) -> [TimedFrame] {
        isOpen = false
        let other: Side = initiator == .client ? .server : .client
        return [
            segment(from: initiator, at: time, flags: [.fin, .ack], advance: 1, payload: []),
            segment(from: other, at: time + roundTrip, flags: [.fin, .ack], advance: 1, payload: []),
            segment(from: initiator, at: time + roundTrip + 40, flags: .ack, advance: 0, payload: []),
        ]
    }

    /// RST from `side` (a refused or aborted connection).
    public mutating func reset(from side: Side, at time: Int64) -> TimedFrame {
        isOpen = false
        return segment(from: side, at: time, flags: [.rst, .ack], advance: 0, payload: [])
    }

    private mutating func segment(
        from side: Side, at time: Int64, flags: TCPSegment.Flags, advance: UInt32, payload: [UInt8], mss: Bool = false
    ) -> TimedFrame {
        let fromClient = side == .client
        let source = fromClient ? client : server
        let destination = fromClient ? server : client
        let sequence = fromClient ? clientNext : serverNext
        let acknowledgment = fromClient ? serverNext : clientNext
        let identification: UInt16
        if fromClient {
            clientNext &+= advance
            identification = clientIdentification
            clientIdentification &+= 1
        } else {
            serverNext &+= advance
            identification = serverIdentification
            serverIdentification &+= 1
        }
        let tcp = TCPSegment.build(
            source: source.ip, destination: destination.ip, sourcePort: fromClient ? clientPort : serverPort,
            destinationPort: fromClient ? serverPort : clientPort, sequence: sequence, acknowledgment: acknowledgment,
            flags: flags, window: window, maximumSegmentSize: mss ? UInt16(maximumSegmentSize) : nil, payload: payload)
        let packet = IPv4Packet.build(
            source: source.ip, destination: destination.ip, protocolNumber: IPv4Packet.tcp,
            identification: identification, payload: tcp)
        let bytes = EthernetFrame.build(
            destination: destination.mac, source: source.mac, vlan: vlan, etherType: EthernetFrame.ipv4,
            payload: packet)
        return TimedFrame(time: time, bytes: bytes)
    }
}
