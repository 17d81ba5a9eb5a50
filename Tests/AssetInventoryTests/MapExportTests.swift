import AssetInventory
import Foundation
import Testing

/// The map's DOT must render with Graphviz and its GraphML must load in networkx (both installed
/// by .ci/run: graphviz from Debian, networkx from PyPI).
@Suite struct MapExportTests {
    static let map = inventory(of: peerCapture("mixed")).map

    func run(_ executable: String, _ arguments: [String], input: String) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self)
        )
    }

    @Test func dotRendersWithGraphviz() throws {
        let dot = MapFormatter.dot(Self.map)
        #expect(dot.contains("subgraph cluster_level_1"))
        let (status, svg, errors) = try run("dot", ["-Tsvg"], input: dot)
        #expect(status == 0, "dot failed: \(errors)")
        #expect(svg.contains("<svg"))
        #expect(svg.contains("Purdue level 1"))
        #expect(svg.replacingOccurrences(of: "&#45;", with: "-").contains("SNAP7-SERVER"))
    }

    @Test func graphMLLoadsInNetworkX() throws {
        let graphML = MapFormatter.graphML(Self.map)
        let script = """
            import sys, networkx as nx
            g = nx.read_graphml(sys.stdin.buffer)
            print(g.number_of_nodes(), g.number_of_edges())
            print(g.nodes['mac:00:1b:1b:77:02:20']['role'], g.nodes['mac:00:1b:1b:77:02:20']['purdue_level'])
            e = [d for u, v, d in g.edges(data=True)
                 if u == 'mac:b8:27:eb:77:09:66' and v == 'mac:00:1b:1b:77:02:20' and d['protocol'] == 's7comm']
            print(e[0]['protocol'], e[0]['most_dangerous_operation'])
            """
        let (status, output, errors) = try run("python3", ["-c", script], input: graphML)
        #expect(status == 0, "networkx failed: \(errors)")
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        // MultiDiGraph? read_graphml gives a DiGraph unless parallel edges exist; count nodes only.
        #expect(lines.first?.split(separator: " ").first.flatMap { Int($0) } == Self.map.nodes.count)
        #expect(lines.dropFirst().first == "plc 1")
        #expect(lines.last == "s7comm program")
    }

    @Test func jsonMapHasEveryEdgeOnce() throws {
        let json = MapFormatter.json(Self.map)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let edges = try #require(object?["edges"] as? [[String: Any]])
        #expect(edges.count == Self.map.edges.count)
        let program = edges.first {
            $0["client"] as? String == "mac:b8:27:eb:77:09:66" && $0["server"] as? String == "mac:00:1b:1b:77:02:20"
                && $0["protocol"] as? String == "s7comm"
        }
        #expect(program?["most_dangerous_operation"] as? String == "program")
        #expect((program?["operations"] as? [String: Any])?["program"] != nil)
    }
}
