/// A tiny pcap writer with Ethernet/IPv4/UDP/TCP framing, so encoder tests can hand their messages to
/// tshark. Test-only: the simulator has its own framing.
import Foundation

public struct TestCapture {
    public private(set) var frames: [[UInt8]] = []
    private var identification: UInt16 = 1

    public init() {}

    /// Adds an Ethernet II frame (padded to the 60-byte minimum).
    public mutating func addEthernet(source: [UInt8], destination: [UInt8], etherType: UInt16, payload: [UInt8]) {
        var frame = destination + source + [UInt8(etherType >> 8), UInt8(etherType & 0xff)] + payload
        if frame.count < 60 { frame += [UInt8](repeating: 0, count: 60 - frame.count) }
        frames.append(frame)
    }

    public mutating func addIPv4(
        source: [UInt8], destination: [UInt8], protocolNumber: UInt8, payload: [UInt8],
        sourceMAC: [UInt8] = [0x02, 0, 0, 0, 0, 1], destinationMAC: [UInt8] = [0x02, 0, 0, 0, 0, 2]
    ) {
        let total = 20 + payload.count
        var header: [UInt8] = [
            0x45, 0x00, UInt8(total >> 8), UInt8(total & 0xff), UInt8(identification >> 8),
            UInt8(identification & 0xff), 0x40, 0x00, 64, protocolNumber, 0, 0,
        ]
        header += source + destination
        let checksum = internetChecksum(header)
        header[10] = UInt8(checksum >> 8)
        header[11] = UInt8(checksum & 0xff)
        identification &+= 1
        let broadcast = destination == [255, 255, 255, 255]
        addEthernet(
            source: sourceMAC, destination: broadcast ? [0xff, 0xff, 0xff, 0xff, 0xff, 0xff] : destinationMAC,
            etherType: 0x0800, payload: header + payload)
    }

    public mutating func addUDP(
        source: [UInt8], sourcePort: UInt16, destination: [UInt8], destinationPort: UInt16, payload: [UInt8]
    ) {
        let length = 8 + payload.count
        var segment: [UInt8] = [
            UInt8(sourcePort >> 8), UInt8(sourcePort & 0xff), UInt8(destinationPort >> 8),
            UInt8(destinationPort & 0xff), UInt8(length >> 8), UInt8(length & 0xff), 0, 0,
        ]
        segment += payload
        var checksum = transportChecksum(source: source, destination: destination, protocolNumber: 17, segment)
        if checksum == 0 { checksum = 0xffff }
        segment[6] = UInt8(checksum >> 8)
        segment[7] = UInt8(checksum & 0xff)
        addIPv4(source: source, destination: destination, protocolNumber: 17, payload: segment)
    }

    public mutating func addTCP(
        source: [UInt8], sourcePort: UInt16, destination: [UInt8], destinationPort: UInt16, sequence: UInt32,
        acknowledgement: UInt32, flags: UInt8, payload: [UInt8]
    ) {
        var segment: [UInt8] = [UInt8(sourcePort >> 8), UInt8(sourcePort & 0xff)]
        segment += [UInt8(destinationPort >> 8), UInt8(destinationPort & 0xff)]
        segment += bigEndian(sequence) + bigEndian(acknowledgement)
        segment += [0x50, flags, 0xfa, 0xf0, 0, 0, 0, 0]  // 20-byte header, window 64240
        segment += payload
        let checksum = transportChecksum(source: source, destination: destination, protocolNumber: 6, segment)
        segment[16] = UInt8(checksum >> 8)
        segment[17] = UInt8(checksum & 0xff)
        addIPv4(source: source, destination: destination, protocolNumber: 6, payload: segment)
    }

    /// Classic pcap, microsecond timestamps one millisecond apart, link type Ethernet.
    public func write(to path: String) throws {
        var file: [UInt8] = []
        file += littleEndian(UInt32(0xa1b2_c3d4)) + littleEndian(UInt16(2)) + littleEndian(UInt16(4))
        file += littleEndian(UInt32(0)) + littleEndian(UInt32(0)) + littleEndian(UInt32(65535))
        file += littleEndian(UInt32(1))
        for (index, frame) in frames.enumerated() {
            file += littleEndian(UInt32(1_700_000_000 + index / 1000)) + littleEndian(UInt32(index % 1000 * 1000))
            file += littleEndian(UInt32(frame.count)) + littleEndian(UInt32(frame.count))
            file += frame
        }
        try Data(file).write(to: URL(fileURLWithPath: path))
    }

