import BinaryParsing

#if canImport(Glibc)
    import Glibc
#endif

/// A window over the input that hands out contiguous, borrowed views of the next bytes. Records are
/// parsed in place: no copy and no allocation per packet.
///
/// A plain file is mapped in windows of `mappedWindow` bytes (populated in one call, unmapped when
/// passed), so the kernel never copies the capture and resident memory stays at one window. Other
/// sources (gzip, pipes) are read into a buffer that grows only when one record is larger than it.
final class BufferedInput {
    /// Mapping state for plain files.
    private struct Mapping {
        let descriptor: Int32
        let fileSize: Int64
        var base: UnsafeMutableRawPointer?
        var windowOffset: Int64 = 0  // file offset of `base`
        var windowLength = 0
    }

    static let mappedWindow = 32 << 20
    private var mapping: Mapping?
    private let source: ByteSource
    private var storage: UnsafeMutableRawBufferPointer {
        didSet { windowBase = UnsafeRawPointer(storage.baseAddress!) }
    }
    /// Start of the current window: the read buffer, or the mapped window of a plain file.
    private var windowBase: UnsafeRawPointer
    private var start = 0  // first unconsumed byte
    private var end = 0  // one past the last valid byte
    private var sourceEnded = false
    /// Absolute file offset of `storage[start]`.
    private(set) var offset: Int64 = 0
    private(set) var readError: ByteSourceError?

    static let defaultCapacity = 4 << 20

    init(source: ByteSource, capacity: Int = BufferedInput.defaultCapacity) {
        self.source = source
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 64)
        self.storage = buffer
        self.windowBase = UnsafeRawPointer(buffer.baseAddress!)
    }

    /// Maps the file behind `descriptor` (which it owns and closes) instead of reading it.
    init(mappingDescriptor descriptor: Int32, fileSize: Int64) {
        self.source = FileDescriptorSource(descriptor: descriptor)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64, alignment: 64)
        self.storage = buffer
        self.windowBase = UnsafeRawPointer(buffer.baseAddress!)
        self.mapping = Mapping(descriptor: descriptor, fileSize: fileSize)
    }

    deinit {
        if let mapping, let base = mapping.base { munmap(base, mapping.windowLength) }
        storage.deallocate()
        source.close()
    }

    var available: Int {
        if let mapping { return Int(mapping.fileSize - offset) }
        return end - start
    }

    /// Makes at least `count` bytes contiguous at the front. False at end of input (or on a read
    /// error, kept in `readError`) with fewer bytes left.
    @inline(__always)
    func ensure(_ count: Int) -> Bool {
        if end - start >= count { return true }
        return mapping != nil ? ensureMapped(count) : refill(count)
    }

    private func refill(_ count: Int) -> Bool {
        if count > storage.count { grow(to: count) }
        if start + count > storage.count {
            // Slide the remainder to the front of the window.
            let remaining = end - start
            if remaining > 0 {
                storage.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: remaining)
            }
            start = 0
            end = remaining
        }
        while end - start < count && !sourceEnded {
            do {
                let read = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: storage[end...]))
                if read == 0 { sourceEnded = true } else { end += read }
            } catch {
                readError = error
                sourceEnded = true
            }
        }
        return end - start >= count
    }

    /// A view of `count` bytes at `delta` from the front; call `ensure` first.
    @inline(__always)
    func view(_ count: Int, at delta: Int = 0) -> ByteView {
        precondition(start + delta + count <= end)
        return ByteView(base: windowBase + start + delta, count: count)
    }

    @inline(__always)
    func consume(_ count: Int) {
        precondition(count <= end - start)
        start += count
        offset += Int64(count)
    }

    /// `start`/`end` index the current window when mapped.
    private func ensureMapped(_ count: Int) -> Bool {
        if end - start >= count { return true }
        guard var current = mapping else { return false }
        let remainingInFile = current.fileSize - offset
        guard remainingInFile >= Int64(count) else { return false }
        // Map a new window that starts at the page holding `offset` and holds `count` bytes.
        let page = Int64(sysconf(Int32(_SC_PAGESIZE)))
        let windowOffset = offset / page * page
        let lead = Int(offset - windowOffset)
        let length = Int(min(Int64(max(Self.mappedWindow, lead + count)), current.fileSize - windowOffset))
        if let base = current.base { munmap(base, current.windowLength) }
        current.base = nil
        guard
            let mapped = mmap(
                nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, current.descriptor, off_t(windowOffset)),
            mapped != MAP_FAILED
        else {
            readError = ByteSourceError(
                code: .readFailed, reason: "cannot map the file: \(String(cString: strerror(errno)))")
            mapping = current
            return false
        }
        madvise(mapped, length, MADV_SEQUENTIAL)
        current.base = mapped
        windowBase = UnsafeRawPointer(mapped)
        current.windowOffset = windowOffset
        current.windowLength = length
        mapping = current
        start = lead
        end = length
        return end - start >= count
    }

    /// Skips `count` bytes that need not be contiguous (e.g. an unknown pcapng block).
    func skip(_ count: Int) -> Bool {
        if mapping != nil {
            guard ensure(min(count, available)), count <= available else { return false }
            if end - start >= count {
                consume(count)
                return true
            }
        }
        var left = count
        while left > 0 {
            if available == 0 && !ensure(1) { return false }
            let step = min(left, available)
            consume(step)
            left -= step
        }
        return true
    }

    private func grow(to count: Int) {
        var capacity = storage.count
        while capacity < count { capacity *= 2 }
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 64)
        let remaining = end - start
        if remaining > 0 {
            bigger.baseAddress!.copyMemory(from: storage.baseAddress! + start, byteCount: remaining)
        }
        storage.deallocate()
        storage = bigger
        start = 0
        end = remaining
    }
}
