import EventModel
import Monitor

/// The communication map as JSON, GraphML (Gephi, yEd, networkx) or DOT (Graphviz), with nodes
/// grouped by Purdue level and edges labelled by protocol and the most dangerous operation seen.
public enum MapFormatter {
    public static func json(_ map: CommunicationMap) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.key("nodes")
        json.beginArray()
        for node in map.nodes {
            json.beginObject()
            json.field("id", node.id)
            json.field("kind", node.kind.rawValue)
            json.field("label", node.label)
            json.field("role", node.role.rawValue)
            json.key("purdue_level")
            if let level = node.purdueLevel { json.value(level) } else { json.null() }
            json.endObject()
        }
        json.endArray()
        json.key("edges")
        json.beginArray()
        for edge in map.edges {
            json.beginObject()
            json.field("client", edge.client)
            json.field("server", edge.server)
            json.field("protocol", edge.protocolName)
            json.field("transport", edge.transport)
            json.field("server_port", edge.serverPort)
            json.field("flows", edge.flows)
            json.field("packets", edge.packets)
            json.field("bytes", edge.bytes)
            json.field("packets_to_server", edge.packetsToServer)
            json.field("packets_to_client", edge.packetsToClient)
            json.field("bytes_to_server", edge.bytesToServer)
            json.field("bytes_to_client", edge.bytesToClient)
            json.field("first_seen", rfc3339(edge.firstSeen))
            json.field("last_seen", rfc3339(edge.lastSeen))
            json.key("operations")
            json.beginObject()
            for operation in edge.operations.seen { json.field(operation.name, edge.operations[operation]) }
            json.endObject()
            let worst = edge.mostDangerousOperation
            if worst != .none { json.field("most_dangerous_operation", worst.name) }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.output
    }

    static func levelName(_ level: Int?) -> String { level.map { "Purdue level \($0)" } ?? "level unknown" }

    static func edgeLabel(_ edge: CommunicationMap.Edge) -> String {
        var label = edge.protocolName
        if edge.serverPort != 0 { label += "/\(edge.serverPort)" }
        let worst = edge.mostDangerousOperation
        if worst != .none { label += " " + worst.name }
        return label
    }

    static func colour(_ operation: Operation) -> String {
        switch operation {
        case .firmware, .program: "#c0392b"
        case .control: "#e67e22"
        case .write: "#d4ac0d"
        case .diagnostic, .discovery: "#8e44ad"
        default: "#7f8c8d"
        }
    }

    // MARK: GraphML

