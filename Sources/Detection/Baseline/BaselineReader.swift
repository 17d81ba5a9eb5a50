import Foundation
import Yams

/// Reads a baseline from Yams' node tree, refusing unknown keys and wrong types with the line.
struct YAMLNodes {
    let file: String

    static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        case .duplicatedKeysInMapping(let duplicates, _): "duplicated keys \(duplicates.joined(separator: ", "))"
        default: "\(error)"
        }
    }

    func fail(_ node: Node?, _ key: String?, _ message: String) -> BaselineFileError {
        BaselineFileError(file: file, line: node?.mark?.line, key: key, message: message)
    }

    /// The mapping's entries by key, refusing keys not in `known` and entries missing from
    /// `required`.
    func mapping(_ node: Node, _ key: String?, known: Set<String>, required: Set<String> = []) throws(BaselineFileError)
        -> [String: Node]
    {
        guard case .mapping(let mapping) = node else {
            throw fail(node, key, "expected a mapping of keys, not \(describe(node))")
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else { throw fail(keyNode, key, "keys must be plain words") }
            let name = scalar.string
            guard known.contains(name) else {
                throw fail(
                    keyNode, name, "unknown key (known here: \(known.sorted().joined(separator: ", ")))")
            }
            guard result[name] == nil else { throw fail(keyNode, name, "given twice") }
            result[name] = value
        }
        for name in required.sorted() where result[name] == nil {
            throw fail(node, name, "missing")
        }
        return result
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    func string(_ node: Node, _ key: String) throws(BaselineFileError) -> String {
        guard case .scalar(let scalar) = node else { throw fail(node, key, "expected text, not \(describe(node))") }
        return scalar.string
    }

    func integer(_ node: Node, _ key: String, in range: ClosedRange<Int64> = 0...Int64.max) throws(BaselineFileError)
        -> Int64
    {
        let text = try string(node, key)
        guard let value = Int64(text), range.contains(value) else {
            throw fail(
                node, key, "expected a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }

    func boolean(_ node: Node, _ key: String) throws(BaselineFileError) -> Bool {
        let text = try string(node, key)
        switch text {
        case "true": return true
        case "false": return false
        default: throw fail(node, key, "expected true or false, not '\(text)'")
        }
    }

    func time(_ node: Node, _ key: String) throws(BaselineFileError) -> Int64 {
        let text = try string(node, key)
        guard let value = BaselineTime.parse(text) else {
            throw fail(node, key, "expected an RFC 3339 time such as 2026-11-27T10:10:34.023348Z, not '\(text)'")
        }
        return value
    }

    func list(_ node: Node, _ key: String) throws(BaselineFileError) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw fail(node, key, "expected a list, not \(describe(node))")
        }
        return Array(sequence)
    }

    func strings(_ node: Node, _ key: String) throws(BaselineFileError) -> [String] {
        var result: [String] = []
        for item in try list(node, key) { result.append(try string(item, key)) }
        return result
    }

    func ranges(_ node: Node, _ key: String) throws(BaselineFileError) -> RangeList {
        let text = try string(node, key)
        guard let ranges = RangeList(parsing: text) else {
            throw fail(node, key, "expected ranges such as \"0-9, 20, 30-39\", not '\(text)'")
        }
        return ranges
    }

    // MARK: the document

    func baseline(_ root: Node) throws(BaselineFileError) -> Baseline {
        let top = try mapping(root, nil, known: ["header", "assets", "pairs"], required: ["header"])
        var baseline = Baseline(header: try header(top["header"]!))
        if let node = top["assets"] {
            for item in try list(node, "assets") { baseline.assets.append(try asset(item)) }
        }
        if let node = top["pairs"] {
            for item in try list(node, "pairs") { baseline.pairs.append(try pair(item)) }
        }
        baseline.normalize()
        return baseline
    }

    func header(_ node: Node) throws(BaselineFileError) -> BaselineHeader {
        let fields = try mapping(
            node, "header", known: ["schema", "captures", "store", "start", "end", "generated"], required: ["schema"])
        var header = BaselineHeader()
        header.schema = try string(fields["schema"]!, "schema")
        guard header.schema == Baseline.schema else {
            throw fail(fields["schema"], "schema", "this Palisade reads \(Baseline.schema), not '\(header.schema)'")
        }
        if let value = fields["captures"] { header.captures = try strings(value, "captures") }
        if let value = fields["store"] { header.store = try string(value, "store") }
        if let value = fields["start"] { header.start = try time(value, "start") }
        if let value = fields["end"] { header.end = try time(value, "end") }
        if let value = fields["generated"] { header.generated = try time(value, "generated") }
        return header
    }

    func asset(_ node: Node) throws(BaselineFileError) -> BaselineAsset {
        let fields = try mapping(node, "assets", known: ["id", "addresses", "macs", "role", "identity"])
        var asset = BaselineAsset(id: "", addresses: [], macs: [], role: "unknown")
        if let value = fields["addresses"] { asset.addresses = try strings(value, "addresses") }
        if let value = fields["macs"] { asset.macs = try strings(value, "macs") }
        if let value = fields["role"] { asset.role = try string(value, "role") }
        if let value = fields["id"] {
            asset.id = try string(value, "id")
        } else {
            asset.id = asset.macs.first.map { "mac:\($0)" } ?? asset.addresses.first.map { "ip:\($0)" } ?? ""
        }
        guard !asset.addresses.isEmpty || !asset.macs.isEmpty else {
            throw fail(node, "addresses", "an asset needs at least one address or MAC")
        }
        if let value = fields["identity"] {
            let identity = try mapping(value, "identity", known: BaselineIdentity.keys)
            for (key, item) in identity {
                switch key {
                case "modules": asset.identity.modules = try strings(item, key)
                case "firmware": asset.identity.firmware = try string(item, key)
                case "hardware": asset.identity.hardware = try string(item, key)
                case "model": asset.identity.model = try string(item, key)
                case "order_number": asset.identity.orderNumber = try string(item, key)
                case "product": asset.identity.product = try string(item, key)
                case "serial": asset.identity.serial = try string(item, key)
                case "station_name": asset.identity.stationName = try string(item, key)
                default: asset.identity.vendor = try string(item, key)
                }
            }
        }
        return asset
    }

    func pair(_ node: Node) throws(BaselineFileError) -> BaselinePair {
        let fields = try mapping(
            node, "pairs", known: ["client", "server", "protocol", "transport", "port", "flows", "functions"],
            required: ["client", "server", "protocol"])
        var pair = BaselinePair(
            client: try string(fields["client"]!, "client"), server: try string(fields["server"]!, "server"),
            protocolName: try string(fields["protocol"]!, "protocol"), transport: "tcp", port: 0)
        if let value = fields["transport"] { pair.transport = try string(value, "transport") }
        if let value = fields["port"] { pair.port = UInt16(try integer(value, "port", in: 0...65535)) }
        if let value = fields["flows"] { pair.flows = UInt64(try integer(value, "flows")) }
        if let value = fields["functions"] {
            for item in try list(value, "functions") { pair.functions.append(try function(item, pair: pair)) }
        }
        return pair
    }

    func function(_ node: Node, pair: BaselinePair) throws(BaselineFileError) -> BaselineFunction {
        let fields = try mapping(
            node, "functions",
            known: [
                "protocol", "group", "code", "name", "operation", "count", "subfunctions", "targets", "targets_capped",
                "timing",
            ], required: ["operation"])
        var function = BaselineFunction(
            protocolName: pair.protocolName, code: -1, name: "",
            operation: try string(fields["operation"]!, "operation"))
        guard OperationNames.all.contains(function.operation) else {
            throw fail(
                fields["operation"], "operation",
                "expected one of \(OperationNames.all.sorted().joined(separator: ", ")), not '\(function.operation)'")
        }
        if let value = fields["protocol"] { function.protocolName = try string(value, "protocol") }
        if let value = fields["group"] { function.group = try integer(value, "group") }
        if let value = fields["code"] { function.code = try integer(value, "code") }
        if let value = fields["name"] { function.name = try string(value, "name") }
        if let value = fields["count"] { function.count = UInt64(try integer(value, "count")) }
        if let value = fields["subfunctions"] { function.subfunctions = try ranges(value, "subfunctions") }
        if let value = fields["targets_capped"] { function.targetsCapped = try boolean(value, "targets_capped") }
        if let value = fields["targets"] {
            for item in try list(value, "targets") { function.targets.append(try target(item)) }
        }
        if let value = fields["timing"] {
            let timing = try mapping(
                value, "timing", known: ["period_ms", "jitter_ms", "samples", "events_per_exchange"],
                required: ["period_ms"])
            var result = BaselineTiming(
                periodMilliseconds: try integer(timing["period_ms"]!, "period_ms", in: 1...Int64.max),
                jitterMilliseconds: 0, samples: 0, eventsPerExchangeTenths: 10)
            if let item = timing["jitter_ms"] { result.jitterMilliseconds = try integer(item, "jitter_ms") }
            if let item = timing["samples"] { result.samples = UInt64(try integer(item, "samples")) }
            if let item = timing["events_per_exchange"] {
                let text = try string(item, "events_per_exchange")
                guard let number = Double(text), number > 0, number < 1e9 else {
                    throw fail(item, "events_per_exchange", "expected a positive number, not '\(text)'")
                }
                result.eventsPerExchangeTenths = Int64((number * 10).rounded())
            }
            function.timing = result
        }
        return function
    }

    func target(_ node: Node) throws(BaselineFileError) -> BaselineTarget {
        guard case .mapping(let entries) = node, let kindNode = entries["kind"] else {
            throw fail(
                node, "targets",
                "each target needs a kind (\(TargetSpaceKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let kindText = try string(kindNode, "kind")
        guard let kind = TargetSpaceKind(rawValue: kindText) else {
            throw fail(
                kindNode, "kind",
                "expected one of \(TargetSpaceKind.allCases.map(\.rawValue).joined(separator: ", ")), not '\(kindText)'"
            )
        }
        var known: Set<String> = ["kind"]
        known.formUnion(kind.spaceKeys)
        known.formUnion(kind.usesValues ? ["values", "values_capped"] : ["ranges"])
        let fields = try mapping(node, "targets", known: known)
        var target = BaselineTarget(kind: kind)
        for key in kind.spaceKeys {
            if let value = fields[key] { target.space[key] = try string(value, key) }
        }
        if let value = fields["ranges"] { target.ranges = try ranges(value, "ranges") }
        if let value = fields["values"] { target.values = try strings(value, "values").sorted() }
        if let value = fields["values_capped"] { target.valuesCapped = try boolean(value, "values_capped") }
        return target
    }
}

enum OperationNames {
    static let all: Set<String> = [
        "", "read", "write", "control", "program", "firmware", "diagnostic", "discovery", "session", "data", "other",
    ]
}
