import Foundation
import PacketLayers
import SwiftCSV

/// The offline reference tables the inventory reads at start (IEEE OUI registry, CIP and BACnet
/// vendor ids): files carried into the plant, never fetched. See `../shared/data/README.md`.
public struct ReferenceData: Sendable {
    /// The IEEE registry files as read, with their prefix length in bits (36, 28 or 24): looked up
    /// on demand, since a plant has a few hundred MACs and the files have 46,000 rows.
    private var ouiFiles: [(bits: Int, bytes: [UInt8])] = []
    private var cipVendors: [Int: String] = [:]
    private var bacnetVendors: [Int: String] = [:]
    public private(set) var directory: String?

    public init() {}

    public enum LoadError: Error, CustomStringConvertible {
        case notFound([String])
        case unreadable(String, String)
        public var description: String {
            switch self {
            case .notFound(let tried):
                "reference data not found (tried \(tried.joined(separator: ", "))); pass --data DIR"
            case .unreadable(let path, let reason): "\(path): \(reason)"
            }
        }
    }

    /// Where to look: `explicit`, then `$PALISADE_DATA`, then `./data`, `../shared/data`, and the
    /// source tree's `../shared/data` (development builds).
    public static func candidateDirectories(explicit: String?) -> [String] {
        var candidates: [String] = []
        if let explicit { return [explicit] }
        if let environment = ProcessInfo.processInfo.environment["PALISADE_DATA"] { candidates.append(environment) }
        candidates.append("data")
        candidates.append("../shared/data")
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(sourceRoot.deletingLastPathComponent().appendingPathComponent("shared/data").path)
        return candidates
    }