    public static func graphML(_ map: CommunicationMap) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" "#
                + #"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#
                + #"xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns "#
                + #"http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#,
            #"  <key id="label" for="node" attr.name="label" attr.type="string"/>"#,
            #"  <key id="kind" for="node" attr.name="kind" attr.type="string"/>"#,
            #"  <key id="role" for="node" attr.name="role" attr.type="string"/>"#,
            #"  <key id="level" for="node" attr.name="purdue_level" attr.type="int"/>"#,
            #"  <key id="layer" for="node" attr.name="layer" attr.type="string"/>"#,
            #"  <key id="protocol" for="edge" attr.name="protocol" attr.type="string"/>"#,
            #"  <key id="port" for="edge" attr.name="server_port" attr.type="int"/>"#,
            #"  <key id="transport" for="edge" attr.name="transport" attr.type="string"/>"#,
            #"  <key id="packets" for="edge" attr.name="packets" attr.type="long"/>"#,
            #"  <key id="bytes" for="edge" attr.name="bytes" attr.type="long"/>"#,
            #"  <key id="operations" for="edge" attr.name="operations" attr.type="string"/>"#,
            #"  <key id="worst" for="edge" attr.name="most_dangerous_operation" attr.type="string"/>"#,
            #"  <graph id="palisade" edgedefault="directed">"#,
        ]
        // Nodes in level order so that tools laying out by input order keep the layers together.
        let nodes = map.nodes.sorted { ($0.purdueLevel ?? 9, $0.id) < ($1.purdueLevel ?? 9, $1.id) }
        for node in nodes {
            lines.append(#"    <node id="\#(xml(node.id))">"#)
            lines.append(#"      <data key="label">\#(xml(node.label))</data>"#)
            lines.append(#"      <data key="kind">\#(node.kind.rawValue)</data>"#)
            lines.append(#"      <data key="role">\#(node.role.rawValue)</data>"#)
            if let level = node.purdueLevel { lines.append(#"      <data key="level">\#(level)</data>"#) }
            lines.append(#"      <data key="layer">\#(levelName(node.purdueLevel))</data>"#)
            lines.append("    </node>")
        }
        for (index, edge) in map.edges.enumerated() {
            lines.append(#"    <edge id="e\#(index)" source="\#(xml(edge.client))" target="\#(xml(edge.server))">"#)
            lines.append(#"      <data key="protocol">\#(xml(edge.protocolName))</data>"#)
            lines.append(#"      <data key="port">\#(edge.serverPort)</data>"#)
            lines.append(#"      <data key="transport">\#(edge.transport)</data>"#)
            lines.append(#"      <data key="packets">\#(edge.packets)</data>"#)
            lines.append(#"      <data key="bytes">\#(edge.bytes)</data>"#)
            let operations = edge.operations.seen.map { "\($0.name)=\(edge.operations[$0])" }.joined(separator: " ")
            lines.append(#"      <data key="operations">\#(xml(operations))</data>"#)
            let worst = edge.mostDangerousOperation
            if worst != .none { lines.append(#"      <data key="worst">\#(worst.name)</data>"#) }
            lines.append("    </edge>")
        }
        lines.append("  </graph>")
        lines.append("</graphml>")
        return lines.joined(separator: "\n")
    }

    /// XML text and attribute escaping; characters XML 1.0 forbids are dropped.
    static func xml(_ text: String) -> String {
        var output = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output
    }

    // MARK: DOT

    public static func dot(_ map: CommunicationMap) -> String {
        var lines = [
            "digraph palisade {", "  rankdir=TB;", "  newrank=true;",
            ##"  node [shape=box, style="rounded,filled", fillcolor="#f4f6f7", fontname="Helvetica"];"##,
            #"  edge [fontname="Helvetica", fontsize=9];"#,
        ]
        var identifiers: [String: String] = [:]
        for (index, node) in map.nodes.enumerated() { identifiers[node.id] = "n\(index)" }
        let levels = Set(map.nodes.map { $0.purdueLevel ?? -1 }).sorted { ($0 == -1 ? 99 : $0) > ($1 == -1 ? 99 : $1) }
        for level in levels {
            let members = map.nodes.filter { ($0.purdueLevel ?? -1) == level }
            let name = level == -1 ? "level unknown" : "Purdue level \(level)"
            lines.append("  subgraph cluster_level_\(level == -1 ? "unknown" : String(level)) {")
            lines.append("    label=\(dotString(name));")
            lines.append("    style=dashed;")
            lines.append("    rank=same;")
            for node in members {
                let shape = node.kind == .asset ? "" : ", shape=ellipse, fillcolor=\"#ffffff\""
                let label = node.kind == .asset ? "\(node.label)\n\(node.role.title)" : node.label
                lines.append("    \(identifiers[node.id]!) [label=\(dotString(label))\(shape)];")
            }
            lines.append("  }")
        }
        for edge in map.edges {
            guard let client = identifiers[edge.client], let server = identifiers[edge.server] else { continue }
            let worst = edge.mostDangerousOperation
            lines.append(
                "  \(client) -> \(server) [label=\(dotString(edgeLabel(edge))), color=\"\(colour(worst))\"];")
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// A DOT double-quoted string: quotes and backslashes escaped, newlines as \n.
    static func dotString(_ text: String) -> String {
        var output = "\""
        for character in text {
            switch character {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": continue
            default: output.append(character)
            }
        }
        return output + "\""
    }
}
