import Foundation
import PacketCrafting
import PacketLayers

/// A capture assembled in a test from real encoders: frames are collected in any order, sorted by
/// time and written to a temporary folder (never into the repository).
struct SurveillanceCapture {
    private(set) var frames: [TimedFrame] = []
    private var nextClientPort: UInt16 = 40_000
    private var nextIdentification: UInt16 = 1
    /// 2026-01-01T00:00:00Z in µs: crafted captures start there.
    static let start: Int64 = 1_767_225_600_000_000

    /// A host on the test network: the MAC follows from the address.
    static func host(_ address: String) -> NetworkEndpoint {
        let ip = IPAddress(address)!
        return NetworkEndpoint(mac: MACAddress(rawValue: 0x0200_0000_0000 | UInt64(ip.ipv4Value)), ip: ip)
    }

    /// µs since the capture's start.
    static func at(seconds: Double) -> Int64 { start + Int64(seconds * 1_000_000) }

    private mutating func clientPort() -> UInt16 {
        nextClientPort &+= 1
        return nextClientPort
    }

    private mutating func identification() -> UInt16 {
        nextIdentification &+= 97
        return nextIdentification
    }

    /// One TCP connection: handshake, then each message from its side 2 ms after the previous one
    /// (acknowledged by the peer), then a FIN teardown.
    mutating func tcp(
        _ client: String, _ server: String, port: UInt16, at seconds: Double,
        _ messages: [(side: TCPConversation.Side, bytes: [UInt8])], close: Bool = true
    ) {
        var conversation = TCPConversation(
            client: Self.host(client), server: Self.host(server), clientPort: clientPort(), serverPort: port,
            clientInitialSequence: 1000, serverInitialSequence: 900_000, clientIdentification: identification(),
            serverIdentification: identification())
        var time = Self.at(seconds: seconds)
        frames += conversation.open(at: time, roundTrip: 300)
        time += 1_000
        for message in messages {
            frames += conversation.send(message.bytes, from: message.side, at: time)
            frames.append(conversation.acknowledge(from: message.side == .client ? .server : .client, at: time + 200))
            time += 2_000
        }
        if close { frames += conversation.close(from: .client, at: time, roundTrip: 300) }
    }

    /// A SYN answered by RST (a closed port) or by nothing (a filtered one).
    mutating func probe(_ client: String, _ server: String, port: UInt16, at seconds: Double, answered: Bool = true) {
        var conversation = TCPConversation(
            client: Self.host(client), server: Self.host(server), clientPort: clientPort(), serverPort: port,
            clientInitialSequence: 5000, serverInitialSequence: 0, clientIdentification: identification(),
            serverIdentification: identification())
        let time = Self.at(seconds: seconds)
        let handshake = conversation.open(at: time, roundTrip: 300)
        frames.append(handshake[0])
        if answered { frames.append(conversation.reset(from: .server, at: time + 300)) }
    }

    /// One UDP datagram.
    mutating func udp(
        _ source: String, _ destination: String, sourcePort: UInt16, destinationPort: UInt16, at seconds: Double,
        _ payload: [UInt8]
    ) {
        let bytes = UDPFrame.build(
            from: Self.host(source), to: Self.host(destination),
            destinationMAC: destination.hasSuffix(".255") ? MACAddress(rawValue: 0xFFFF_FFFF_FFFF) : nil,
            sourcePort: sourcePort, destinationPort: destinationPort, identification: identification(),
            payload: payload)
        frames.append(TimedFrame(time: Self.at(seconds: seconds), bytes: bytes))
    }

    /// Writes the frames in time order to `<temporary folder>/<name>.pcap`.
    func write(_ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-detection-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("\(name).pcap").path
        let writer = try PcapWriter(path: path)
        for frame in frames.enumerated().sorted(by: { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }) {
            try writer.write(frame.element)
        }
        try writer.close()
        return path
    }
}
