/// Writes zones and conduits as the YAML `ZonePolicyReader` reads, each entry preceded by the
/// comment lines that explain it (why a zone was suggested, which flows justify a conduit).
public enum ZonePolicyWriter {
    /// A zone or conduit with its explanation.
    public struct Commented<Entry: Sendable>: Sendable {
        public var entry: Entry
        public var comments: [String]

        public init(_ entry: Entry, comments: [String] = []) {
            self.entry = entry
            self.comments = comments
        }
    }

    public static func yaml(
        header: [String] = [], zones: [Commented<Zone>]?, conduits: [Commented<Conduit>]?
    ) -> String {
        var lines = header.map { "# " + oneLine($0) }
        if let zones {
            lines.append(zones.isEmpty ? "zones: []" : "zones:")
            for item in zones {
                for comment in item.comments { lines.append("  # " + oneLine(comment)) }
                let zone = item.entry
                lines.append("  - name: \(zone.name)")
                if !zone.networks.isEmpty {
                    lines.append("    cidrs: [\(zone.networks.map(\.description).joined(separator: ", "))]")
                }
                if !zone.vlans.isEmpty {
                    lines.append("    vlans: [\(zone.vlans.map(String.init).joined(separator: ", "))]")
                }
                if let level = zone.purdueLevel { lines.append("    purdue_level: \(level)") }
                if let target = zone.securityLevelTarget { lines.append("    security_level_target: \(target)") }
                if let criticality = zone.criticality { lines.append("    criticality: \(criticality.rawValue)") }
                if let description = zone.description { lines.append("    description: \(quoted(description))") }
            }
        }
        if let conduits {
            lines.append(conduits.isEmpty ? "conduits: []" : "conduits:")
            for item in conduits {
                for comment in item.comments { lines.append("  # " + oneLine(comment)) }
                let conduit = item.entry
                lines.append("  - name: \(conduit.name)")
                lines.append("    from: \(conduit.from)")
                lines.append("    to: \(conduit.to)")
                if !conduit.protocols.isEmpty {
                    lines.append("    protocols: [\(conduit.protocols.joined(separator: ", "))]")
                }
                if !conduit.ports.isEmpty {
                    lines.append("    ports: [\(conduit.ports.map(String.init).joined(separator: ", "))]")
                }
                if let operations = conduit.operations {
                    lines.append("    operations: [\(operations.map(\.name).joined(separator: ", "))]")
                }
                if let justification = conduit.justification {
                    lines.append("    justification: \(quoted(justification))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A comment stays one line whatever a device named itself.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// A double-quoted YAML scalar.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
