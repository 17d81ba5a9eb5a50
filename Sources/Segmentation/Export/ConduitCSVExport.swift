/// The conduits as a vendor-neutral CSV a firewall team can load or review: one row per
/// source network, destination network, transport and port (RFC 4180 quoting; cells that a
/// spreadsheet would read as a formula are prefixed with a quote).
public enum ConduitCSVExport {
    public static let header = [
        "conduit", "source_zone", "source_cidr", "destination_zone", "destination_cidr", "transport", "port",
        "protocol", "operations", "justification",
    ]

    public static func csv(_ policy: ZonePolicy, list: FirewallRuleList? = nil) -> String {
        let list = list ?? FirewallRuleList(policy: policy)
        var rows = [header]
        for rule in list.rules {
            let ports = rule.ports.isEmpty ? ["any"] : rule.ports.map(String.init)
            for port in ports {
                rows.append([
                    rule.conduit, rule.fromZone, rule.fromNetwork?.description ?? "any", rule.toZone,
                    rule.toNetwork?.description ?? "any", rule.transport ?? "any", port,
                    rule.protocols.isEmpty ? "any" : rule.protocols.joined(separator: " "), rule.operations,
                    rule.justification,
                ])
            }
        }
        return rows.map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
