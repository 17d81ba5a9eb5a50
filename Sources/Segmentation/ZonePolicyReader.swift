import EventModel
import Foundation
import Yams

/// Reads zones and conduits from YAML (docs/segmentation.md), standalone or as the `zones:` and
/// `conduits:` sections of the sensor's configuration. Every value is checked; an unknown key,
/// a wrong type, a bad network, a duplicate name or a conduit naming an unknown zone is an error
/// naming the file, line and field.
public enum ZonePolicyReader {
    /// Caps on what a file may declare: the file is untrusted input.
    public static let maximumFileBytes = 16 << 20
    public static let maximumZones = 4096
    public static let maximumConduits = 65_536
    public static let maximumListLength = 4096

    static let zoneKeys: Set<String> = [
        "name", "cidrs", "vlans", "purdue_level", "security_level_target", "criticality", "description",
    ]
    static let conduitKeys: Set<String> = [
        "name", "from", "to", "protocols", "ports", "operations", "justification",
    ]

    public static func load(path: String) throws(ZonePolicyError) -> ZonePolicy {
        try parse(read(path), file: path)
    }

    /// A standalone file: the keys `zones` (required) and `conduits`, nothing else.
    public static func parse(_ text: String, file: String = "zones") throws(ZonePolicyError) -> ZonePolicy {
        let root = try compose(text, file: file)
        let reader = Reader(file: file)
        let top = try reader.mapping(root, nil, known: ["zones", "conduits"])
        guard top["zones"] != nil else {
            throw ZonePolicyError(file: file, line: root.mark?.line, field: "zones", message: "missing")
        }
        return try reader.policy(zones: top["zones"], conduits: top["conduits"])
    }

    /// The `zones:` and `conduits:` sections of a larger document (the sensor configuration),
    /// or nil when it has neither; the other keys are the caller's.
    public static func parseSections(of text: String, file: String) throws(ZonePolicyError) -> ZonePolicy? {
        let root = try compose(text, file: file)
        guard case .mapping(let mapping) = root else { return nil }
        var zones: Node?
        var conduits: Node?
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { continue }
            if scalar.string == "zones" { zones = value }
            if scalar.string == "conduits" { conduits = value }
        }
        guard zones != nil || conduits != nil else { return nil }
        return try Reader(file: file).policy(zones: zones, conduits: conduits)
    }

    static func read(_ path: String) throws(ZonePolicyError) -> String {
        let data: Data
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > maximumFileBytes {
                throw ZonePolicyError(
                    file: path, line: nil, field: nil, message: "larger than \(maximumFileBytes >> 20) MiB")
            }
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as ZonePolicyError {
            throw error
        } catch {
            throw ZonePolicyError(
                file: path, line: nil, field: nil, message: "cannot read the file (\(error.localizedDescription))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ZonePolicyError(file: path, line: nil, field: nil, message: "not UTF-8 text")
        }
        return text
    }

    static func compose(_ text: String, file: String) throws(ZonePolicyError) -> Node {
        guard text.utf8.count <= maximumFileBytes else {
            throw ZonePolicyError(
                file: file, line: nil, field: nil, message: "larger than \(maximumFileBytes >> 20) MiB")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ZonePolicyError(
                file: file, line: Reader.line(of: error), field: nil,
                message: "not valid YAML (\(Reader.problem(of: error)))")
        } catch {
            throw ZonePolicyError(file: file, line: nil, field: nil, message: "not valid YAML (\(error))")
        }
        guard let root else { throw ZonePolicyError(file: file, line: nil, field: nil, message: "the file is empty") }
        return root
    }
}

/// Node-by-node reading with the field path of every value.
private struct Reader {
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

    func fail(_ node: Node?, _ field: String?, _ message: String) -> ZonePolicyError {
        ZonePolicyError(file: file, line: node?.mark?.line, field: field, message: message)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "'\(scalar.string.prefix(80))'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    func mapping(_ node: Node, _ field: String?, known: Set<String>) throws(ZonePolicyError) -> [String: Node] {
        guard case .mapping(let mapping) = node else {
            throw fail(node, field, "expected a mapping of keys, not \(describe(node))")
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode else { throw fail(keyNode, field, "keys must be plain words") }
            let name = scalar.string
            let path = field.map { "\($0).\(name)" } ?? name
            guard known.contains(name) else {
                throw fail(keyNode, path, "unknown key (known here: \(known.sorted().joined(separator: ", ")))")
            }
            guard result[name] == nil else { throw fail(keyNode, path, "given twice") }
            result[name] = value
        }
        return result
    }

