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
    /// are split at their commas; a row with quotes, and the header, go through SwiftCSV. Parsing
    /// the two files whole with SwiftCSV took ~27 ms, on the path of every command that reads them
    /// before its first packet.
    private static func loadVendorIDs(_ path: String) throws(LoadError) -> [Int: String] {
        guard let contents = FileManager.default.contents(atPath: path) else { throw .unreadable(path, "cannot read") }
        var bytes = [UInt8](contents)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: true).makeIterator()
        guard let header = lines.next().flatMap(csvFields) else { throw .unreadable(path, "no CSV header") }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let idColumn = names.firstIndex(of: "vendor_id"),
            let nameColumn = names.firstIndex(of: "name") ?? names.firstIndex(of: "vendor_name")
        else { throw .unreadable(path, "no vendor_id and name columns") }
        var table: [Int: String] = [:]
        while let line = lines.next() {
            guard let fields = csvFields(line), fields.count > max(idColumn, nameColumn),
                let id = Int(fields[idColumn])
            else { continue }
            table[id] = fields[nameColumn]
        }
        return table
    }

    /// The fields of one CSV row (a trailing carriage return dropped); nil when SwiftCSV cannot
    /// read a quoted row.
    private static func csvFields(_ row: ArraySlice<UInt8>) -> [String]? {
        let row = row.last == 0x0D ? row.dropLast() : row
        guard row.contains(UInt8(ascii: "\"")) else {
            return row.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
        }
        guard
            let csv = try? CSV<Enumerated>(
                string: String(decoding: row, as: UTF8.self), delimiter: .comma, loadColumns: false)
        else { return nil }
        return csv.header
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
    private func forEachRow(_ bytes: [UInt8], hexDigits: Int, _ body: (UInt64, ArraySlice<UInt8>) -> Void) {
        var start = 0
        let comma = UInt8(ascii: ",")
        while start < bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            // Registry,Assignment,…: the assignment follows the first comma.
            var index = start
            while index < end && bytes[index] != comma { index += 1 }
            index += 1
            var value: UInt64 = 0
            var digits = 0
            while index < end && bytes[index] != comma, digits <= hexDigits {
                let byte = bytes[index] | 0x20
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
            start = end + 1
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
