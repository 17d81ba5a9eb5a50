import EventModel

/// The rules a detection runs, indexed by protocol so each event meets only the rules that can
/// match it.
public struct RuleSet: Sendable {
    public let all: [any ThreatRule]
    private let byProtocol: [[Int32]]
    let flowRules: [Int32]
    /// Each rule's descriptor, read once: reading it through the existential on the packet path
    /// copied the whole descriptor (strings, arrays) for every matching event.
    let descriptors: [RuleDescriptor]

    public init(_ rules: [any ThreatRule]) {
        all = rules
        var table = [[Int32]](repeating: [], count: ApplicationProtocol.idLimit)
        var flows: [Int32] = []
        for (index, rule) in rules.enumerated() {
            let protocols = rule.descriptor.protocols
            if protocols.isEmpty {
                for slot in table.indices { table[slot].append(Int32(index)) }
            } else {
                for known in protocols where Int(known.id) < table.count { table[Int(known.id)].append(Int32(index)) }
            }
            if rule.looksAtFlows { flows.append(Int32(index)) }
        }
        byProtocol = table
        flowRules = flows
        descriptors = rules.map(\.descriptor)
    }

    @inline(__always) func rules(for protocolID: ApplicationProtocol) -> [Int32] {
        let slot = Int(protocolID.id)
        return slot < byProtocol.count ? byProtocol[slot] : []
    }

    public func rule(id: String) -> (any ThreatRule)? { all.first { $0.descriptor.id == id } }

    /// Every built-in rule (`Rules/`).
    public static let builtIn = RuleSet(BuiltInRules.all)
}
