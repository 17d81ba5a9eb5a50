import AssetInventory
import EventModel
import Foundation
import Yams

/// A problem in a rule file, where it is: `rules/plant.yaml:12: match.function: 'Write Coils' is
/// not a modbus function name`.
public struct UserRuleProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is the file itself.
    public var line: Int
    /// The key's path in the rule (`match.target.start`), empty for the file or the rule.
    public var key: String
    public var message: String

    public var description: String {
        var text = line > 0 ? "\(file):\(line): " : "\(file): "
        if !key.isEmpty { text += "\(key): " }
        return text + message
    }
}

/// The rules of a folder of YAML files and what was wrong with the others.
public struct UserRuleLoad: Sendable {
    public var rules: [UserRule]
    public var problems: [UserRuleProblem]
    public var files: [String]
}

/// Reads rule files. A file holds a list of rules, a mapping with a `rules:` list, or one rule:
///
/// ```yaml
/// - id: plant-setpoint-write          # [a-z0-9._-], unique, not a built-in rule's id
///   title: Write to the dosing setpoints
///   severity: high                    # info | low | medium | high | critical
///   techniques: [T0836]               # ATT&CK for ICS ids, checked against the data folder
///   description: Only the HMI writes these registers.
///   match:
///     protocol: modbus                # a protocol name (docs/events.md) or a list
///     function: [6, Write Multiple Registers]   # codes or the data tables' names
///     operation: write                # write | control | program | firmware | diagnostic | discovery …
///     direction: request              # request | response | unsolicited | broadcast | any
///                                     # (default: all but responses, or any with result:)
///     source: [10.77.0.0/16, 192.168.1.5]        # addresses or CIDR networks
///     destination: 10.77.9.10
///     source_role: [engineering_workstation]     # asset roles from the inventory
///     destination_role: plc
///     result: error                   # ok | error
///     target: {table: holding_registers, start: 100, end: 199, unit: 1}
///   threshold: {count: 20, seconds: 10, per: source}       # or
///   distinct: {field: unit, count: 5, seconds: 60, per: source}
/// ```
/// Targets by kind: Modbus `table`, `start`, `end`, `unit`; S7 `area`, `db`, `byte`; S7 blocks
/// `block_type`, `block`; IEC 104 `ca`, `ioa`; DNP3 `group`, `variation`, `index`; CIP `tag`
/// (glob), `class`, `instance`, `attribute`; BACnet `object_type`, `instance`, `property`;
/// OPC UA `node` (glob); MQTT `topic` (MQTT filter with `+` and `#`); any kind `text` (glob).
/// A number is one value or `[low, high]`. Rules see only notable events (writes, control,
/// program, firmware, diagnostics, discovery, identity, malformed or refused PDUs).
public struct UserRuleLoader {
    public var vocabulary: UserRuleVocabulary

    public init(vocabulary: UserRuleVocabulary) { self.vocabulary = vocabulary }

