import EventModel

/// The rules a detection runs, indexed by protocol so each event meets only the rules that can
/// match it.
public struct RuleSet: Sendable {
    public let all: [any ThreatRule]
    let flowRules: [Int32]
    /// Each rule's descriptor, read once: reading it through the existential on the packet path
    /// copied the whole descriptor (strings, arrays) for every matching event.
    let descriptors: [RuleDescriptor]
    /// The rules again, boxed and reached without reference counting: calling a rule through
    /// `all` copied its existential (retaining every string and array the rule holds) per call.
    let matchers: [Unmanaged<RuleBox>]
    private let boxes: [RuleBox]
    /// The rules that can match each protocol, in one array: those of protocol id `p` are
    /// `candidateIndices[candidateRanges[p]]`, read through buffer pointers on the packet path.
    let candidateIndices: [Int32]
    let candidateRanges: [Range<Int>]

    final class RuleBox: Sendable {
        let rule: any ThreatRule
        init(_ rule: any ThreatRule) { self.rule = rule }
    }

    public init(_ rules: [any ThreatRule]) {
        all = rules
        boxes = rules.map(RuleBox.init)
        matchers = boxes.map { Unmanaged.passUnretained($0) }
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
        var flat: [Int32] = []
        var ranges: [Range<Int>] = []
        for indices in table {
            ranges.append(flat.count..<flat.count + indices.count)
            flat += indices
        }
        candidateIndices = flat
        candidateRanges = ranges
        flowRules = flows
        descriptors = rules.map(\.descriptor)
    }

    public func rule(id: String) -> (any ThreatRule)? { all.first { $0.descriptor.id == id } }

    /// Every built-in rule (`Rules/`).
    public static let builtIn = RuleSet(BuiltInRules.all)
}
