/// The conduits as an nftables ruleset (`nft -f`): one `inet` table with a forward chain that
/// drops by default, accepts established and related traffic, accepts traffic inside a zone that
/// has several networks, and accepts each conduit by source and destination network, transport and
/// server port, with the conduit's name and justification as comments. Load it on the router or
/// firewall between the zones; operation categories need a protocol-aware firewall and are only
/// noted.
public enum NftablesExport {
    public static let tableName = "palisade_segmentation"

    public static func ruleset(_ policy: ZonePolicy, list: FirewallRuleList? = nil) -> String {
        let list = list ?? FirewallRuleList(policy: policy)
        var lines: [String] = [
            "#!/usr/sbin/nft -f",
            "# Palisade zone/conduit policy: \(policy.zones.count) zones, \(policy.conduits.count) conduits.",
            "# Review before loading. Operation categories (read, write, …) are not enforceable here.",
            "table inet \(tableName)",
            "delete table inet \(tableName)",
            "table inet \(tableName) {",
            "\tchain forward {",
            "\t\ttype filter hook forward priority filter; policy drop;",
            "\t\tct state established,related accept",
            "\t\tct state invalid drop",
        ]
        for omission in list.omissions { lines.append("\t\t# not exported: \(commentText(omission))") }
        for zone in policy.zones where zone.networks.count > 1 {
            for family in [true, false] {
                let networks = zone.networks.filter { $0.isIPv4 == family }.sorted()
                guard networks.count > 1 else { continue }
                let set = "{ " + networks.map(\.description).joined(separator: ", ") + " }"
                let keyword = family ? "ip" : "ip6"
                lines.append(
                    "\t\t\(keyword) saddr \(set) \(keyword) daddr \(set) accept comment \(quoted("zone \(zone.name)"))")
            }
        }
        var previous = ""
        for rule in list.rules {
            if rule.conduit != previous {
                previous = rule.conduit
                lines.append(
                    "\t\t# conduit \(rule.conduit): \(rule.fromZone) → \(rule.toZone), operations: \(rule.operations)")
                if !rule.justification.isEmpty { lines.append("\t\t# \(commentText(rule.justification))") }
            }
            var match: [String] = []
            if let network = rule.fromNetwork { match.append("\(network.isIPv4 ? "ip" : "ip6") saddr \(network)") }
            if let network = rule.toNetwork { match.append("\(network.isIPv4 ? "ip" : "ip6") daddr \(network)") }
            if let transport = rule.transport {
                if rule.ports.isEmpty {
                    match.append("meta l4proto \(transport)")
                } else if rule.ports.count == 1 {
                    match.append("\(transport) dport \(rule.ports[0])")
                } else {
                    match.append("\(transport) dport { \(rule.ports.map(String.init).joined(separator: ", ")) }")
                }
            }
            let protocols = rule.protocols.isEmpty ? "any protocol" : rule.protocols.joined(separator: ",")
            match.append("accept comment \(quoted("\(rule.conduit) \(protocols)"))")
            lines.append("\t\t" + match.joined(separator: " "))
        }
        lines.append("\t}")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A comment's text on one line (a newline in a justification would end the comment and
    /// make the rest a rule).
    static func commentText(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }.prefix(400))
    }

    /// An nftables comment string: at most 128 bytes, without quotes or backslashes.
    static func quoted(_ text: String) -> String {
        var cleaned = ""
        for scalar in text.unicodeScalars {
            let allowed = scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\"
            let character = allowed ? Character(scalar) : "_"
            guard cleaned.utf8.count < 127 else { break }
            cleaned.append(character)
        }
        return "\"\(cleaned)\""
    }
}
