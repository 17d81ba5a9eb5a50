import Foundation
import Monitor
import Testing

/// `it/ssh_hassh.pcap` (suricata-verify ssh-hassh) through the whole pipeline.
@Suite struct SSHCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus")

    @Test func bannersAndHASSHMatchSuricataAndTshark() throws {
        let pcap = Self.corpus.appendingPathComponent("it/ssh_hassh.pcap").path
        let (events, result) = CaptureAnalyzer(workers: 1).collectEvents([pcap])
        let records = events.filter { $0.protocolName == "ssh" }
        #expect(result.statistics.anomalies.byName.keys.filter { $0.hasPrefix("ssh.") }.isEmpty)
        let lines = records.map { record in
            "\(record.frame) \(record.functionName) "
                + record.identity.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        }
        // Frames and ssh.protocol from the tshark table; hashes from the Suricata test.yaml
        // (ssh.client.hassh.hash, ssh.server.hassh.hash). NEWKEYS: frame 17 (server, after the ECDH
        // reply in the same segment) and 18 (client); frames 20-26 are encrypted.
        #expect(
            lines == [
                "11 SSH Banner software=OpenSSH_for_Windows_7.7",
                "13 SSH Banner software=OpenSSH_7.4",
                "14 Key Exchange Init hassh=2dd6531c7e89d3c925db9214711be76a",
                "15 Key Exchange Init hassh_server=6832f1ce43d4397c2c0a3e2f8c94334e",
                "17 New Keys ", "18 New Keys ",
            ])
        #expect(records[0].targetText == "SSH-2.0-OpenSSH_for_Windows_7.7")
        #expect(records[1].targetText == "SSH-2.0-OpenSSH_7.4")
        // test.rules sid 3 and 4: substrings of the HASSH input strings.
        #expect(records[2].targetText.contains("umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm"))
        #expect(records[3].targetText.contains("none,zlib@openssh.com"))
        #expect(records.allSatisfy { $0.anomaly == nil })
    }
}
