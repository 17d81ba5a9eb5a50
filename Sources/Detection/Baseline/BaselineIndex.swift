import EventModel
import Foundation
import PacketLayers

/// A baseline arranged for lookups on the packet path: pairs, functions and target spaces by
/// numeric keys, text targets by hash, so that checking a known event allocates nothing.
final class BaselineIndex: Sendable {
    struct Space: Sendable {
        var ranges: RangeList
        var hashes: Set<UInt64>
        var anyValue: Bool
    }

    struct Function: Sendable {
        var pairIndex: Int
        var functionIndex: Int
        var subfunctions: RangeList
        var spaces: [SpaceKey: Space]
        /// No targets learned, or too many to keep: nothing is out of range.
        var anyTarget: Bool
        var timing: BaselineTiming?
    }

    struct Pair: Sendable {
        var index: Int
        var functions: [FunctionKey: Function]
        /// Functions without their S7 group (flows count functions without it).
        var ungrouped: [FunctionKey: Function]
        /// Operations for which any function is expected (`BaselineFunction.isAnyFunction`).
        var anyFunction: [EventOperation: Function] = [:]

        /// The learned function an event or a flow's count matches.
        func function(_ key: FunctionKey) -> Function? {
            functions[key] ?? (key.group < 0 ? ungrouped[key] : nil) ?? anyFunction[key.operation]
        }
    }

    struct HostPair: Hashable, Sendable {
        var client: Endpoint
        var server: Endpoint
    }

    let baseline: Baseline
    let pairs: [PairKey: Pair]
    /// Client/server combinations known on any port, with the indexes of their pairs.
    let hostPairs: [HostPair: [Int]]
    /// Every address and MAC the baseline knows (assets and pair ends).
    let hosts: Set<Endpoint>
    /// The operations each host asked for as a client.
    let operationsBySource: [Endpoint: Set<EventOperation>]

    init(_ baseline: Baseline) {
        var baseline = baseline
        baseline.normalize()
        self.baseline = baseline
        var pairs: [PairKey: Pair] = [:]
        var hostPairs: [HostPair: [Int]] = [:]
        var hosts: Set<Endpoint> = []
        var operations: [Endpoint: Set<EventOperation>] = [:]
        for asset in baseline.assets {
            for address in asset.addresses { if let host = Self.endpoint(address) { hosts.insert(host) } }
            for mac in asset.macs { if let host = Self.endpoint(mac) { hosts.insert(host) } }
        }
        for (pairIndex, pair) in baseline.pairs.enumerated() {
            guard let client = Self.endpoint(pair.client), let server = Self.endpoint(pair.server) else { continue }
            hosts.insert(client)
            hosts.insert(server)
            hostPairs[HostPair(client: client, server: server), default: []].append(pairIndex)
            var indexed = Pair(index: pairIndex, functions: [:], ungrouped: [:])
            for (functionIndex, function) in pair.functions.enumerated() {
                guard
                    let protocolID = ApplicationProtocol.named(function.protocolName)?.id
                        ?? (function.isAnyFunction ? 0 : nil),
                    let operation = EventOperation.allCases.first(where: { $0.name == function.operation })
                else { continue }
                operations[client, default: []].insert(operation)
                var spaces: [SpaceKey: Space] = [:]
                for target in function.targets {
                    guard let key = TargetSpaces.space(kind: target.kind, coordinates: target.space) else { continue }
                    var space = spaces[key] ?? Space(ranges: RangeList(), hashes: [], anyValue: false)
                    space.ranges.formUnion(target.ranges)
                    for value in target.values { space.hashes.insert(TextHash.hash(value)) }
                    space.anyValue = space.anyValue || target.valuesCapped
                    spaces[key] = space
                }
                let entry = Function(
                    pairIndex: pairIndex, functionIndex: functionIndex, subfunctions: function.subfunctions,
                    spaces: spaces, anyTarget: function.targetsCapped || function.targets.isEmpty,
                    timing: function.timing)
                if function.isAnyFunction {
                    indexed.anyFunction[operation] = entry
                    continue
                }
                let key = FunctionKey(
                    protocolID: protocolID, operation: operation, group: function.group, code: function.code)
                indexed.functions[key] = entry
                if indexed.ungrouped[key.ungrouped] == nil { indexed.ungrouped[key.ungrouped] = entry }
            }
            let key = PairKey(client: client, server: server, port: pair.port)
            if let existing = pairs[key] {
                // The same client, server and port under two protocols: keep both functions.
                indexed.functions.merge(existing.functions) { first, _ in first }
                indexed.ungrouped.merge(existing.ungrouped) { first, _ in first }
                indexed.anyFunction.merge(existing.anyFunction) { first, _ in first }
            }
            pairs[key] = indexed
        }
        self.pairs = pairs
        self.hostPairs = hostPairs
        self.hosts = hosts
        self.operationsBySource = operations
    }

    static func endpoint(_ text: String) -> Endpoint? {
        if let address = IPAddress(text) { return .ip(address) }
        if let mac = MACAddress(text) { return .mac(mac) }
        return nil
    }

    /// Whether an event's target lies inside what the function learned.
    func contains(_ function: Function, _ event: ProtocolEvent, in batch: EventBatch) -> Bool {
        if function.anyTarget { return true }
        guard let placement = TargetSpaces.placement(of: event) else { return true }
        guard let space = function.spaces[placement.space] else { return false }
        if !placement.text.isEmpty {
            if space.anyValue { return true }
            let hash = batch.withBytes(placement.text) { TextHash.hash($0) }
            return space.hashes.contains(hash)
        }
        guard let range = placement.range, !space.ranges.isEmpty else { return true }
        return space.ranges.contains(range)
    }
}