    func list(_ node: Node, _ field: String) throws(ZonePolicyError) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw fail(node, field, "expected a list, not \(describe(node))")
        }
        guard sequence.count <= ZonePolicyReader.maximumListLength || field == "zones" || field == "conduits" else {
            throw fail(node, field, "more than \(ZonePolicyReader.maximumListLength) entries")
        }
        return Array(sequence)
    }

    func string(_ node: Node, _ field: String) throws(ZonePolicyError) -> String {
        guard case .scalar(let scalar) = node else { throw fail(node, field, "expected text, not \(describe(node))") }
        return scalar.string
    }

    func integer(_ node: Node, _ field: String, in range: ClosedRange<Int>) throws(ZonePolicyError) -> Int {
        let text = try string(node, field)
        guard let value = Int(text), range.contains(value) else {
            throw fail(
                node, field,
                "expected a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text.prefix(80))'")
        }
        return value
    }

    func name(_ node: Node, _ field: String) throws(ZonePolicyError) -> String {
        let text = try string(node, field)
        guard Zone.isValidName(text) else {
            throw fail(node, field, "'\(text.prefix(80))' is not a name of 1 to 63 characters a-z, 0-9, '_' and '-'")
        }
        return text
    }

    // MARK: the document

    func policy(zones zonesNode: Node?, conduits conduitsNode: Node?) throws(ZonePolicyError) -> ZonePolicy {
        var zones: [Zone] = []
        var zoneLines: [String: Int] = [:]
        var owners: [IPNetwork: String] = [:]
        if let zonesNode {
            let items = try list(zonesNode, "zones")
            guard items.count <= ZonePolicyReader.maximumZones else {
                throw fail(zonesNode, "zones", "more than \(ZonePolicyReader.maximumZones) zones")
            }
            for (index, item) in items.enumerated() {
                let zone = try self.zone(item, "zones[\(index)]")
                if let line = zoneLines[zone.name] {
                    throw fail(item, "zones[\(index)].name", "zone '\(zone.name)' is already declared on line \(line)")
                }
                for network in zone.networks {
                    if let owner = owners[network] {
                        throw fail(
                            item, "zones[\(index)].cidrs",
                            "\(network) is already in zone '\(owner)': an address must have one zone")
                    }
                    owners[network] = zone.name
                }
                zoneLines[zone.name] = item.mark?.line ?? 0
                zones.append(zone)
            }
        }
        var conduits: [Conduit] = []
        if let conduitsNode {
            let items = try list(conduitsNode, "conduits")
            guard items.count <= ZonePolicyReader.maximumConduits else {
                throw fail(conduitsNode, "conduits", "more than \(ZonePolicyReader.maximumConduits) conduits")
            }
            let known = Set(zones.map(\.name) + [Zone.unzoned, Zone.internet])
            var names: Set<String> = []
            for (index, item) in items.enumerated() {
                let conduit = try self.conduit(item, "conduits[\(index)]", zones: known)
                guard names.insert(conduit.name).inserted else {
                    throw fail(item, "conduits[\(index)].name", "conduit '\(conduit.name)' is declared twice")
                }
                conduits.append(conduit)
            }
        }
        return ZonePolicy(zones: zones, conduits: conduits)
    }

    func zone(_ node: Node, _ field: String) throws(ZonePolicyError) -> Zone {
        let keys = try mapping(node, field, known: ZonePolicyReader.zoneKeys)
        guard let nameNode = keys["name"] else { throw fail(node, "\(field).name", "missing") }
        let name = try self.name(nameNode, "\(field).name")
        guard name != Zone.unzoned, name != Zone.internet else {
            throw fail(
                nameNode, "\(field).name",
                "'\(name)' is an implicit zone (addresses no zone claims); choose another name")
        }
        var zone = Zone(name: name)
        if let cidrs = keys["cidrs"] {
            for (index, item) in try list(cidrs, "\(field).cidrs").enumerated() {
                let path = "\(field).cidrs[\(index)]"
                let text = try string(item, path)
                guard let network = IPNetwork(text) else {
                    throw fail(
                        item, path,
                        "'\(text.prefix(80))' is not an IPv4 or IPv6 network such as 10.77.1.0/24 or fd00:1::/64")
                }
                guard !IPNetwork.hasHostBits(text) else {
                    throw fail(item, path, "'\(text)' has host bits set; the network is \(network)")
                }
                guard !zone.networks.contains(network) else { throw fail(item, path, "\(network) is listed twice") }
                zone.networks.append(network)
            }
        }
        if let vlans = keys["vlans"] {
            for (index, item) in try list(vlans, "\(field).vlans").enumerated() {
                zone.vlans.append(UInt16(try integer(item, "\(field).vlans[\(index)]", in: 1...4094)))
            }
        }
        guard !zone.networks.isEmpty || !zone.vlans.isEmpty else {
            throw fail(node, "\(field).cidrs", "a zone needs at least one CIDR or VLAN")
        }
        if let level = keys["purdue_level"] {
            zone.purdueLevel = try integer(level, "\(field).purdue_level", in: 0...5)
        }
        if let target = keys["security_level_target"] {
            zone.securityLevelTarget = try integer(target, "\(field).security_level_target", in: 1...4)
        }
        if let criticality = keys["criticality"] {
            let text = try string(criticality, "\(field).criticality")
            guard let value = Criticality(rawValue: text) else {
                throw fail(
                    criticality, "\(field).criticality",
                    "expected low, medium, high or critical, not '\(text.prefix(80))'")
            }
            zone.criticality = value
        }
        if let description = keys["description"] { zone.description = try string(description, "\(field).description") }
        return zone
    }

    func conduit(_ node: Node, _ field: String, zones: Set<String>) throws(ZonePolicyError) -> Conduit {
        let keys = try mapping(node, field, known: ZonePolicyReader.conduitKeys)
        for required in ["name", "from", "to"] where keys[required] == nil {
            throw fail(node, "\(field).\(required)", "missing")
        }
        let name = try self.name(keys["name"]!, "\(field).name")
        var ends: [String] = []
        for side in ["from", "to"] {
            let zone = try string(keys[side]!, "\(field).\(side)")
            guard zones.contains(zone) else {
                throw fail(
                    keys[side], "\(field).\(side)",
                    "no zone is called '\(zone.prefix(80))' (declared: \(zones.sorted().joined(separator: ", ")))")
            }
            ends.append(zone)
        }
        guard ends[0] != ends[1] else {
            throw fail(
                keys["to"], "\(field).to", "a conduit joins two different zones; traffic inside '\(ends[0])' needs none"
            )
        }
        var conduit = Conduit(name: name, from: ends[0], to: ends[1])
        if let protocols = keys["protocols"] {
            for (index, item) in try list(protocols, "\(field).protocols").enumerated() {
                let path = "\(field).protocols[\(index)]"
                let text = try string(item, path)
                guard ApplicationProtocol.named(text) != nil, text != ApplicationProtocol.unknown.name else {
                    throw fail(
                        item, path,
                        "'\(text.prefix(80))' is not a protocol name as events print it (modbus, s7comm, enip, opcua, …)"
                    )
                }
                if !conduit.protocols.contains(text) { conduit.protocols.append(text) }
            }
        }
        if let ports = keys["ports"] {
            for (index, item) in try list(ports, "\(field).ports").enumerated() {
                let port = UInt16(try integer(item, "\(field).ports[\(index)]", in: 1...65_535))
                if !conduit.ports.contains(port) { conduit.ports.append(port) }
            }
        }
        if let operations = keys["operations"] {
            var allowed: [EventModel.Operation] = []
            for (index, item) in try list(operations, "\(field).operations").enumerated() {
                let path = "\(field).operations[\(index)]"
                let text = try string(item, path)
                guard let operation = Conduit.operationNames[text] else {
                    throw fail(
                        item, path,
                        "'\(text.prefix(80))' is not an operation category (\(Conduit.operationNames.keys.sorted().joined(separator: ", ")))"
                    )
                }
                if !allowed.contains(operation) { allowed.append(operation) }
            }
            conduit.operations = allowed
        }
        if let justification = keys["justification"] {
            conduit.justification = try string(justification, "\(field).justification")
        }
        return conduit
    }
}
