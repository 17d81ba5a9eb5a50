import CZlib
import Foundation

/// The files of an advisory collection: a folder (walked recursively), a `.zip` or a `.tar.gz`.
/// Every member is bounded: advisories are untrusted files carried into the plant.
enum AdvisoryArchive {
    /// Members larger than this are reported and skipped (CSAFParser refuses them anyway).
    static let maximumMemberBytes = CSAFParser.maximumDocumentBytes
    /// A `.tar.gz` inflates to at most this much (the full CISA OT set is about 300 MiB).
    static let maximumInflatedBytes = 2 << 30
    static let maximumMembers = 200_000

    struct Member {
        var name: String
        var data: Data?
        var problem: String?
    }

    enum ReadError: Error, CustomStringConvertible {
        case notFound(String)
        case unreadable(String, String)
        var description: String {
            switch self {
            case .notFound(let path): "\(path): no such file or folder"
            case .unreadable(let path, let reason): "\(path): \(reason)"
            }
        }
    }

    /// Calls `body` for each `.json` member, in name order for folders and archive order otherwise.
    static func forEachJSON(at path: String, _ body: (Member) -> Void) throws(ReadError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .notFound(path) }
        let lowercased = path.lowercased()
        if isDirectory.boolValue {
            try readFolder(path, body)
        } else if lowercased.hasSuffix(".zip") {
            try readZip(path, body)
        } else if lowercased.hasSuffix(".tar.gz") || lowercased.hasSuffix(".tgz") || lowercased.hasSuffix(".tar") {
            guard let compressed = FileManager.default.contents(atPath: path) else {
                throw .unreadable(path, "cannot read")
            }
            let tar: Data
            if lowercased.hasSuffix(".tar") {
                tar = compressed
            } else {
                do { tar = try gunzip(compressed) } catch { throw .unreadable(path, error.reason) }
            }
            do {
                try TarReader.forEachFile(in: tar) { name, data in
                    guard name.lowercased().hasSuffix(".json") else { return }
                    body(Member(name: path + "!" + name, data: data))
                }
            } catch { throw .unreadable(path, error.reason) }
        } else {
            body(readFile(path))
        }
    }

    private static func readFile(_ path: String) -> Member {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumMemberBytes else {
            return Member(name: path, problem: "file of \(size) bytes exceeds \(maximumMemberBytes)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return Member(name: path, problem: "cannot read")
        }
        return Member(name: path, data: data)
    }

    private static func readFolder(_ path: String, _ body: (Member) -> Void) throws(ReadError) {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw .unreadable(path, "cannot list")
        }
        var names: [String] = []
        for case let name as String in enumerator where name.lowercased().hasSuffix(".json") {
            names.append(name)
            if names.count >= maximumMembers { break }
        }
        let base = path.hasSuffix("/") ? path : path + "/"
        for name in names.sorted() { body(readFile(base + name)) }
    }

    private static func readZip(_ path: String, _ body: (Member) -> Void) throws(ReadError) {
        guard let archive = FileManager.default.contents(atPath: path) else { throw .unreadable(path, "cannot read") }
        do {
            try ZipReader.forEachFile(in: archive) { name, result in
                guard name.lowercased().hasSuffix(".json") else { return }
                switch result {
                case .success(let data): body(Member(name: path + "!" + name, data: data))
                case .failure(let error): body(Member(name: path + "!" + name, problem: error.reason))
                }
            }
        } catch {
            throw .unreadable(path, error.reason)
        }
    }

    struct InflateError: Error { var reason: String }

    /// Inflates gzip (or zlib) data, all members, refusing output beyond `limit`; `raw` for the
    /// headerless deflate of zip members.
    static func gunzip(_ compressed: Data, raw: Bool = false, limit: Int = maximumInflatedBytes) throws(InflateError)
        -> Data
    {
        var output = Data()
        var stream = z_stream()
        let windowBits: Int32 = raw ? -15 : 15 + 32
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InflateError(reason: "zlib initialisation failed")
        }
        defer { inflateEnd(&stream) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var failure: String?
        compressed.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.bindMemory(to: Bytef.self).baseAddress else {
                failure = "empty file"
                return
            }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            while true {
                let status = buffer.withUnsafeMutableBufferPointer { out -> Int32 in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    output.append(out.baseAddress!, count: out.count - Int(stream.avail_out))
                    return status
                }
                if output.count > limit {
                    failure = "inflates to more than \(limit) bytes"
                    return
                }
                if status == Z_STREAM_END {
                    // Concatenated gzip members (pigz, appended archives) continue after the end.
                    if stream.avail_in == 0 || raw { return }
                    inflateReset(&stream)
                    continue
                }
                if status != Z_OK {
                    failure = status == Z_BUF_ERROR ? "truncated gzip data" : "corrupt gzip data (zlib \(status))"
                    return
                }
            }
        }
        if let failure { throw InflateError(reason: failure) }
        return output
    }
}

/// A reader for zip archives (PKWARE APPNOTE 6.3: central directory, stored and deflated members),
/// written by hand: ZIPFoundation declares a `CZlib` module on Linux that clashes with ours.
enum ZipReader {
    struct ZipError: Error { var reason: String }