    /// Loads the tables from the first directory that has `oui/oui.csv`.
    public static func load(explicit: String? = nil) throws(LoadError) -> ReferenceData {
        let candidates = candidateDirectories(explicit: explicit)
        guard
            let directory = candidates.first(where: {
                FileManager.default.fileExists(atPath: $0 + "/oui/oui.csv")
            })
        else { throw .notFound(candidates) }
        var data = ReferenceData()
        data.directory = directory
        for (file, bits) in [("oui36.csv", 36), ("iab.csv", 36), ("mam.csv", 28), ("oui.csv", 24)] {
            let path = directory + "/oui/" + file
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw .unreadable(path, "cannot read")
            }
            data.ouiFiles.append((bits, [UInt8](contents)))
        }
        let cip = directory + "/vendors/cip_vendor_ids.csv"
        if FileManager.default.fileExists(atPath: cip) { data.cipVendors = try loadVendorIDs(cip) }
        let bacnet = directory + "/vendors/bacnet_vendor_ids.csv"
        if FileManager.default.fileExists(atPath: bacnet) { data.bacnetVendors = try loadVendorIDs(bacnet) }
        return data
    }

    /// A vendor-id table (`vendor_id` and `name` or `vendor_name` columns). Rows without quotes
    /// are split at their commas; the header and the rows with quotes are parsed by SwiftCSV, in
    /// one text. Parsing the two files whole with SwiftCSV took ~27 ms, and a SwiftCSV parse per
    /// quoted row ~10 ms, on the path of every command that reads them before its first packet.
    private static func loadVendorIDs(_ path: String) throws(LoadError) -> [Int: String] {
        guard let contents = FileManager.default.contents(atPath: path) else { throw .unreadable(path, "cannot read") }
        var bytes = [UInt8](contents)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let quote = UInt8(ascii: "\"")
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true).makeIterator()
        guard let headerLine = lines.next() else { throw .unreadable(path, "no CSV header") }
        // In file order: a plain row's fields, or nil for the next quoted row (a later row of
        // the same id wins, as in the file).
        var rows: [[String]?] = []
        var quoted = Array(headerLine.last == 0x0D ? headerLine.dropLast() : headerLine)
        while let line = lines.next() {
            let line = line.last == 0x0D ? line.dropLast() : line
            if line.contains(quote) {
                quoted.append(0x0A)
                quoted.append(contentsOf: line)
                rows.append(nil)
            } else {
                rows.append(
                    line.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map {
                        String(decoding: $0, as: UTF8.self)
                    })
            }
        }
        let parsed: CSV<Enumerated>
        do {
            parsed = try CSV<Enumerated>(
                string: String(decoding: quoted, as: UTF8.self), delimiter: .comma, loadColumns: false)
        } catch {
            throw .unreadable(path, "\(error)")
        }
        let names = parsed.header.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let idColumn = names.firstIndex(of: "vendor_id"),
            let nameColumn = names.firstIndex(of: "name") ?? names.firstIndex(of: "vendor_name")
        else { throw .unreadable(path, "no vendor_id and name columns") }
        // A quoted field that spans lines (or a quote left open) makes SwiftCSV's rows disagree
        // with the lines that had quotes: then the whole file goes through SwiftCSV, so that the
        // rows keep the file's order (a later row of an id wins).
        guard parsed.rows.count == rows.count(where: { $0 == nil }) else {
            return try loadVendorIDsWhole(path, idColumn: names[idColumn], nameColumn: names[nameColumn])
        }
        var table: [Int: String] = [:]
        var quotedRows = parsed.rows.makeIterator()
        for row in rows {
            guard let fields = row ?? quotedRows.next(), fields.count > max(idColumn, nameColumn),
                let id = Int(fields[idColumn])
            else { continue }
            table[id] = fields[nameColumn]
        }
        return table
    }

    /// `loadVendorIDs` by SwiftCSV alone, for files whose quoted fields span lines.
    private static func loadVendorIDsWhole(_ path: String, idColumn: String, nameColumn: String) throws(LoadError)
        -> [Int: String]
    {
        var table: [Int: String] = [:]
        do {
            let csv = try CSV<Named>(url: URL(fileURLWithPath: path), delimiter: .comma, loadColumns: false)
            for row in csv.rows {
                guard let id = row[idColumn].flatMap({ Int($0) }), let name = row[nameColumn] else { continue }
                table[id] = name
            }
        } catch {
            throw .unreadable(path, "\(error)")
        }
        return table
    }

    /// The registered organisation of each of `macs`: longest prefix first (36, 28, then 24 bits).
    /// Locally administered and multicast addresses have none. Rows are found by a byte scan of
    /// the assignment column; only the matching rows are parsed as CSV (the organisation name may
    /// be quoted), which keeps start-up in milliseconds instead of a second for all 46,000 rows.
    public func vendors(of macs: some Sequence<MACAddress>) -> [MACAddress: String] {
        let universal = macs.filter { $0.rawValue >> 40 & 0x03 == 0 && $0 != .zero }
        var result: [MACAddress: String] = [:]
        guard !universal.isEmpty else { return result }
        for (bits, bytes) in ouiFiles {
            var wanted: [UInt64: [MACAddress]] = [:]
            for mac in universal where result[mac] == nil {
                wanted[mac.rawValue >> UInt64(48 - bits), default: []].append(mac)
            }
            guard !wanted.isEmpty else { continue }
            forEachRow(bytes, hexDigits: bits / 4) { assignment, line in
                guard let macs = wanted[assignment] else { return }
                guard let name = Self.organisation(inRow: line) else { return }
                for mac in macs where result[mac] == nil { result[mac] = name }
            }
        }
        return result
    }

    public func vendor(of mac: MACAddress) -> String? { vendors(of: [mac])[mac] }

    /// Calls `body(assignment, row)` for each row whose second column is `hexDigits` hex digits.
    /// Line ends and first commas are found with `memchr`: a byte loop over the 4.3 MB of the
    /// registry took ~13 ms, serial at the end of every inventory.
    private func forEachRow(_ bytes: [UInt8], hexDigits: Int, _ body: (UInt64, ArraySlice<UInt8>) -> Void) {
        let comma = UInt8(ascii: ",")
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            /// The offset of the first `byte` in `from..<to`, or nil.
            func find(_ byte: UInt8, from: Int, to: Int) -> Int? {
                guard let found = memchr(base + from, Int32(byte), to - from) else { return nil }
                return UnsafeRawPointer(found) - UnsafeRawPointer(base)
            }
            var start = 0
            while start < buffer.count {
                let end = find(0x0A, from: start, to: buffer.count) ?? buffer.count
                // Registry,Assignment,…: the assignment follows the first comma.
                if let firstComma = find(comma, from: start, to: end) {
                    var index = firstComma + 1
                    var value: UInt64 = 0
                    var digits = 0
                    while index < end && buffer[index] != comma, digits <= hexDigits {
                        let byte = buffer[index] | 0x20
                        let digit: UInt8
                        if byte >= 0x30 && byte <= 0x39 {
                            digit = byte - 0x30
                        } else if byte >= 0x61 && byte <= 0x66 {
                            digit = byte - 0x61 + 10
                        } else {
                            digits = hexDigits + 1
                            break
                        }
                        value = value << 4 | UInt64(digit)
                        digits += 1
                        index += 1
                    }
                    if digits == hexDigits { body(value, bytes[start..<end]) }
                }
                start = end + 1
            }
        }
    }

    /// The third column of one CSV row (the organisation name), unquoted by SwiftCSV.
    private static func organisation(inRow row: ArraySlice<UInt8>) -> String? {
        let text = String(decoding: row, as: UTF8.self)
        guard let csv = try? CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false),
            let fields = csv.header.count >= 3 ? csv.header : nil
        else { return nil }
        let name = fields[2].trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? nil : name
    }

    public func cipVendor(_ id: Int) -> String? { cipVendors[id] }
    public func bacnetVendor(_ id: Int) -> String? { bacnetVendors[id] }
    public var isEmpty: Bool { ouiFiles.isEmpty }
}
