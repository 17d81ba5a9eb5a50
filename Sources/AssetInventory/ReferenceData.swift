import Foundation
import PacketLayers
import SwiftCSV

/// The offline reference tables the inventory reads at start (IEEE OUI registry, CIP and BACnet
/// vendor ids): files carried into the plant, never fetched. See `../shared/data/README.md`.
public struct ReferenceData: Sendable {
    /// MAC prefix → organisation, one table per prefix length (36, 28 and 24 bits).
    private var ouiByLength: [Int: [UInt64: String]] = [:]
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
        for (file, length) in [("oui.csv", 24), ("mam.csv", 28), ("oui36.csv", 36), ("iab.csv", 36)] {
            let path = directory + "/oui/" + file
            guard FileManager.default.fileExists(atPath: path) else { continue }
            try data.loadOUI(path, bits: length)
        }
        let cip = directory + "/vendors/cip_vendor_ids.csv"
        if FileManager.default.fileExists(atPath: cip) { data.cipVendors = try loadVendorIDs(cip) }
        let bacnet = directory + "/vendors/bacnet_vendor_ids.csv"
        if FileManager.default.fileExists(atPath: bacnet) { data.bacnetVendors = try loadVendorIDs(bacnet) }
        return data
    }

    private mutating func loadOUI(_ path: String, bits: Int) throws(LoadError) {
        var table = ouiByLength[bits] ?? [:]
        do {
            let csv = try CSV<Enumerated>(url: URL(fileURLWithPath: path), delimiter: .comma, loadColumns: false)
            for row in csv.rows where row.count >= 3 {
                // Assignment: 6, 7 or 9 hex digits.
                guard let prefix = UInt64(row[1], radix: 16), row[1].count * 4 == bits else { continue }
                let name = row[2].trimmingCharacters(in: .whitespaces)
                if !name.isEmpty { table[prefix] = name }
            }
        } catch {
            throw .unreadable(path, "\(error)")
        }
        ouiByLength[bits] = table
    }

    private static func loadVendorIDs(_ path: String) throws(LoadError) -> [Int: String] {
        var table: [Int: String] = [:]
        do {
            let csv = try CSV<Named>(url: URL(fileURLWithPath: path), delimiter: .comma, loadColumns: false)
            for row in csv.rows {
                guard let id = row["vendor_id"].flatMap({ Int($0) }), let name = row["name"] ?? row["vendor_name"]
                else { continue }
                table[id] = name
            }
        } catch {
            throw .unreadable(path, "\(error)")
        }
        return table
    }

    /// The registered organisation of `mac`: longest prefix first (36, 28, then 24 bits).
    /// Locally administered and multicast addresses have none.
    public func vendor(of mac: MACAddress) -> String? {
        let raw = mac.rawValue
        guard raw >> 40 & 0x03 == 0 else { return nil }
        for bits in [36, 28, 24] {
            if let name = ouiByLength[bits]?[raw >> UInt64(48 - bits)] { return name }
        }
        return nil
    }

    public func cipVendor(_ id: Int) -> String? { cipVendors[id] }
    public func bacnetVendor(_ id: Int) -> String? { bacnetVendors[id] }
    public var isEmpty: Bool { ouiByLength.isEmpty }
}