    /// Every `*.yaml` / `*.yml` file in `directory` (sorted), or `directory` itself when it is a
    /// file. A bad rule or file is reported and skipped; the others load.
    public func load(directory: String) -> UserRuleLoad {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return UserRuleLoad(
                rules: [],
                problems: [UserRuleProblem(file: directory, line: 0, key: "", message: "no such file or folder")],
                files: [])
        }
        var files: [String] = []
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            files = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map {
                (directory as NSString).appendingPathComponent($0)
            }
        } else {
            files = [directory]
        }
        var rules: [UserRule] = []
        var problems: [UserRuleProblem] = []
        var seen = vocabulary.reservedIDs
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                problems.append(UserRuleProblem(file: file, line: 0, key: "", message: "cannot read the file"))
                continue
            }
            let (fileRules, fileProblems) = parse(yaml: text, file: file, takenIDs: &seen)
            rules += fileRules
            problems += fileProblems
        }
        return UserRuleLoad(rules: rules, problems: problems, files: files)
    }

    /// The rules of one file's text.
    public func parse(yaml: String, file: String) -> (rules: [UserRule], problems: [UserRuleProblem]) {
        var seen = vocabulary.reservedIDs
        return parse(yaml: yaml, file: file, takenIDs: &seen)
    }

    func parse(yaml: String, file: String, takenIDs: inout Set<String>) -> (
        rules: [UserRule], problems: [UserRuleProblem]
    ) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            return ([], [Self.yamlProblem(file: file, yamlError: error)])
        } catch {
            return ([], [UserRuleProblem(file: file, line: 0, key: "", message: "\(error)")])
        }
        guard let root else { return ([], []) }
        var ruleNodes: [Node] = []
        switch root {
        case .sequence(let sequence):
            ruleNodes = Array(sequence)
        case .mapping(let mapping):
            if let list = mapping["rules"] {
                guard case .sequence(let sequence) = list else {
                    return ([], [ruleProblem(file, list, "rules", "is not a list of rules")])
                }
                if mapping.count > 1 {
                    let extra = mapping.first { $0.key.string != "rules" }!
                    return ([], [ruleProblem(file, extra.key, extra.key.string ?? "", "unknown key (expected rules)")])
                }
                ruleNodes = Array(sequence)
            } else {
                ruleNodes = [root]
            }
        default:
            return ([], [ruleProblem(file, root, "", "is not a rule, a list of rules or a mapping with rules:")])
        }
        var rules: [UserRule] = []
        var problems: [UserRuleProblem] = []
        for node in ruleNodes {
            var compiler = RuleCompiler(file: file, vocabulary: vocabulary)
            if let rule = compiler.compile(node) {
                if takenIDs.insert(rule.descriptor.id).inserted {
                    rules.append(rule)
                } else {
                    let idNode = node.mapping?["id"] ?? node
                    problems.append(
                        ruleProblem(file, idNode, "id", "'\(rule.descriptor.id)' is already taken (ids must be unique)")
                    )
                }
            }
            problems += compiler.problems
        }
        return (rules, problems)
    }

    static func yamlProblem(file: String, yamlError: YamlError) -> UserRuleProblem {
        switch yamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            UserRuleProblem(file: file, line: mark.line, key: "", message: "YAML: \(problem)")
        default:
            UserRuleProblem(file: file, line: 0, key: "", message: "YAML: \(yamlError)")
        }
    }
}

func ruleProblem(_ file: String, _ node: Node, _ key: String, _ message: String) -> UserRuleProblem {
    UserRuleProblem(file: file, line: node.mark?.line ?? 0, key: key, message: message)
}

/// Turns one rule's node into a `UserRule`, collecting every problem it finds on the way (one
/// per key, so a file's author sees them all at once).
struct RuleCompiler {
    let file: String
    let vocabulary: UserRuleVocabulary
    var problems: [UserRuleProblem] = []

    init(file: String, vocabulary: UserRuleVocabulary) {
        self.file = file
        self.vocabulary = vocabulary
    }

    mutating func report(_ node: Node, _ key: String, _ message: String) {
        problems.append(ruleProblem(file, node, key, message))
    }

