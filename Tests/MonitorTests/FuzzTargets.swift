// The code paths the libFuzzer target exercises. Shared verbatim: `fuzz/run.sh` compiles this very
// file into the fuzzer (with `fuzz/CaptureAndLayersFuzz.swift`, which only adds the C entry point),
// and `FuzzSeedReplayTests` calls it for every seed and fixed crash, so CI replays the corpus
// without libFuzzer. Public API only; no Foundation and no Testing here.
import BinaryParsing
import Monitor
import PacketCapture
import PacketLayers

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum FuzzTargets {
    /// Frames read from one fuzzed capture at most (keeps each run short).
    static let frameLimit: UInt64 = 4096
    static let registry = ProtocolRegistry(ProtocolCatalog.standard)
    /// pcapng section header; pcap µs and ns, both byte orders (read little-endian).
    static let captureMagics: Set<UInt32> = [0x0A0D_0D0A, 0xA1B2_C3D4, 0xD4C3_B2A1, 0xA1B2_3C4D, 0x4D3C_B2A1]

    /// Runs every target on one input. `scratchPath` is a file this process may overwrite.
    /// Returns a value depending on everything decoded (so nothing is optimised away).
    @discardableResult
    static func runAll(_ input: UnsafeRawBufferPointer, scratchPath: String) -> Int {
        capture(input, scratchPath: scratchPath) &+ frames(ByteView(input))
    }

    /// (a) The input as a capture file: the reader, `LayerDecoder.decode` and a `PacketProcessor`.
    @discardableResult
    static func capture(_ input: UnsafeRawBufferPointer, scratchPath: String) -> Int {
        // Only inputs that start like a capture reach the file system (the reader would reject the
        // rest at once; skipping them keeps the fuzzer fast). Magic numbers as in `CaptureFileReader`.
        guard input.count >= 4 else { return 0 }
        let magic = UInt32(input[0]) | UInt32(input[1]) << 8 | UInt32(input[2]) << 16 | UInt32(input[3]) << 24
        guard captureMagics.contains(magic) || (input[0] == 0x1F && input[1] == 0x8B) else { return 0 }
        guard writeFile(input, to: scratchPath) else { return 0 }
        let reader: CaptureFileReader
        do {
            reader = try CaptureFileReader(path: scratchPath)
        } catch {
            return 0
        }
        var configuration = MonitorConfiguration()
        configuration.collectFlows = true
        configuration.collectEvents = true
        // Small caps so that the fuzzer reaches eviction and cap paths with small inputs.
        configuration.flowTable.capacity = 64
        configuration.reassembly.perDirectionLimit = 4096
        configuration.reassembly.totalLimit = 16384
        let processor = PacketProcessor(configuration: configuration, registry: registry)
        var packet = DecodedPacket()
        var digest = 0
        var frame: UInt64 = 0
        reading: while frame < frameLimit {
            switch reader.next() {
            case .packet(let record):
                frame &+= 1
                LayerDecoder.decode(record.bytes, linkType: record.linkType.rawValue, into: &packet)
                digest &+= digestOf(packet)
                processor.process(record, frame: frame)
            case .end, .failed:
                break reading
            }
        }
        processor.finish()
        digest &+= Int(truncatingIfNeeded: processor.statistics.flows) &+ processor.flowSummaries.count
        digest &+= Int(truncatingIfNeeded: processor.statistics.packets)
        return digest
    }

    /// (b) The input as one frame (every supported link type, Ethernet and raw IP first), and as a
    /// sequence of frames `[selector][length: UInt16 BE][bytes]…` fed to one `FragmentReassembler`.
    @discardableResult
    static func frames(_ input: ByteView) -> Int {
        var packet = DecodedPacket()
        var digest = 0
        for linkType: UInt32 in [1, 101, 228, 229, 113, 276, 0, 108, 12] {
            LayerDecoder.decode(input, linkType: linkType, into: &packet)
            digest &+= digestOf(packet)
        }
        let reassembler = FragmentReassembler()
        reassembler.maximumDatagrams = 8
        reassembler.maximumBufferedBytes = 1 << 16
        var time: Int64 = 1_000_000_000_000
        // The whole input as Ethernet and as raw IP, through the reassembler.
        for linkType: UInt32 in [1, 101] {
            LayerDecoder.decode(input, linkType: linkType, into: &packet)
            digest &+= reassemble(packet, reassembler, time: time)
        }
        var offset = 0
        while offset + 3 <= input.count {
            let selector = input[offset]
            let length = Int(input.getUInt16(at: offset + 1)!)
            let chunk = input.slice(from: offset + 3, count: min(length, input.count - offset - 3)) ?? .empty
            offset += 3 + chunk.count
            time &+= Int64(selector >> 4) * 4_000_000_000  // now and then past the fragment timeout
            LayerDecoder.decode(chunk, linkType: selector & 1 == 0 ? 1 : 101, into: &packet)
            digest &+= digestOf(packet)
            digest &+= reassemble(packet, reassembler, time: time)
        }
        digest &+= reassembler.inProgress &+ Int(truncatingIfNeeded: reassembler.reassembled)
        return digest
    }

    private static func reassemble(_ packet: DecodedPacket, _ reassembler: FragmentReassembler, time: Int64) -> Int {
        guard packet.isFragment, packet.network == .ipv4 || packet.network == .ipv6 else { return 0 }
        var digest = 0
        reassembler.add(packet, time: time, anomaly: { _ in digest &+= 1 }) { payload in
            var whole = packet
            whole.isFragment = false
            whole.networkPayload = payload
            LayerDecoder.decodeTransport(whole.ipProtocol, payload, into: &whole, depth: 0)
            digest &+= digestOf(whole) &+ payload.count
        }
        return digest
    }

    /// Touches the decoded fields (and every payload byte, so a bad view is caught by ASan).
    private static func digestOf(_ packet: DecodedPacket) -> Int {
        var digest = Int(packet.network.rawValue) &+ Int(packet.transport.rawValue) &* 3
        digest &+= Int(packet.sourcePort) &+ Int(packet.destinationPort) &+ Int(packet.tcpFlags)
        digest &+= Int(truncatingIfNeeded: packet.source.low ^ packet.destination.high)
        for view in [packet.linkPayload, packet.networkPayload, packet.payload] {
            var index = 0
            while index < view.count {
                digest &+= Int(view[index])
                index += 1
            }
        }
        return digest
    }

    /// Writes `input` to `path`, replacing it.
    private static func writeFile(_ input: UnsafeRawBufferPointer, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var written = 0
        while written < input.count {
            let result = write(descriptor, input.baseAddress! + written, input.count - written)
            if result <= 0 { return false }
            written += result
        }
        return true
    }
}