    static func forEachFile(in archive: Data, _ body: (String, Result<Data, ZipError>) -> Void) throws(ZipError) {
        let bytes = [UInt8](archive)
        func u16(_ offset: Int) -> Int? {
            guard offset >= 0, offset + 2 <= bytes.count else { return nil }
            return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
        }
        func u32(_ offset: Int) -> Int? {
            guard let low = u16(offset), let high = u16(offset + 2) else { return nil }
            return low | high << 16
        }
        // End of central directory: the last signature within 64 KiB + 22 bytes of the end.
        var end = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while end >= lowest, u32(end) != 0x0605_4b50 { end -= 1 }
        guard end >= lowest, let entries = u16(end + 10), var offset = u32(end + 16) else {
            throw ZipError(reason: "not a zip archive (no end of central directory)")
        }
        for _ in 0..<min(entries, AdvisoryArchive.maximumMembers) {
            guard u32(offset) == 0x0201_4b50, let method = u16(offset + 10), let compressedSize = u32(offset + 20),
                let size = u32(offset + 24), let nameLength = u16(offset + 28), let extraLength = u16(offset + 30),
                let commentLength = u16(offset + 32), let localOffset = u32(offset + 42),
                offset + 46 + nameLength <= bytes.count
            else { throw ZipError(reason: "corrupt central directory at offset \(offset)") }
            let name = String(decoding: bytes[offset + 46..<offset + 46 + nameLength], as: UTF8.self)
            offset += 46 + nameLength + extraLength + commentLength
            if name.hasSuffix("/") { continue }
            guard size <= AdvisoryArchive.maximumMemberBytes else {
                body(
                    name,
                    .failure(ZipError(reason: "member of \(size) bytes exceeds \(AdvisoryArchive.maximumMemberBytes)")))
                continue
            }
            guard u32(localOffset) == 0x0403_4b50, let localName = u16(localOffset + 26),
                let localExtra = u16(localOffset + 28)
            else {
                body(name, .failure(ZipError(reason: "corrupt local header")))
                continue
            }
            let dataStart = localOffset + 30 + localName + localExtra
            guard compressedSize >= 0, dataStart + compressedSize <= bytes.count else {
                body(name, .failure(ZipError(reason: "member runs past the end of the archive")))
                continue
            }
            let compressed = Data(bytes[dataStart..<dataStart + compressedSize])
            switch method {
            case 0: body(name, .success(compressed))
            case 8:
                do {
                    let data = try AdvisoryArchive.gunzip(
                        compressed, raw: true, limit: AdvisoryArchive.maximumMemberBytes)
                    body(name, .success(data))
                } catch {
                    body(name, .failure(ZipError(reason: error.reason)))
                }
            default: body(name, .failure(ZipError(reason: "compression method \(method) not supported")))
            }
        }
    }
}

/// A reader for POSIX ustar / GNU tar, written by hand: no tar library is in the package mirror,
/// and reading regular files (with GNU long names and pax `path`) is all an advisory set needs.
enum TarReader {
    struct TarError: Error { var reason: String }

    static func forEachFile(in tar: Data, _ body: (String, Data) -> Void) throws(TarError) {
        let bytes = [UInt8](tar)
        var offset = 0
        var longName: String?
        var members = 0
        while offset + 512 <= bytes.count {
            let header = bytes[offset..<offset + 512]
            if header.allSatisfy({ $0 == 0 }) { return }  // end-of-archive marker
            guard let size = readSize(bytes[offset + 124..<offset + 136]) else {
                throw TarError(reason: "bad size field in tar header at offset \(offset)")
            }
            let dataStart = offset + 512
            guard size >= 0, size <= bytes.count - dataStart else {
                throw TarError(reason: "tar member at offset \(offset) runs past the end of the archive")
            }
            let type = bytes[offset + 156]
            let content = bytes[dataStart..<dataStart + size]
            var name = readString(bytes[offset..<offset + 100])
            // POSIX ustar (`ustar\0`) has a name prefix at 345; GNU (`ustar  `) keeps times there.
            if bytes[offset + 257..<offset + 263].elementsEqual(Array("ustar".utf8) + [0]) {
                let prefix = readString(bytes[offset + 345..<offset + 500])
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            switch type {
            case UInt8(ascii: "L"):  // GNU long name for the next member
                longName = readString(content)
            case UInt8(ascii: "x"):  // pax extended header: only `path` matters here
                longName = paxPath(content) ?? longName
            case UInt8(ascii: "0"), 0:
                members += 1
                guard members <= AdvisoryArchive.maximumMembers else { return }
                body(longName ?? name, Data(content))
                longName = nil
            default:
                longName = nil
            }
            offset = dataStart + (size + 511) / 512 * 512
        }
    }

    private static func readString(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix(while: { $0 != 0 }), as: UTF8.self)
    }

    /// Octal digits, or GNU base-256 when the high bit of the first byte is set.
    private static func readSize(_ field: ArraySlice<UInt8>) -> Int? {
        if let first = field.first, first & 0x80 != 0 {
            var value = 0
            for byte in field.dropFirst() {
                guard value < Int.max >> 9 else { return nil }
                value = value << 8 | Int(byte)
            }
            return value
        }
        let text = readString(field).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? 0 : Int(text, radix: 8)
    }

    private static func paxPath(_ content: ArraySlice<UInt8>) -> String? {
        for line in String(decoding: content, as: UTF8.self).split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let record = line[line.index(after: space)...]
            if record.hasPrefix("path=") { return String(record.dropFirst(5)) }
        }
        return nil
    }
}

extension Error {
    fileprivate var reason: String {
        switch self {
        case let error as AdvisoryArchive.InflateError: error.reason
        case let error as TarReader.TarError: error.reason
        case let error as ZipReader.ZipError: error.reason
        default: "\(self)"
        }
    }
}