    mutating func compile(_ node: Node) -> UserRule? {
        guard let mapping = fields(node, "", allowed: Self.ruleKeys) else { return nil }
        let before = problems.count
        let id = requiredString(mapping, "id", in: node) ?? ""
        if !id.isEmpty,
            !id.unicodeScalars.allSatisfy({
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" || $0 == "."
            })
        {
            report(mapping["id"]!, "id", "'\(id)' may only hold a–z, 0–9, '.', '_' and '-'")
        }
        let title = requiredString(mapping, "title", in: node) ?? ""
        var severity = Severity.medium
        if let severityNode = mapping["severity"] {
            if let text = severityNode.string, let value = Severity(name: text) {
                severity = value
            } else {
                report(
                    severityNode, "severity",
                    "'\(severityNode.string ?? "?")' is not one of info, low, medium, high, critical")
            }
        }
        var techniques: [String] = []
        if let techniquesNode = mapping["techniques"] {
            for (index, item) in list(techniquesNode).enumerated() {
                let key = "techniques[\(index)]"
                guard let text = item.string, text.range(of: #"^T\d{4}(\.\d{3})?$"#, options: .regularExpression) != nil
                else {
                    report(item, key, "'\(item.string ?? "?")' is not a technique id (T0855)")
                    continue
                }
                if let known = vocabulary.techniques, !known.contains(text) {
                    report(item, key, "'\(text)' is not an ATT&CK for ICS technique")
                    continue
                }
                techniques.append(text)
            }
        }
        let description = mapping["description"].flatMap { scalarString($0, "description") } ?? ""
        var protocols: [ApplicationProtocol] = []
        var condition = EventCondition()
        var sourceRoles: Set<AssetRole> = []
        var destinationRoles: Set<AssetRole> = []
        if let matchNode = mapping["match"] {
            compileMatch(
                matchNode, protocols: &protocols, condition: &condition, sourceRoles: &sourceRoles,
                destinationRoles: &destinationRoles)
        } else {
            report(node, "match", "is missing")
        }
        var trigger = RuleTrigger.each
        var distinctField: UserRuleDistinctField?
        var countedNoun = "values"
        if mapping["threshold"] != nil && mapping["distinct"] != nil {
            report(mapping["distinct"]!, "distinct", "a rule has threshold or distinct, not both")
        } else if let thresholdNode = mapping["threshold"] {
            if case (let count, let seconds, let per, _)? = compileThreshold(
                thresholdNode, "threshold", distinct: false)
            {
                trigger = .rate(threshold: count, windowSeconds: seconds, per: per)
            }
        } else if let distinctNode = mapping["distinct"] {
            if case (let count, let seconds, let per, let field)? = compileThreshold(
                distinctNode, "distinct", distinct: true)
            {
                trigger = .distinct(threshold: count, windowSeconds: seconds, per: per)
                distinctField = field
                countedNoun =
                    switch field {
                    case .unit: "unit ids"
                    case .destination: "destinations"
                    case .function: "function codes"
                    case .target, nil: "targets"
                    }
            }
        }
        guard problems.count == before else { return nil }
        var descriptor = RuleDescriptor(
            id: id, title: title, severity: severity, techniques: techniques,
            rationale: description.isEmpty ? "A rule of this plant (\(file))." : description, protocols: protocols,
            trigger: trigger, countedNoun: countedNoun)
        descriptor.kind = .userRule
        descriptor.sourceRoles = sourceRoles
        descriptor.destinationRoles = destinationRoles
        return UserRule(
            descriptor: descriptor, condition: condition, distinctField: distinctField,
            origin: "\(file):\(node.mark?.line ?? 0)")
    }

    static let ruleKeys = ["id", "title", "severity", "techniques", "description", "match", "threshold", "distinct"]
    static let matchKeys = [
        "protocol", "function", "operation", "direction", "source", "destination", "source_role", "destination_role",
        "result", "target",
    ]

    // MARK: match

    mutating func compileMatch(
        _ node: Node, protocols: inout [ApplicationProtocol], condition: inout EventCondition,
        sourceRoles: inout Set<AssetRole>, destinationRoles: inout Set<AssetRole>
    ) {
        guard let mapping = fields(node, "match", allowed: Self.matchKeys) else { return }
        if let protocolNode = mapping["protocol"] {
            for item in list(protocolNode) {
                guard let name = item.string, let known = ApplicationProtocol.named(name.lowercased()) else {
                    report(item, "match.protocol", "'\(item.string ?? "?")' is not a protocol Palisade decodes")
                    continue
                }
                protocols.append(known)
            }
        }
        if let functionNode = mapping["function"] {
            for item in list(functionNode) {
                guard let text = item.string else {
                    report(item, "match.function", "is not a function code or name")
                    continue
                }
                if let code = Self.integer(text) {
                    condition.functions.insert(code)
                    continue
                }
                guard protocols.count == 1, let only = protocols.first else {
                    report(item, "match.function", "'\(text)': a function name needs exactly one match.protocol")
                    continue
                }
                guard vocabulary.hasFunctionNames(only) else {
                    report(
                        item, "match.function",
                        "'\(text)': no function names are known for \(only.name) here (use the code)")
                    continue
                }
                guard let code = vocabulary.functionCode(text, protocolID: only) else {
                    report(item, "match.function", "'\(text)' is not a \(only.name) function name")
                    continue
                }
                condition.functions.insert(code)
            }
        }
        if let operationNode = mapping["operation"] {
            for item in list(operationNode) {
                guard let text = item.string, !text.isEmpty,
                    let operation = Operation.allCases.first(where: { $0.name == text.lowercased() })
                else {
                    let names = Operation.allCases.map(\.name).filter { !$0.isEmpty }.joined(separator: ", ")
                    report(item, "match.operation", "'\(item.string ?? "?")' is not one of \(names)")
                    continue
                }
                condition.operations |= 1 << UInt32(operation.rawValue)
            }
        }
        if let directionNode = mapping["direction"] {
            let all: [EventDirection] = [.request, .response, .unsolicited, .broadcast]
            for item in list(directionNode) {
                if item.string?.lowercased() == "any" {
                    condition.directions = 0
                    break
                }
                guard let text = item.string, let direction = all.first(where: { $0.name == text.lowercased() }) else {
                    report(
                        item, "match.direction",
                        "'\(item.string ?? "?")' is not one of request, response, unsolicited, broadcast, any")
                    continue
                }
                condition.directions |= 1 << UInt32(direction.rawValue)
            }
        }
        if let resultNode = mapping["result"] {
            switch resultNode.string?.lowercased() {
            case "ok": condition.result = .ok
            case "error": condition.result = .error
            default: report(resultNode, "match.result", "'\(resultNode.string ?? "?")' is not one of ok, error")
            }
        }
        for (key, keyPath) in [("source", \EventCondition.sources), ("destination", \EventCondition.destinations)] {
            guard let addressNode = mapping[key] else { continue }
            for item in list(addressNode) {
                guard let text = item.string, let pattern = AddressPattern(text) else {
                    report(item, "match.\(key)", "'\(item.string ?? "?")' is not an IP address or CIDR network")
                    continue
                }
                condition[keyPath: keyPath].append(pattern)
            }
        }
        for (key, isSource) in [("source_role", true), ("destination_role", false)] {
            guard let roleNode = mapping[key] else { continue }
            for item in list(roleNode) {
                guard let text = item.string, let role = AssetRole(rawValue: text.lowercased()) else {
                    let names = AssetRole.allCases.map(\.rawValue).joined(separator: ", ")
                    report(item, "match.\(key)", "'\(item.string ?? "?")' is not one of \(names)")
                    continue
                }
                if isSource { sourceRoles.insert(role) } else { destinationRoles.insert(role) }
            }
        }
        if let targetNode = mapping["target"] { condition.target = compileTarget(targetNode) }
        // A response repeats its request's operation and target from the other side: without
        // this default a rule on writes would fire twice, once with the server as the source.
        // Refusals (`result: error`) are responses, so a rule asking for a result keeps them.
        if mapping["direction"] == nil && mapping["result"] == nil {
            condition.directions =
                1 << UInt32(EventDirection.request.rawValue) | 1 << UInt32(EventDirection.unsolicited.rawValue)
                | 1 << UInt32(EventDirection.broadcast.rawValue)
        }
    }

    /// Each target key: the kind it belongs to, and what it sets.
    enum TargetKey {
        case slot(Int)
        case span(TargetCondition.Span)
        case modbusTable
        case s7Area
        case glob
        case topic
    }

    static let targetKeys: [String: (EventTarget.Kind?, TargetKey)] = [
        "table": (.modbusRange, .modbusTable), "start": (.modbusRange, .span(.startCount)),
        "end": (.modbusRange, .span(.startCount)), "unit": (.modbusRange, .slot(3)),
        "area": (.s7Address, .s7Area), "db": (.s7Address, .slot(1)), "byte": (.s7Address, .slot(2)),
        "block_type": (.s7Block, .slot(0)), "block": (.s7Block, .slot(1)),
        "ca": (.iec104Object, .slot(0)), "ioa": (.iec104Object, .slot(1)),
        "group": (.dnp3Object, .slot(0)), "variation": (.dnp3Object, .slot(1)),
        "index": (.dnp3Object, .span(.startStop)),
        "tag": (.cipPath, .glob), "class": (.cipPath, .slot(0)), "attribute": (.cipPath, .slot(2)),
        "object_type": (.bacnetObject, .slot(0)), "property": (.bacnetObject, .slot(2)),
        "node": (.opcuaNode, .glob), "topic": (.mqttTopic, .topic), "text": (nil, .glob),
    ]

    static let modbusTables: [String: Int64] = [
        "coils": 0, "discrete_inputs": 1, "input_registers": 3, "holding_registers": 4,
    ]
    static let s7Areas: [String: Int64] = [
        "inputs": 0x81, "outputs": 0x82, "flags": 0x83, "db": 0x84, "instance_db": 0x85, "counters": 0x1C,
        "timers": 0x1D,
    ]

    mutating func compileTarget(_ node: Node) -> TargetCondition? {
        guard case .mapping(let mapping) = node else {
            report(node, "match.target", "is not a mapping (e.g. {table: holding_registers, start: 0, end: 9})")
            return nil
        }
        var target = TargetCondition()
        var kindKey: String?
        var spanLow: Int64?
        var spanHigh: Int64?
        var spanStyle: TargetCondition.Span?
        let before = problems.count
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? ""
            let key = "match.target.\(name)"
            // `instance` is CIP's and BACnet's slot 1: it takes the kind of its neighbours.
            let entry: (EventTarget.Kind?, TargetKey)?
            if name == "instance" {
                let neighbour = mapping.compactMap { Self.targetKeys[$0.key.string ?? ""]?.0 }.first
                entry = (neighbour ?? .cipPath, .slot(1))
            } else {
                entry = Self.targetKeys[name]
            }
            guard let entry else {
                report(keyNode, key, "unknown target key")
                continue
            }
            let (kind, action) = entry
            if let kind {
                if let existing = target.kind, existing != kind {
                    report(keyNode, key, "cannot be combined with '\(kindKey ?? "")' (another kind of target)")
                    continue
                }
                target.kind = kind
                kindKey = kindKey ?? name
            }
            switch action {
            case .slot(let slot):
                if let range = numberRange(valueNode, key) { target.slots[slot] = range }
            case .span(let style):
                spanStyle = style
                if name == "end" {
                    spanHigh = number(valueNode, key)
                } else if name == "start" {
                    spanLow = number(valueNode, key)
                } else if let range = numberRange(valueNode, key) {
                    spanLow = range.lowerBound
                    spanHigh = range.upperBound
                }
            case .modbusTable:
                if let text = valueNode.string, let table = Self.modbusTables[text.lowercased()] ?? Self.integer(text) {
                    target.slots[0] = table...table
                } else {
                    report(
                        valueNode, key,
                        "'\(valueNode.string ?? "?")' is not one of coils, discrete_inputs, input_registers, holding_registers"
                    )
                }
            case .s7Area:
                if let text = valueNode.string, let area = Self.s7Areas[text.lowercased()] ?? Self.integer(text) {
                    target.slots[0] = area...area
                } else {
                    let names = Self.s7Areas.keys.sorted().joined(separator: ", ")
                    report(valueNode, key, "'\(valueNode.string ?? "?")' is not one of \(names)")
                }
            case .glob:
                if let text = valueNode.string, !text.isEmpty {
                    target.text = .glob(GlobPattern(text))
                } else {
                    report(valueNode, key, "is not a text pattern")
                }
            case .topic:
                if let text = valueNode.string, !text.isEmpty,
                    !text.dropLast().contains("#"),
                    text.split(separator: "/", omittingEmptySubsequences: false).allSatisfy({
                        $0 == "+" || $0 == "#" || (!$0.contains("+") && !$0.contains("#"))
                    })
                {
                    target.text = .topic(TopicFilter(text))
                } else {
                    report(valueNode, key, "'\(valueNode.string ?? "?")' is not an MQTT topic filter")
                }
            }
        }
        if let spanStyle {
            let low = spanLow ?? 0
            let high = spanHigh ?? Int64.max
            if low > high {
                report(node, "match.target", "start \(low) is after end \(high)")
            } else {
                target.span = (spanStyle, low...high)
            }
        }
        return problems.count == before ? target : nil
    }

