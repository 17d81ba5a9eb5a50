import BinaryParsing
import Glibc

/// A buffer over the input that hands out contiguous, borrowed views of the next bytes. Records
/// are parsed in place: no copy and no allocation per packet.
///
/// Every source, plain files included, is read into one buffer of `defaultCapacity` bytes that
/// grows only when one record is larger than it. The buffer is small enough to stay in the core's
/// L2 cache, so the packets the kernel has just copied into it are read from there. (Mapping
/// the file in 32 MB windows instead was measured slower with two workers: each worker met every
/// packet's first touch as a miss, and the page-table set-up of each window cost as much as the
/// copy; bench/README, session 9.)
final class BufferedInput {
    private let source: ByteSource
    private var storage: UnsafeMutableRawBufferPointer
    private var start = 0  // first unconsumed byte
    private var end = 0  // one past the last valid byte
    private var sourceEnded = false
    /// Absolute input offset of `storage[start]`.
    private(set) var offset: Int64 = 0
    private(set) var readError: ByteSourceError?

    /// Half the core's L2 cache (256 KiB when the system does not say): room for the kernel's
    /// copy and for what the worker touches while it parses. Measured on two machines (bench/README,
    /// sessions 9 and 12): 256 KiB was best with a 512 KiB L2, 512 KiB with a 1 MiB L2.
    static let defaultCapacity: Int = {
        let level2 = sysconf(Int32(_SC_LEVEL2_CACHE_SIZE))
        guard level2 >= 256 << 10 else { return 256 << 10 }
        var capacity = 128 << 10
        while capacity * 2 <= level2 / 2 && capacity < 1 << 20 { capacity *= 2 }
        return capacity
    }()

    init(source: ByteSource, capacity: Int = BufferedInput.defaultCapacity) {
        self.source = source
        self.storage = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 64)
    }

    deinit {
        storage.deallocate()
        source.close()
    }

    var available: Int { end - start }

    /// Whether `count` bytes are contiguous at the front without a refill.
    @inline(__always)
    func isContiguous(_ count: Int) -> Bool { end - start >= count }

    /// Makes at least `count` bytes contiguous at the front. False at end of input (or on a read
    /// error, kept in `readError`) with fewer bytes left.
    @inline(__always)
    func ensure(_ count: Int) -> Bool {
        isContiguous(count) || refill(count)
    }

    private func refill(_ count: Int) -> Bool {
        if count > storage.count { grow(to: count) }
        if start + count > storage.count {
            // Slide the remainder to the front of the buffer.
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
        return ByteView(base: UnsafeRawPointer(storage.baseAddress.unsafelyUnwrapped) + start + delta, count: count)
    }

    @inline(__always)
    func consume(_ count: Int) {
        precondition(count <= end - start)
        start += count
        offset += Int64(count)
    }

    /// Skips `count` bytes that need not be contiguous (e.g. an unknown pcapng block).
    func skip(_ count: Int) -> Bool {
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
