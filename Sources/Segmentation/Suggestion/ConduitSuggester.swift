import Detection
import EventModel
import PacketLayers

/// Derives the least-privilege conduits from a baseline: for every client zone, server zone and
/// protocol that the baseline's pairs cross, one conduit with exactly the server ports and the
/// operation categories those pairs used, and comments naming each pair (client → server,
/// flows, events by operation, first and last seen). Nothing the baseline did not see is allowed.
public struct ConduitSuggester: Sendable {
    public let policy: ZonePolicy

    public init(policy: ZonePolicy) { self.policy = policy }

    /// What the suggestion left out, with the reason (traffic inside a zone needs no conduit).
    public struct Outcome: Sendable {
        public var conduits: [ZonePolicyWriter.Commented<Conduit>]
        /// Pairs that stay inside one zone.
        public var insideZones: Int
        /// Pairs to broadcast or multicast addresses, which never cross a router.
        public var localDelivery: [String]
        /// Layer-2 pairs (no addresses a conduit could name).
        public var layer2: Int
    }

    private struct Key: Hashable, Comparable {
        var from: String
        var to: String
        var protocolName: String
        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.from, lhs.to, lhs.protocolName) < (rhs.from, rhs.to, rhs.protocolName)
        }
    }

    public func suggest(_ baseline: Baseline) -> Outcome {
        var groups: [Key: [BaselinePair]] = [:]
        var outcome = Outcome(conduits: [], insideZones: 0, localDelivery: [], layer2: 0)
        for pair in baseline.pairs {
            guard pair.transport != "ethernet", let client = IPAddress(pair.client), let server = IPAddress(pair.server)
            else {
                outcome.layer2 += 1
                continue
            }
            if policy.map.isLocalDelivery(from: client, to: server) {
                outcome.localDelivery.append(pair.title)
                continue
            }
            let from = policy.zone(of: client)
            let to = policy.zone(of: server)
            guard from != to else {
                outcome.insideZones += 1
                continue
            }
            groups[Key(from: from, to: to, protocolName: pair.protocolName), default: []].append(pair)
        }
        var used: Set<String> = []
        for key in groups.keys.sorted() {
            let pairs = groups[key]!.sorted { $0.sortKey < $1.sortKey }
            var ports: Set<UInt16> = []
            var operations: Set<UInt8> = []
            for pair in pairs {
                if pair.port > 0 { ports.insert(pair.port) }
                for function in pair.functions {
                    if let operation = Conduit.operationNames[function.operation] {
                        operations.insert(operation.rawValue)
                    }
                }
            }
            let name = uniqueName("\(key.from)-to-\(key.to)-\(key.protocolName)", used: &used)
            let flows = pairs.reduce(UInt64(0)) { $0 + $1.flows }
            let first = pairs.map(\.firstSeen).min() ?? 0
            let last = pairs.map(\.lastSeen).max() ?? 0
            let conduit = Conduit(
                name: name, from: key.from, to: key.to,
                protocols: ApplicationProtocol.named(key.protocolName) == nil ? [] : [key.protocolName],
                ports: ports.sorted(),
                operations: Operation.allCases.filter { operations.contains($0.rawValue) },
                justification:
                    "\(pairs.count) pair\(pairs.count == 1 ? "" : "s"), \(flows) flow\(flows == 1 ? "" : "s") in the baseline from \(BaselineTime.text(first)) to \(BaselineTime.text(last))"
            )
            outcome.conduits.append(ZonePolicyWriter.Commented(conduit, comments: pairs.prefix(64).map(describe)))
            if pairs.count > 64 {
                outcome.conduits[outcome.conduits.count - 1].comments.append("… and \(pairs.count - 64) more pairs")
            }
        }
        return outcome
    }

    /// `10.77.1.20 → 10.77.2.10 modbus/502: 1 flow, read ×57, first seen …, last seen …`.
    func describe(_ pair: BaselinePair) -> String {
        var counts: [String: UInt64] = [:]
        for function in pair.functions where !function.operation.isEmpty {
            counts[function.operation, default: 0] += function.count
        }
        let operations = Operation.allCases.compactMap { operation in
            counts[operation.name].map { "\(operation.name) ×\($0)" }
        }
        var text = "\(pair.title): \(pair.flows) flow\(pair.flows == 1 ? "" : "s")"
        if !operations.isEmpty { text += ", " + operations.joined(separator: ", ") }
        return text + ", first seen \(BaselineTime.text(pair.firstSeen)), last seen \(BaselineTime.text(pair.lastSeen))"
    }

    func uniqueName(_ wanted: String, used: inout Set<String>) -> String {
        let base = String(wanted.lowercased().map { Zone.isValidName(String($0)) ? $0 : "-" }.prefix(59))
        var name = base
        var number = 2
        while !used.insert(name).inserted {
            name = "\(base)-\(number)"
            number += 1
        }
        return name
    }
}
