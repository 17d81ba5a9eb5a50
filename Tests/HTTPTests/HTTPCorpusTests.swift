import Foundation
import Monitor
import Testing

/// `it/http_all_headers.pcap` (suricata-verify http-all-headers: one GET of www.ethereal.com and
/// its 18070-byte response in 14 segments) through the whole pipeline, against tshark's table and
/// the header values of the Suricata test.
@Suite struct HTTPCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus")

    @Test func requestsResponsesAndHeaderValuesMatchTheReferences() throws {
        let pcap = Self.corpus.appendingPathComponent("it/http_all_headers.pcap").path
        let tsv = try String(contentsOfFile: pcap + ".tshark.tsv", encoding: .utf8)
        var rows = tsv.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        let header = rows.removeFirst().map(String.init)
        let frame = header.firstIndex(of: "frame.number")!
        let method = header.firstIndex(of: "http.request.method")!
        let host = header.firstIndex(of: "http.host")!
        let uri = header.firstIndex(of: "http.request.uri")!
        let code = header.firstIndex(of: "http.response.code")!
        let expectedRequests = rows.filter { !$0[method].isEmpty }.map {
            "\($0[frame]) \($0[method]) \($0[uri]) \($0[host])"
        }
        let expectedResponses = rows.filter { !$0[code].isEmpty }.map { "\($0[frame]) \($0[code])" }
        #expect(expectedRequests == ["4 GET /download.html www.ethereal.com"])
        #expect(expectedResponses == ["29 200"])

        let (events, result) = CaptureAnalyzer(workers: 1).collectEvents([pcap])
        let records = events.filter { $0.protocolName == "http" }
        // The 18070-byte body was skipped exactly: no framing anomaly, nothing decoded from it.
        #expect(result.statistics.anomalies.byName.keys.filter { $0.hasPrefix("http.") }.isEmpty)
        let requests = records.filter { $0.direction == "request" }
        let responses = records.filter { $0.direction == "response" }
        #expect(
            requests.map { "\($0.frame) \($0.functionName) \($0.targetText) \($0.relatedIdentity.first?.value ?? "")" }
                == expectedRequests)
        // tshark reports the response on its last segment (after reassembly); we report it when its
        // header block is complete, in the first response segment (frame 6).
        #expect(responses.map { "\($0.function ?? -1)" } == ["200"])
        #expect(responses.first?.frame == 6)
        // Suricata test.yaml: request header Host = www.ethereal.com; tshark: the User-Agent and Server.
        #expect(requests.first?.relatedIdentity.map { "\($0.key)=\($0.value)" } == ["name=www.ethereal.com"])
        #expect(
            requests.first?.identity["user_agent"]
                == "Mozilla/5.0 (Windows; U; Windows NT 5.1; en-US; rv:1.6) Gecko/20040113")
        #expect(responses.first?.identity["software"] == "Apache")
        #expect(responses.first?.functionName == "OK")
        #expect(records.allSatisfy { $0.anomaly == nil })
    }

    /// Zeek's HTTP traces (shared corpus bench-src) against tshark's decoding (Fixtures/*.tsv):
    /// every request with its method, target, host and user agent; responses per connection;
    /// Server values. See README.md for the three known differences.
    @Test(arguments: ["it-http-methods", "it-http-broorg"])
    func zeekTracesMatchTshark(_ name: String) throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let tsv = try String(contentsOf: fixtures.appendingPathComponent("\(name).pcap.tsv"), encoding: .utf8)
        var rows = tsv.split(separator: "\n").map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        rows.removeFirst()
        let pcap = Self.corpus.appendingPathComponent("bench-src/\(name).pcap").path
        let (events, result) = CaptureAnalyzer(workers: 1).collectEvents([pcap])
        let records = events.filter { $0.protocolName == "http" }
        #expect(
            result.statistics.anomalies.byName.keys.filter {
                $0.hasPrefix("http.") && $0 != "http.malformed_start_line"
            }.isEmpty)

        // Requests: same frames, methods, targets, hosts (port dropped) and user agents.
        let requests = Dictionary(
            uniqueKeysWithValues: records.filter { $0.direction == "request" }.map { ($0.frame, $0) })
        var compared = 0
        for row in rows where !row[3].isEmpty {
            let record = try #require(requests[UInt64(row[0])!], "request in frame \(row[0])")
            compared += 1
            if record.functionName != "OTHER" { #expect(record.functionName == row[3], "frame \(row[0])") }
            let host = String(row[5].split(separator: ":").first ?? "")
            #expect(record.relatedIdentity.first { $0.key == "name" }?.value ?? "" == host, "frame \(row[0])")
            #expect(record.identity["user_agent"] ?? "" == row[6], "frame \(row[0])")
            if record.anomaly == "http.malformed_start_line", row[4] == "HTTP/1.1" {
                #expect(record.targetText.isEmpty)  // "OPTIONS HTTP/1.1": no target, version only
            } else {
                #expect(record.targetText == row[4], "frame \(row[0])")
            }
        }
        #expect(compared == requests.count)

        // Responses per client port; tshark misses the one whose body has a capture hole.
        var expected: [UInt16: Int] = [:]
        for row in rows where !row[7].isEmpty { expected[UInt16(row[2])!, default: 0] += 1 }
        if name == "it-http-broorg" { expected[55081, default: 0] += 1 }
        var ours: [UInt16: Int] = [:]
        for record in records where record.direction == "response" {
            ours[record.destinationPort ?? 0, default: 0] += 1
        }
        #expect(ours == expected)
        let servers = Set(rows.filter { !$0[7].isEmpty }.map { $0[8] })
        #expect(Set(records.filter { $0.direction == "response" }.compactMap { $0.identity["software"] }) == servers)
    }
}
