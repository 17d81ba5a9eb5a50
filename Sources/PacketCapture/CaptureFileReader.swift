import BinaryParsing
import CPrefetch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a capture file — classic pcap (either byte order, µs or ns), pcapng (all sections and
/// interfaces), each optionally gzip-compressed — and hands out packets borrowed from one buffer.
///
/// Damage never crashes the reader: a problem it can step over is counted in `anomalies`; one it
/// cannot ends the read with `.failed` naming the file, the offset and the problem, after every
/// packet before it was delivered.
public final class CaptureFileReader: PacketSource {
    public enum Format: String, Sendable { case pcap, pcapng }

    /// Records larger than this cannot be real packets (libpcap's own ceiling is 256 KiB; we allow
    /// far more before calling a length absurd).
    public static let maximumRecordLength = 16 << 20
    /// Bytes ahead of a record header to prefetch: a few records of a typical capture. A prefetch
    /// never faults, so past the buffer's end it is harmless.
    static let prefetchDistance = 512

    public let path: String
    public var name: String { path }
    public let format: Format
    public let compressed: Bool
    public private(set) var anomalies = AnomalyCounter()
    /// Packets delivered so far.
    public private(set) var packetCount = 0
    /// Link types seen (pcapng may mix them).
    public private(set) var linkTypes: Set<LinkType> = []

    private let input: BufferedInput
    private var pcap: PcapParser?
    private var pcapngBigEndian = false
    private var interfaces: [PcapngInterface] = []
    private var failure: CaptureError?

    public static let anomalyCaplenExceedsSnaplen = AnomalyKind("capture.caplen_exceeds_snaplen")
    public static let anomalyCaplenExceedsWireLength = AnomalyKind("capture.caplen_exceeds_wire_length")
    public static let anomalyBlockTrailerMismatch = AnomalyKind("pcapng.block_trailer_mismatch")
    public static let anomalyUnknownInterface = AnomalyKind("pcapng.unknown_interface")
    public static let anomalyUnknownBlock = AnomalyKind("pcapng.unknown_block_skipped")

    /// Bytes consumed so far in the (decompressed) stream: progress and error offsets.
    public var offset: Int64 { input.offset }

    public init(path: String) throws(CaptureError) {
        self.path = path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CaptureError(.cannotOpen, path: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw CaptureError(.isDirectory, path: path, "is a directory, not a capture file")
        }
        // No POSIX_FADV_SEQUENTIAL: the kernel's default read-ahead already follows a sequential
        // reader, and the doubled window made every read of a cached file walk the page cache
        // ahead of it (~1.5% of `analyze`; a cold file read no slower without it).

        var probe = BufferedInput(source: FileDescriptorSource(descriptor: descriptor))
        guard probe.ensure(1) else {
            if let error = probe.readError { throw CaptureError(error.code, path: path, offset: 0, error.reason) }
            throw CaptureError(.empty, path: path, offset: 0, "empty file (zero bytes)")
        }
        var isGzip = false
        if probe.ensure(2) {
            let head = probe.view(2)
            isGzip = head[0] == 0x1F && head[1] == 0x8B
        }
        if isGzip {
            // Restart on the same descriptor through zlib.
            lseek(descriptor, 0, SEEK_SET)
            let raw = FileDescriptorSource(descriptor: dup(descriptor))
            do {
                probe = BufferedInput(source: try GzipSource(inner: raw))
            } catch {
                throw CaptureError(error.code, path: path, offset: 0, error.reason)
            }
        }
        compressed = isGzip
        input = probe

        guard input.ensure(4) else {
            if let error = input.readError { throw CaptureError(error.code, path: path, offset: 0, error.reason) }
            throw CaptureError(
                .notACapture, path: path, offset: 0, "too short to be a capture (\(input.available) bytes)")
        }
        let magic = input.view(4).getUInt32(at: 0, bigEndian: false)!
        if magic == PcapngFormat.sectionHeader {
            format = .pcapng
        } else if [PcapFormat.magicMicroseconds, PcapFormat.magicNanoseconds].contains(magic)
            || [PcapFormat.magicMicroseconds, PcapFormat.magicNanoseconds].contains(magic.byteSwapped)
        {
            format = .pcap
            guard input.ensure(PcapFormat.globalHeaderLength) else {
                throw CaptureError(
                    .truncated, path: path, offset: 0,
                    "pcap global header truncated (\(input.available) of 24 bytes)")
            }
            let parser = PcapParser(header: input.view(PcapFormat.globalHeaderLength))!
            pcap = parser
            linkTypes.insert(parser.linkType)
            input.consume(PcapFormat.globalHeaderLength)
        } else {
            let head = input.view(4)
            let hex = (0..<4).map { index in
                let text = String(head[index], radix: 16)
                return text.count == 1 ? "0" + text : text
            }.joined()
            throw CaptureError(
                .notACapture, path: path, offset: 0, "not a pcap or pcapng capture (unknown magic bytes \(hex))")
        }
    }

    public func next() -> CaptureReadResult {
        if let record = nextPacket() { return .packet(record) }
        if let failure, !failureReported {
            failureReported = true
            return .failed(failure)
        }
        return .end
    }

    /// The packet path's form of `next()`: the next packet, or `nil` at the end of the data or at
    /// damage that stops reading (then `error` says where and why). No enum with an error payload
    /// to build and copy for every packet.
    @inline(__always)
    public func nextPacket() -> PacketRecord? {
        guard failure == nil else { return nil }
        let record = format == .pcap ? nextPcap(batchStarted: false) : nextPcapng()
        if record != nil { packetCount &+= 1 }
        return record
    }

    /// The packet path's bulk read: up to `capacity` packets written to `records`, all valid until
    /// the next read; 0 at the end of the data or at damage that stops reading (then `error` says
    /// where and why). A batch ends early where the next record would need a refill of the
    /// buffer, so no record of a batch is moved by a later one.
    public func nextPackets(into records: UnsafeMutablePointer<PacketRecord>, capacity: Int) -> Int {
        guard failure == nil, capacity > 0 else { return 0 }
        guard format == .pcap else {
            // pcapng blocks other than packets may refill the buffer: one packet per call.
            guard let record = nextPacket() else { return 0 }
            records.initialize(to: record)
            return 1
        }
        var count = 0
        while count < capacity, let record = nextPcap(batchStarted: count > 0) {
            (records + count).initialize(to: record)
            count &+= 1
        }
        packetCount &+= count
        return count
    }

    /// Why reading stopped early, if it did.
    public var error: CaptureError? { failure }

    private var failureReported = false

    private func fail(_ code: CaptureError.Code, _ reason: String) -> PacketRecord? {
        failure = CaptureError(code, path: path, offset: input.offset, reason)
        return nil
    }

    private func endOrReadError(expected: Int, what: String) -> PacketRecord? {
        if let error = input.readError { return fail(error.code, error.reason) }
        if input.available == 0 { return nil }
        return fail(.truncated, "\(what) truncated: \(input.available) of \(expected) bytes present")
    }

    // MARK: classic pcap

    // Inlined into `nextPacket`: one call and one register save/restore per packet, not two.
    // With `batchStarted`, returns nil (consuming nothing) where the record is not already
    // in the buffer, instead of refilling it under the batch's earlier records.
    @inline(__always)
    private func nextPcap(batchStarted: Bool) -> PacketRecord? {
        guard let parser = pcap else { return nil }
        if batchStarted && !input.isContiguous(PcapFormat.recordHeaderLength) { return nil }
        guard input.ensure(PcapFormat.recordHeaderLength) else {
            return endOrReadError(expected: PcapFormat.recordHeaderLength, what: "record header")
        }
        // The 16 bytes are there (ensured above): load the fields directly.
        let header = input.view(PcapFormat.recordHeaderLength).base.unsafelyUnwrapped
        // The next records' headers are a few cache lines on: asked for now, they are in the
        // level-1 cache when the walk gets there (the first load of each header stalled on it).
        palisade_prefetch(header + Self.prefetchDistance)
        let big = parser.bigEndian
        @inline(__always) func field(_ offset: Int) -> UInt32 {
            let raw = header.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
            return big ? UInt32(bigEndian: raw) : UInt32(littleEndian: raw)
        }
        let seconds = Int64(field(0))
        let fraction = Int64(field(4))
        let capturedLength = Int(field(8))
        let originalLength = Int(field(12))

        if capturedLength > Self.maximumRecordLength {
            return fail(
                .absurdLength,
                "record claims \(capturedLength) captured bytes (snaplen \(parser.snapLength)); the file is damaged here"
            )
        }
        let total = PcapFormat.recordHeaderLength + capturedLength
        if batchStarted && !input.isContiguous(total) { return nil }
        if parser.snapLength > 0 && capturedLength > max(parser.snapLength, 262_144) {
            anomalies.record(Self.anomalyCaplenExceedsSnaplen)
        }
        if capturedLength > originalLength {
            anomalies.record(Self.anomalyCaplenExceedsWireLength)
        }
        guard input.ensure(total) else {
            if let error = input.readError { return fail(error.code, error.reason) }
            return fail(
                .truncated,
                "record truncated: header says \(capturedLength) bytes, \(input.available - PcapFormat.recordHeaderLength) present"
            )
        }
        let nanoseconds = parser.nanosecond ? fraction : fraction &* 1000
        let record = PacketRecord(
            timestamp: seconds &* 1_000_000_000 &+ nanoseconds, originalLength: max(originalLength, capturedLength),
            linkType: parser.linkType, bytes: input.view(capturedLength, at: PcapFormat.recordHeaderLength))
        input.consume(total)
        return record
    }

    // MARK: pcapng

    private func nextPcapng() -> PacketRecord? {
        while true {
            guard input.ensure(8) else { return endOrReadError(expected: 8, what: "block header") }
            let head = input.view(8)
            var blockType = head.getUInt32(at: 0, bigEndian: pcapngBigEndian)!
            var blockLength = Int(head.getUInt32(at: 4, bigEndian: pcapngBigEndian)!)

            if head.getUInt32(at: 0, bigEndian: false) == PcapngFormat.sectionHeader {
                // A new section: its byte-order magic decides the endianness of everything after it.
                guard input.ensure(12) else { return endOrReadError(expected: 12, what: "section header") }
                let magic = input.view(12).getUInt32(at: 8, bigEndian: false)!
                if magic == PcapngFormat.byteOrderMagic {
                    pcapngBigEndian = false
                } else if magic == PcapngFormat.byteOrderMagic.byteSwapped {
                    pcapngBigEndian = true
                } else {
                    return fail(.badBlock, "section header has a bad byte-order magic")
                }
                blockType = PcapngFormat.sectionHeader
                blockLength = Int(input.view(8).getUInt32(at: 4, bigEndian: pcapngBigEndian)!)
                interfaces.removeAll(keepingCapacity: true)
            }

            guard blockLength >= 12, blockLength % 4 == 0 else {
                return fail(
                    .badBlock, "block of type 0x\(String(blockType, radix: 16)) has an invalid length \(blockLength)")
            }
            guard blockLength <= Self.maximumRecordLength else {
                return fail(.absurdLength, "block claims \(blockLength) bytes; the file is damaged here")
            }
            guard input.ensure(blockLength) else {
                if let error = input.readError { return fail(error.code, error.reason) }
                return fail(
                    .truncated, "block truncated: header says \(blockLength) bytes, \(input.available) present")
            }
            let block = input.view(blockLength)
            if block.getUInt32(at: blockLength - 4, bigEndian: pcapngBigEndian) != UInt32(blockLength) {
                anomalies.record(Self.anomalyBlockTrailerMismatch)
            }
            let body = block.slice(from: 8, count: blockLength - 12)!

            switch blockType {
            case PcapngFormat.sectionHeader:
                input.consume(blockLength)
            case PcapngFormat.interfaceDescription:
                guard body.count >= 8 else {
                    return fail(.badBlock, "interface description block too short (\(blockLength) bytes)")
                }
                var interface = PcapngInterface(
                    linkType: LinkType(rawValue: UInt32(body.getUInt16(at: 0, bigEndian: pcapngBigEndian)!)),
                    snapLength: Int(body.getUInt32(at: 4, bigEndian: pcapngBigEndian)!))
                interface.applyOptions(body.dropFirst(8), bigEndian: pcapngBigEndian)
                interfaces.append(interface)
                linkTypes.insert(interface.linkType)
                input.consume(blockLength)
            case PcapngFormat.enhancedPacket, PcapngFormat.obsoletePacket:
                let isEnhanced = blockType == PcapngFormat.enhancedPacket
                guard body.count >= 20 else { return fail(.badBlock, "packet block too short (\(blockLength) bytes)") }
                let interfaceID =
                    isEnhanced
                    ? Int(body.getUInt32(at: 0, bigEndian: pcapngBigEndian)!)
                    : Int(body.getUInt16(at: 0, bigEndian: pcapngBigEndian)!)
                let high = UInt64(body.getUInt32(at: 4, bigEndian: pcapngBigEndian)!)
                let low = UInt64(body.getUInt32(at: 8, bigEndian: pcapngBigEndian)!)
                let capturedLength = Int(body.getUInt32(at: 12, bigEndian: pcapngBigEndian)!)
                let originalLength = Int(body.getUInt32(at: 16, bigEndian: pcapngBigEndian)!)
                guard interfaceID < interfaces.count else {
                    anomalies.record(Self.anomalyUnknownInterface)
                    input.consume(blockLength)
                    continue
                }
                guard let data = body.slice(from: 20, count: capturedLength) else {
                    return fail(
                        .badBlock, "packet block says \(capturedLength) captured bytes but holds \(body.count - 20)")
                }
                let interface = interfaces[interfaceID]
                if interface.snapLength > 0 && capturedLength > max(interface.snapLength, 262_144) {
                    anomalies.record(Self.anomalyCaplenExceedsSnaplen)
                }
                if capturedLength > originalLength { anomalies.record(Self.anomalyCaplenExceedsWireLength) }
                let record = PacketRecord(
                    timestamp: interface.nanoseconds(high << 32 | low),
                    originalLength: max(originalLength, capturedLength), linkType: interface.linkType,
                    interfaceID: interfaceID, bytes: data)
                input.consume(blockLength)
                return record
            case PcapngFormat.simplePacket:
                guard body.count >= 4 else { return fail(.badBlock, "simple packet block too short") }
                guard let interface = interfaces.first else {
                    anomalies.record(Self.anomalyUnknownInterface)
                    input.consume(blockLength)
                    continue
                }
                let originalLength = Int(body.getUInt32(at: 0, bigEndian: pcapngBigEndian)!)
                var capturedLength = min(originalLength, body.count - 4)
                if interface.snapLength > 0 { capturedLength = min(capturedLength, interface.snapLength) }
                let record = PacketRecord(
                    timestamp: 0, originalLength: originalLength, linkType: interface.linkType,
                    bytes: body.slice(from: 4, count: capturedLength)!)
                input.consume(blockLength)
                return record
            case 4, 5, 9, 10, 0xBAD, 0x4000_0BAD:
                // Name resolution, interface statistics, journal, secrets, custom: nothing to analyze.
                input.consume(blockLength)
            default:
                anomalies.record(Self.anomalyUnknownBlock)
                input.consume(blockLength)
            }
        }
    }
}
