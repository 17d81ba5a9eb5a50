import AssetInventory
import EventModel
import Foundation
import PacketLayers

/// How model values become columns: addresses and protocols as text a person can query, counters
/// as 64-bit integers (bit patterns), operation tallies as a fixed 128-byte blob.
enum ColumnCoding {
    static func text(_ mac: MACAddress) -> String { mac == .zero ? "" : mac.description }
    static func text(_ ip: IPAddress) -> String { ip.isUnspecified ? "" : ip.description }
    static func mac(_ text: String) -> MACAddress { text.isEmpty ? .zero : MACAddress(text) ?? .zero }
    static func ip(_ text: String) -> IPAddress { text.isEmpty ? .unspecified : IPAddress(text) ?? .unspecified }

    /// A list of names without commas (asset ids, addresses) as one comma-separated column.
    static func list(_ items: [String]) -> String {
        items.map { $0.replacingOccurrences(of: ",", with: ";") }.joined(separator: ",")
    }
    static func decodeList(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ",").map(String.init)
    }
    static func int(_ value: UInt64) -> Int64 { Int64(bitPattern: value) }
    static func uint(_ value: Int64) -> UInt64 { UInt64(bitPattern: value) }

    static func protocolName(_ id: UInt16) -> String {
        ApplicationProtocol.withID(id)?.name ?? "unknown"
    }
    static func protocolID(_ name: String) -> UInt16? { ApplicationProtocol.named(name)?.id }

    static func text(_ set: ProtocolSet) -> String { set.protocols.map(\.name).joined(separator: ",") }
    static func protocolSet(_ text: String) -> ProtocolSet {
        var set = ProtocolSet()
        for name in text.split(separator: ",") { if let id = protocolID(String(name)) { set.insert(id) } }
        return set
    }

    static func text(_ vlans: Set<UInt16>) -> String { vlans.sorted().map(String.init).joined(separator: ",") }
    static func vlans(_ text: String) -> Set<UInt16> { Set(text.split(separator: ",").compactMap { UInt16($0) }) }

    static let keysByName: [String: IdentityKey] = Dictionary(
        IdentityKey.allCases.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    static func blob(_ tally: OperationTally) -> Data {
        withUnsafeBytes(of: tally.counts) { Data($0) }
    }
    static func tally(_ data: Data?) -> OperationTally {
        var tally = OperationTally()
        guard let data, data.count == MemoryLayout<SIMD32<UInt32>>.size else { return tally }
        withUnsafeMutableBytes(of: &tally.counts) { target in data.copyBytes(to: target) }
        return tally
    }

}