    // MARK: triggers

    mutating func compileThreshold(_ node: Node, _ name: String, distinct: Bool) -> (
        Int, Int, RuleGrouping, UserRuleDistinctField?
    )? {
        let allowed = distinct ? ["field", "count", "seconds", "per"] : ["count", "seconds", "per"]
        guard let mapping = fields(node, name, allowed: allowed) else { return nil }
        let before = problems.count
        func positive(_ key: String, limit: Int) -> Int? {
            guard let valueNode = mapping[key] else {
                report(node, "\(name).\(key)", "is missing")
                return nil
            }
            guard let text = valueNode.string, let value = Int(text), value >= 1, value <= limit else {
                report(valueNode, "\(name).\(key)", "'\(valueNode.string ?? "?")' is not a whole number in 1–\(limit)")
                return nil
            }
            return value
        }
        let count = positive("count", limit: 1_000_000)
        let seconds = positive("seconds", limit: 86_400)
        var per = RuleGrouping.source
        if let perNode = mapping["per"] {
            if let text = perNode.string, let value = RuleGrouping(rawValue: text.lowercased()) {
                per = value
            } else {
                report(perNode, "\(name).per", "'\(perNode.string ?? "?")' is not one of source, pair")
            }
        }
        var field: UserRuleDistinctField?
        if distinct {
            if let fieldNode = mapping["field"] {
                if let text = fieldNode.string, let value = UserRuleDistinctField(rawValue: text.lowercased()) {
                    field = value
                } else {
                    report(
                        fieldNode, "\(name).field",
                        "'\(fieldNode.string ?? "?")' is not one of unit, destination, function, target")
                }
            } else {
                report(node, "\(name).field", "is missing")
            }
        }
        guard problems.count == before, let count, let seconds else { return nil }
        return (count, seconds, per, field)
    }

