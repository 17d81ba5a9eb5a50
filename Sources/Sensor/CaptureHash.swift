import EventModel
import Storage

#if canImport(Glibc)
    import Glibc
#endif

/// The content hash that makes imports idempotent: a hash of the file's bytes as stored (a renamed
/// or copied capture is recognised; a re-compressed one is not), `ContentHashAlgorithm.current`.
public enum CaptureHash {
    public struct Failure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// A cheap identity of the content: the size and the SHA-256 of the first and last MiB.
    public static func probe(ofFileAt path: String) throws(Failure) -> (probe: String, size: Int64) {
        guard let file = fopen(path, "rb") else {
            throw Failure(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        guard fseeko(file, 0, SEEK_END) == 0 else { throw Failure(path: path, reason: "cannot seek") }
        let size = Int64(ftello(file))
        let digest = StreamingDigest(.sha256)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for offset in Set([0, max(0, size - Int64(buffer.count))]).sorted() {
            fseeko(file, off_t(offset), SEEK_SET)
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            buffer.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
        }
        return ("\(size):\(digest.finalHex())", size)
    }

    /// The file's content hash (BLAKE2b-512 unless asked otherwise), read in 256 KiB pieces so
    /// that each is hashed from the core's cache right after the kernel copied it.
    public static func contentHash(
        ofFileAt path: String, _ algorithm: ContentHashAlgorithm = .current
    ) throws(Failure) -> (hash: String, size: Int64) {
        guard let file = fopen(path, "rb") else {
            throw Failure(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        let digest = StreamingDigest(algorithm == .sha256 ? .sha256 : .blake2b512)
        let capacity = 256 << 10
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        defer { buffer.deallocate() }
        var size: Int64 = 0
        while true {
            let count = fread(buffer, 1, capacity, file)
            if count > 0 {
                digest.update(UnsafeRawBufferPointer(start: buffer, count: count))
                size += Int64(count)
            }
            if count < capacity {
                if ferror(file) != 0 {
                    throw Failure(path: path, reason: "read error: \(String(cString: strerror(errno)))")
                }
                break
            }
        }
        return (digest.finalHex(), size)
    }
}