    private func bigEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
    }
    private func littleEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
    }
    private func littleEndian(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8)] }

    private func transportChecksum(source: [UInt8], destination: [UInt8], protocolNumber: UInt8, _ segment: [UInt8])
        -> UInt16
    {
        let pseudo = source + destination + [0, protocolNumber, UInt8(segment.count >> 8), UInt8(segment.count & 0xff)]
        return internetChecksum(pseudo + segment)
    }

    private func internetChecksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index < bytes.count {
            let high = UInt32(bytes[index]) << 8
            let low = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            sum += high | low
            index += 2
        }
        while sum > 0xffff { sum = (sum & 0xffff) + (sum >> 16) }
        return ~UInt16(sum)
    }
}

/// A TCP connection in a `TestCapture`: the three-way handshake, then data segments with consistent
/// sequence and acknowledgement numbers.
public struct TestTCPConnection {
    public var client: [UInt8]
    public var server: [UInt8]
    public var clientPort: UInt16
    public var serverPort: UInt16
    private var clientSequence: UInt32 = 1000
    private var serverSequence: UInt32 = 5000

    public init(client: [UInt8], clientPort: UInt16, server: [UInt8], serverPort: UInt16) {
        self.client = client
        self.server = server
        self.clientPort = clientPort
        self.serverPort = serverPort
    }

    public mutating func open(in capture: inout TestCapture) {
        capture.addTCP(
            source: client, sourcePort: clientPort, destination: server, destinationPort: serverPort,
            sequence: clientSequence, acknowledgement: 0, flags: 0x02, payload: [])
        capture.addTCP(
            source: server, sourcePort: serverPort, destination: client, destinationPort: clientPort,
            sequence: serverSequence, acknowledgement: clientSequence + 1, flags: 0x12, payload: [])
        clientSequence += 1
        serverSequence += 1
        capture.addTCP(
            source: client, sourcePort: clientPort, destination: server, destinationPort: serverPort,
            sequence: clientSequence, acknowledgement: serverSequence, flags: 0x10, payload: [])
    }

    /// One PSH/ACK segment carrying `payload`.
    public mutating func send(_ payload: [UInt8], fromClient: Bool, in capture: inout TestCapture) {
        if fromClient {
            capture.addTCP(
                source: client, sourcePort: clientPort, destination: server, destinationPort: serverPort,
                sequence: clientSequence, acknowledgement: serverSequence, flags: 0x18, payload: payload)
            clientSequence &+= UInt32(payload.count)
        } else {
            capture.addTCP(
                source: server, sourcePort: serverPort, destination: client, destinationPort: clientPort,
                sequence: serverSequence, acknowledgement: clientSequence, flags: 0x18, payload: payload)
            serverSequence &+= UInt32(payload.count)
        }
    }
}

/// tshark's view of a capture written by an encoder test.
public enum TSharkCheck {
    public static let tsharkPath = "/usr/bin/tshark"
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: tsharkPath) }

    /// Writes `capture` to a temporary file and returns its path.
    public static func write(_ capture: TestCapture, name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "palisade-\(name)-\(ProcessInfo.processInfo.processIdentifier).pcap"
        ).path
        try capture.write(to: path)
        return path
    }

    /// Deletes a capture written by `write(_:name:)`.
    public static func remove(_ path: String) { try? FileManager.default.removeItem(atPath: path) }

    /// The lines tshark prints for malformed packets or expert infos of severity error (empty = clean).
    public static func problems(_ path: String, arguments: [String] = []) throws -> [String] {
        try run(["-r", path] + arguments + ["-Y", "_ws.malformed || _ws.expert.severity >= error"])
    }

    /// `tshark -T fields` rows, one per frame, fields separated by tabs.
    public static func fields(_ path: String, _ names: [String], arguments: [String] = []) throws -> [[String]] {
        let lines = try run(
            ["-r", path] + arguments + ["-T", "fields", "-E", "separator=/t", "-E", "occurrence=a"]
                + names.flatMap { ["-e", $0] })
        return lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    static func run(_ arguments: [String]) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tsharkPath)
        process.arguments = ["-n"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