    // MARK: helpers

    /// The node as a mapping whose keys are all in `allowed` (each unknown key reported).
    mutating func fields(_ node: Node, _ key: String, allowed: [String]) -> Node.Mapping? {
        guard case .mapping(let mapping) = node else {
            report(node, key, key.isEmpty ? "a rule is a mapping (id, title, match…)" : "is not a mapping")
            return nil
        }
        for (keyNode, _) in mapping {
            let name = keyNode.string ?? ""
            if !allowed.contains(name) {
                report(
                    keyNode, key.isEmpty ? name : "\(key).\(name)",
                    "unknown key (expected one of \(allowed.joined(separator: ", ")))")
            }
        }
        return mapping
    }

    mutating func requiredString(_ mapping: Node.Mapping, _ key: String, in node: Node) -> String? {
        guard let valueNode = mapping[key] else {
            report(node, key, "is missing")
            return nil
        }
        guard let text = scalarString(valueNode, key), !text.isEmpty else {
            report(valueNode, key, "is empty")
            return nil
        }
        return text
    }

    mutating func scalarString(_ node: Node, _ key: String) -> String? {
        guard case .scalar(let scalar) = node else {
            report(node, key, "is not text")
            return nil
        }
        return scalar.string
    }

    /// A scalar is a list of one.
    func list(_ node: Node) -> [Node] {
        if case .sequence(let sequence) = node { return Array(sequence) }
        return [node]
    }

    mutating func number(_ node: Node, _ key: String) -> Int64? {
        guard let text = node.string, let value = Self.integer(text) else {
            report(node, key, "'\(node.string ?? "?")' is not a whole number")
            return nil
        }
        return value
    }

    /// `5` or `[3000, 3999]`.
    mutating func numberRange(_ node: Node, _ key: String) -> ClosedRange<Int64>? {
        if case .sequence(let sequence) = node {
            guard sequence.count == 2 else {
                report(node, key, "a range is [low, high]")
                return nil
            }
            guard let low = number(sequence[0], key), let high = number(sequence[1], key) else { return nil }
            guard low <= high else {
                report(node, key, "[\(low), \(high)] is empty (low > high)")
                return nil
            }
            return low...high
        }
        guard let value = number(node, key) else { return nil }
        return value...value
    }

    /// Decimal or `0x` hexadecimal.
    static func integer(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("0x") { return Int64(trimmed.dropFirst(2), radix: 16) }
        return Int64(trimmed)
    }
}
