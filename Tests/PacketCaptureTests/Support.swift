import Foundation
import PacketCapture
import Testing

/// Locations relative to this file: no absolute paths, so the tests run from any checkout.
enum Paths {
    /// `Tests/PacketCaptureTests`
    static let testFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The package root (two levels above this folder).
    static let repository = testFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("Tests/Fixtures/capture")
    /// `<repo>/../shared`: MANIFEST paths (`corpus/...`) are relative to it.
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared")
    static let corpus = shared.appendingPathComponent("corpus")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
}

/// One packet copied out of the reader's buffer.
struct ReadPacket: Equatable {
    var timestamp: Int64
    var originalLength: Int
    var linkType: UInt32
    var interfaceID: Int
    var bytes: [UInt8]
}

struct ReadOutcome {
    var packets: [ReadPacket] = []
    var error: CaptureError?
    var anomalies: [String: Int] = [:]
    var linkTypes: Set<UInt32> = []
    var format: CaptureFileReader.Format?
    var compressed = false
}

/// Reads a whole file. Stops after `limit` results so that a reader bug cannot hang the tests.
func readAll(_ path: String, limit: Int = 5_000_000) throws(CaptureError) -> ReadOutcome {
    let reader = try CaptureFileReader(path: path)
    var outcome = ReadOutcome()
    outcome.format = reader.format
    outcome.compressed = reader.compressed
    var steps = 0
    loop: while steps < limit {
        steps += 1
        switch reader.next() {
        case .packet(let record):
            outcome.packets.append(
                ReadPacket(
                    timestamp: record.timestamp, originalLength: record.originalLength,
                    linkType: record.linkType.rawValue, interfaceID: record.interfaceID, bytes: record.bytes.array))
        case .end:
            break loop
        case .failed(let error):
            outcome.error = error
            break loop
        }
    }
    // After the end or a failure the reader keeps answering `.end`.
    if case .packet = reader.next() { Issue.record("reader delivered a packet after its end/failure: \(path)") }
    outcome.anomalies = reader.anomalies.byName
    outcome.linkTypes = Set(reader.linkTypes.map(\.rawValue))
    #expect(reader.packetCount == outcome.packets.count)
    return outcome
}

/// Result of opening a file that is expected to be refused.
func openError(_ path: String) -> CaptureError? {
    do {
        _ = try CaptureFileReader(path: path)
        return nil
    } catch {
        return error
    }
}

/// A temporary file holding `bytes`; removed by the caller with `removeTemporary`.
func temporaryFile(_ bytes: [UInt8], suffix: String = ".pcap") -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "palisade-capture-\(UUID().uuidString)\(suffix)")
    let created = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    #expect(created, "cannot write \(url.path)")
    return url.path
}

func removeTemporary(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
}

/// Writes `bytes` to a temporary file, reads it all, removes it.
func readBytes(_ bytes: [UInt8], suffix: String = ".pcap") throws(CaptureError) -> (ReadOutcome, String) {
    let path = temporaryFile(bytes, suffix: suffix)
    defer { removeTemporary(path) }
    return (try readAll(path), path)
}

func fileBytes(_ path: String) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        Issue.record("cannot read \(path)")
        return []
    }
    return [UInt8](data)
}

// MARK: byte building

extension Array where Element == UInt8 {
    mutating func put16(_ value: UInt16, bigEndian: Bool) {
        let v = bigEndian ? value.bigEndian : value.littleEndian
        Swift.withUnsafeBytes(of: v) { append(contentsOf: $0) }
    }

    mutating func put32(_ value: UInt32, bigEndian: Bool) {
        let v = bigEndian ? value.bigEndian : value.littleEndian
        Swift.withUnsafeBytes(of: v) { append(contentsOf: $0) }
    }

    mutating func put64(_ value: UInt64, bigEndian: Bool) {
        let v = bigEndian ? value.bigEndian : value.littleEndian
        Swift.withUnsafeBytes(of: v) { append(contentsOf: $0) }
    }

    mutating func padTo4() {
        while count % 4 != 0 { append(0) }
    }
}

/// Classic pcap files built byte by byte.
struct PcapBuilder {
    var bigEndian = false
    var nanosecond = false
    var bytes: [UInt8] = []

    init(linkType: UInt32 = 1, snapLength: UInt32 = 65535, bigEndian: Bool = false, nanosecond: Bool = false) {
        self.bigEndian = bigEndian
        self.nanosecond = nanosecond
        bytes.put32(nanosecond ? 0xA1B2_3C4D : 0xA1B2_C3D4, bigEndian: bigEndian)
        bytes.put16(2, bigEndian: bigEndian)
        bytes.put16(4, bigEndian: bigEndian)
        bytes.put32(0, bigEndian: bigEndian)  // thiszone
        bytes.put32(0, bigEndian: bigEndian)  // sigfigs
        bytes.put32(snapLength, bigEndian: bigEndian)
        bytes.put32(linkType, bigEndian: bigEndian)
    }

