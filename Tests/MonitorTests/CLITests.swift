import CorpusTestSupport
import Foundation
import Testing

@Suite(
    "palisade command line", .enabled(if: CLI.binary != nil, "palisade executable not found next to the tests"),
    .enabled(if: Paths.corpusAvailable, "shared corpus not found"))
struct CLITests {
    @Test(arguments: ["modbus/modbus_example.pcap", "s7comm/s71500-normal.pcapng"])
    func analyzeJSONHasTheSummaryKeys(_ file: String) throws {
        let output = try run(CLI.binary!, ["analyze", Paths.corpusFile(file), "--format", "json", "--workers", "2"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
        let json = try #require(object as? [String: Any])
        for key in ["packets", "bytes", "flows", "first_ts", "last_ts", "protocols", "anomalies"] {
            #expect(json[key] != nil, "missing key \(key)")
        }
        let expectedPackets = try #require(Manifest.packets[file])
        #expect((json["packets"] as? NSNumber)?.uint64Value == expectedPackets)
        #expect(((json["bytes"] as? NSNumber)?.uint64Value ?? 0) > 0)
        #expect(((json["flows"] as? NSNumber)?.uint64Value ?? 0) > 0)
        #expect((json["first_ts"] as? String)?.hasSuffix("Z") == true)
        #expect((json["last_ts"] as? String).map { $0 >= (json["first_ts"] as? String ?? "") } == true)
        #expect(json["protocols"] is [String: Any])
        #expect(json["anomalies"] is [String: Any])
    }

    @Test func missingFileFailsWithOneLineNamingIt() throws {
        let folder = try makeTemporaryFolder("palisade-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("no-such-capture.pcap").path
        let output = try run(CLI.binary!, ["analyze", missing])
        #expect(output.status != 0)
        let lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "stderr: \(output.stderr)")
        #expect(lines.first?.contains(missing) == true, "stderr: \(output.stderr)")
        #expect(output.stdout.isEmpty)
    }

    @Test func nonCaptureFileFailsWithNotAPcap() throws {
        let file = Paths.corpusFile("modbus/modbus_example.pcap.tshark.tsv")
        try #require(FileManager.default.fileExists(atPath: file))
        let output = try run(CLI.binary!, ["analyze", file])
        #expect(output.status != 0)
        let lines = output.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1, "stderr: \(output.stderr)")
        #expect(lines.first?.contains("not a pcap") == true, "stderr: \(output.stderr)")
    }

    @Test(arguments: ["modbus/modbusSmall.pcap", "enip/enip_cip_1.pcap"])
    func flowsCSVHasOneRowPerFlow(_ file: String) throws {
        let path = Paths.corpusFile(file)
        let csv = try run(CLI.binary!, ["flows", path, "--format", "csv"])
        #expect(csv.status == 0, "stderr: \(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n", omittingEmptySubsequences: true)
        try #require(!lines.isEmpty)
        #expect(lines[0].hasPrefix("first_frame,first_ts,last_ts,transport,client,client_port,server,server_port"))
        let columns = lines[0].split(separator: ",").count
        for row in lines.dropFirst() {
            #expect(row.split(separator: ",", omittingEmptySubsequences: false).count == columns)
        }

        let summary = try run(CLI.binary!, ["analyze", path, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
        let flows = try #require((json["flows"] as? NSNumber)?.intValue)
        #expect(lines.count - 1 == flows)
        // And both agree with the library.
        #expect(UInt64(flows) == analyze([path]).statistics.flows)
    }

    @Test func inventoryJSONHasTheAssetKeys() throws {
        let output = try run(CLI.binary!, ["inventory", Paths.corpusFile("peers/mixed.pcap"), "--format", "json"])
        #expect(output.status == 0, "stderr: \(output.stderr)")
        let assets = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [[String: Any]])
        #expect(assets.count == 11)
        for asset in assets {
            for key in [
                "id", "macs", "ips", "names", "vendor", "identity", "role", "purdue_level", "protocols", "first_seen",
                "last_seen",
            ] {
                #expect(asset.keys.contains(key), "missing key \(key)")
            }
            let identity = try #require(asset["identity"] as? [String: Any])
            for key in ["vendor", "product", "model", "firmware", "serial"] {
                #expect(identity.keys.contains(key), "missing identity key \(key)")
            }
        }
        let plc2 = assets.first { ($0["ips"] as? [String]) == ["10.77.2.20"] }
        #expect(plc2?["role"] as? String == "plc")
        #expect((plc2?["identity"] as? [String: Any])?["order_number"] as? String == "6ES7 315-2EH14-0AB0")

        let csv = try run(CLI.binary!, ["inventory", Paths.corpusFile("peers/mixed.pcap"), "--format", "csv"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 12)
        #expect(lines.first?.hasPrefix("id,macs,ips,names,vendor") == true)
    }

    @Test func mapFormatsAndMissingData() throws {
        let capture = Paths.corpusFile("peers/modbus-attack.pcap")
        let dot = try run(CLI.binary!, ["map", capture, "--format", "dot"])
        #expect(dot.status == 0)
        #expect(dot.stdout.hasPrefix("digraph palisade {"))
        let graphML = try run(CLI.binary!, ["map", capture, "--format", "graphml"])
        #expect(graphML.stdout.contains("<graphml"))
        let missing = try run(CLI.binary!, ["inventory", capture, "--data", "/nonexistent/data"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("reference data not found"), "stderr: \(missing.stderr)")
    }
}
