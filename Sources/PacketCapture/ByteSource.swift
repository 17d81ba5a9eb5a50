import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A sequential stream of bytes (a plain file, or a gzip member chain decompressed on the fly).
protocol ByteSource: AnyObject {
    /// Fills up to `buffer.count` bytes; 0 means end of input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError) -> Int
    func close()
}

struct ByteSourceError: Error {
    let code: CaptureError.Code
    let reason: String
}

/// Big `read(2)` calls on a file descriptor: the kernel's page cache does the rest, and our
/// resident memory stays at the size of one window whatever the file size.
final class FileDescriptorSource: ByteSource {
    private var descriptor: Int32

    init(descriptor: Int32) { self.descriptor = descriptor }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let result = Glibc.read(descriptor, base, buffer.count)
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw ByteSourceError(code: .readFailed, reason: "read failed: \(String(cString: strerror(errno)))")
        }
    }

    func close() {
        if descriptor >= 0 {
            _ = Glibc.close(descriptor)
            descriptor = -1
        }
    }

    deinit { close() }
}

/// gzip decompression with zlib (`.pcap.gz`, `.pcapng.gz`); concatenated members are read in turn.
final class GzipSource: ByteSource {
    private let inner: ByteSource
    private var stream = z_stream()
    private let input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var finished = false
    private var initialized = false

    init(inner: ByteSource) throws(ByteSourceError) {
        self.inner = inner
        self.input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        // 15 + 32: zlib detects gzip or zlib headers itself.
        let status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            throw ByteSourceError(code: .compression, reason: "cannot start gzip decompression (zlib \(status))")
        }
        initialized = true
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ByteSourceError) -> Int {
        guard !finished, let outBase = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.next_out = outBase.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(clamping: buffer.count)
        let requested = Int(stream.avail_out)
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !inputEnded {
                let count = try inner.read(into: input)
                if count == 0 {
                    inputEnded = true
                } else {
                    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = UInt32(count)
                }
            }
            if stream.avail_in == 0 && inputEnded {
                let produced = requested - Int(stream.avail_out)
                if produced == 0 {
                    finished = true
                    if stream.total_in > 0 && !memberComplete {
                        throw ByteSourceError(
                            code: .truncated, reason: "gzip stream ends early (compressed data truncated)")
                    }
                }
                return produced
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                memberComplete = false
                continue
            case Z_STREAM_END:
                memberComplete = true
                // Another member may follow (concatenated .gz files). Its two magic bytes may be
                // split across reads: keep what is left of this read and read on until two are here.
                while stream.avail_in < 2 && !inputEnded {
                    let kept = Int(stream.avail_in)
                    if kept > 0 {
                        input.baseAddress!.copyMemory(from: UnsafeRawPointer(stream.next_in), byteCount: kept)
                    }
                    let count = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: input[kept...]))
                    if count == 0 { inputEnded = true }
                    stream.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = UInt32(kept + count)
                }
                // Only another gzip member may follow; anything else (padding) ends the data.
                if stream.avail_in < 2 || stream.next_in[0] != 0x1f || stream.next_in[1] != 0x8b {
                    finished = true
                    return requested - Int(stream.avail_out)
                }
                inflateReset(&stream)
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw ByteSourceError(code: .compression, reason: "gzip data is corrupt: \(message)")
            }
        }
        return requested - Int(stream.avail_out)
    }

    private var memberComplete = false

    func close() { inner.close() }

    deinit {
        if initialized { inflateEnd(&stream) }
        input.deallocate()
        inner.close()
    }
}