    /// Appends a record; `capturedLength` overrides the header's caplen (for damaged files).
    mutating func record(
        seconds: UInt32, fraction: UInt32, _ data: [UInt8], originalLength: UInt32? = nil,
        capturedLength: UInt32? = nil
    ) {
        bytes.put32(seconds, bigEndian: bigEndian)
        bytes.put32(fraction, bigEndian: bigEndian)
        bytes.put32(capturedLength ?? UInt32(data.count), bigEndian: bigEndian)
        bytes.put32(originalLength ?? UInt32(data.count), bigEndian: bigEndian)
        bytes.append(contentsOf: data)
    }
}

/// pcapng files built block by block.
struct PcapngBuilder {
    var bigEndian: Bool
    var bytes: [UInt8] = []

    init(bigEndian: Bool = false) { self.bigEndian = bigEndian }

    mutating func block(type: UInt32, body: [UInt8], trailerLength: UInt32? = nil) {
        var padded = body
        padded.padTo4()
        let length = UInt32(12 + padded.count)
        bytes.put32(type, bigEndian: bigEndian)
        bytes.put32(length, bigEndian: bigEndian)
        bytes.append(contentsOf: padded)
        bytes.put32(trailerLength ?? length, bigEndian: bigEndian)
    }

    mutating func sectionHeader() {
        var body: [UInt8] = []
        body.put32(0x1A2B_3C4D, bigEndian: bigEndian)
        body.put16(1, bigEndian: bigEndian)
        body.put16(0, bigEndian: bigEndian)
        body.put64(UInt64.max, bigEndian: bigEndian)  // section length unknown
        block(type: 0x0A0D_0D0A, body: body)
    }

    /// `options`: (code, value) pairs; the end-of-options marker is added.
    mutating func interface(linkType: UInt16, snapLength: UInt32 = 0, options: [(UInt16, [UInt8])] = []) {
        var body: [UInt8] = []
        body.put16(linkType, bigEndian: bigEndian)
        body.put16(0, bigEndian: bigEndian)
        body.put32(snapLength, bigEndian: bigEndian)
        if !options.isEmpty {
            for (code, value) in options {
                body.put16(code, bigEndian: bigEndian)
                body.put16(UInt16(value.count), bigEndian: bigEndian)
                body.append(contentsOf: value)
                body.padTo4()
            }
            body.put32(0, bigEndian: bigEndian)
        }
        block(type: 1, body: body)
    }

    mutating func enhancedPacket(interface: UInt32, timestamp: UInt64, _ data: [UInt8], originalLength: UInt32? = nil) {
        var body: [UInt8] = []
        body.put32(interface, bigEndian: bigEndian)
        body.put32(UInt32(timestamp >> 32), bigEndian: bigEndian)
        body.put32(UInt32(truncatingIfNeeded: timestamp), bigEndian: bigEndian)
        body.put32(UInt32(data.count), bigEndian: bigEndian)
        body.put32(originalLength ?? UInt32(data.count), bigEndian: bigEndian)
        body.append(contentsOf: data)
        block(type: 6, body: body)
    }

    /// Obsolete Packet Block (type 2): 16-bit interface id and a drops count.
    mutating func obsoletePacket(interface: UInt16, timestamp: UInt64, _ data: [UInt8]) {
        var body: [UInt8] = []
        body.put16(interface, bigEndian: bigEndian)
        body.put16(0, bigEndian: bigEndian)  // drops
        body.put32(UInt32(timestamp >> 32), bigEndian: bigEndian)
        body.put32(UInt32(truncatingIfNeeded: timestamp), bigEndian: bigEndian)
        body.put32(UInt32(data.count), bigEndian: bigEndian)
        body.put32(UInt32(data.count), bigEndian: bigEndian)
        body.append(contentsOf: data)
        block(type: 2, body: body)
    }

    mutating func simplePacket(_ data: [UInt8], originalLength: UInt32? = nil) {
        var body: [UInt8] = []
        body.put32(originalLength ?? UInt32(data.count), bigEndian: bigEndian)
        body.append(contentsOf: data)
        block(type: 3, body: body)
    }
}

/// Deterministic pseudo-random bytes (SplitMix64) so that failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomBytes(_ count: Int, seed: UInt64) -> [UInt8] {
    var generator = SeededGenerator(state: seed)
    return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
}

/// Runs an installed command-line tool and returns its standard output (nil if it is missing or fails).
func runTool(_ arguments: [String]) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return String(decoding: data, as: UTF8.self)
}
