import BinaryParsing
import EventModel
import Foundation
import Monitor
import Testing

@testable import FTP

func converse(_ lines: [(fromClient: Bool, text: String)], decoder: FTPStreamDecoder = FTPStreamDecoder()) -> EventBatch
{
    let batch = EventBatch()
    for (index, line) in lines.enumerated() {
        var context = PacketContext()
        context.frame = UInt64(index + 1)
        context.fromClient = line.fromClient
        ByteView.with(Array(line.text.utf8)) { decoder.receive($0, context: context, events: batch) }
    }
    return batch
}

func summary(_ batch: EventBatch) -> [String] {
    batch.events.map { event in
        var text = "\(event.function) \(event.functionName) \(event.operation.name)"
        if !event.target.text.isEmpty { text += " [\(batch.string(event.target.text))]" }
        if event.result.status == .error { text += " error" }
        for fact in batch.facts(of: event) { text += " \(fact.key.name)=\(batch.string(fact.value))" }
        return text
    }
}

/// A login and two transfers in the formats of RFC 959 §4.2 (replies) and §5.3 (commands).
let session: [(fromClient: Bool, text: String)] = [
    (false, "220-Welcome to plant FTP\r\n220-Authorised users only\r\n220 ProFTPD 1.3.8 Server ready.\r\n"),
    (true, "USER engineer\r\n"),  // account fact
    (false, "331 Password required for engineer\r\n"),
    (true, "PASS hunter2\r\n"),  // never recorded
    (false, "230 User engineer logged in\r\n"),
    (true, "retr /plc/recipe.csv\r\n"),  // lower case is allowed (§5.3)
    (false, "150 Opening BINARY mode data connection\r\n226 Transfer complete\r\n"),
    (true, "DELE old.bin\r\nMKD backup\r\n"),  // two commands in one segment
    (false, "550 old.bin: Permission denied\r\n257 \"/backup\" created\r\n"),
    (true, "SITE EXEC reboot\r\n"),
    (false, "502 Command not implemented\r\n"),
]

@Suite struct FTPDecoderTests {
    static let expected = [
        "220 Service ready session software=Welcome to plant FTP",
        "-1 USER session account=engineer",
        "331 User name okay, need password session",
        "-1 PASS session",
        "230 User logged in session",
        "-1 RETR read [/plc/recipe.csv]",
        "150 File status okay session",
        "226 Closing data connection read",
        "-1 DELE write [old.bin]",
        "-1 MKD write [backup]",
        "550 File unavailable write error",
        "257 Pathname created write",
        "-1 SITE other [EXEC reboot]",
        "502 Command not implemented other error",
    ]

    @Test func commandsRepliesAndFacts() {
        let batch = converse(session)
        #expect(summary(batch) == Self.expected)
        #expect(!String(decoding: batch.arena, as: UTF8.self).contains("hunter2"))
        #expect(
            batch.events.filter { $0.direction == .response }.map(\.function) == [
                220, 331, 230, 150, 226, 550, 257, 502,
            ])
    }

    @Test func splitAtEveryOffsetGivesTheSameEvents() {
        let client = session.filter(\.fromClient).map(\.text).joined()
        let server = session.filter { !$0.fromClient }.map(\.text).joined()
        let whole = summary(converse([(false, server), (true, client)]))
        #expect(whole.count == Self.expected.count)
        for text in [client, server] {
            let bytes = Array(text.utf8)
            let fromClient = text == client
            for cut in 1..<bytes.count {
                let first = String(decoding: bytes[..<cut], as: UTF8.self)
                let second = String(decoding: bytes[cut...], as: UTF8.self)
                let parts: [(Bool, String)] =
                    fromClient
                    ? [(false, server), (true, first), (true, second)]
                    : [(false, first), (false, second), (true, client)]
                #expect(summary(converse(parts)) == whole, "cut at \(cut)")
            }
        }
    }

    @Test func authTLSStopsDecoding() {
        let batch = converse([
            (false, "220 FileZilla Server 1.7.0\r\n"), (true, "AUTH TLS\r\n"),
            (false, "234 Using authentication type TLS\r\n"), (true, "\u{16}\u{03}\u{01}\u{02}\u{00}USER x\r\n"),
        ])
        #expect(summary(batch).map { $0.split(separator: " ").first! } == ["220", "-1", "234"])
    }

    @Test func malformedAndOverlongLinesAreCounted() {
        let long = String(repeating: "A", count: 5000)
        let batch = converse([
            (true, "\(long)\r\nNOOP\r\n"), (true, "12345678 x\r\n"), (false, "hello\r\n"), (false, "200 OK\r\n"),
        ])
        #expect(summary(batch) == ["-1 NOOP other", "200 Command okay other"])
        #expect(batch.anomalies.counts[FTPAnomaly.lineTooLong] == 1)
        #expect(batch.anomalies.counts[FTPAnomaly.malformedCommand] == 1)
        #expect(batch.anomalies.counts[FTPAnomaly.malformedReply] == 1)
    }

    @Test func gapDropsThePartialLineOnly() {
        let decoder = FTPStreamDecoder()
        let batch = converse([(true, "RETR a.b")], decoder: decoder)
        var context = PacketContext()
        decoder.gap(20, context: context, events: batch)
        context.frame = 9
        ByteView.with(Array("in\r\nSTOR c\r\n".utf8)) { decoder.receive($0, context: context, events: batch) }
        decoder.gap(5, context: context, events: batch)
        ByteView.with(Array("LIST\r\n".utf8)) { decoder.receive($0, context: context, events: batch) }
        #expect(summary(batch) == ["-1 STOR write [c]", "-1 LIST read"])
    }

    /// The synthetic session capture through the whole pipeline against tshark's decoding of it.
    @Test func pipelineMatchesTshark() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let tsv = try String(
            contentsOf: fixtures.appendingPathComponent("ftp_session.pcap.tshark.tsv"), encoding: .utf8)
        let expected = tsv.split(separator: "\n").dropFirst().map { row -> String in
            let cells = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return cells[3].isEmpty ? "\(cells[0]) \(cells[1])" : "\(cells[0]) \(cells[3])"
        }
        let (events, result) = CaptureAnalyzer(workers: 1).collectEvents([
            fixtures.appendingPathComponent("ftp_session.pcap").path
        ])
        let records = events.filter { $0.protocolName == "ftp" }
        #expect(result.statistics.anomalies.byName.keys.filter { $0.hasPrefix("ftp.") }.isEmpty)
        #expect(records.map { "\($0.frame) \($0.function.map(String.init) ?? $0.functionName)" } == expected)
        #expect(records.first?.identity["software"] == "(vsFTPd 3.0.3)")
        #expect(records.first { $0.functionName == "USER" }?.identity["account"] == "engineer")
        #expect(records.first { $0.functionName == "RETR" }?.targetText == "plc/program.bin")
        #expect(records.first { $0.function == 553 }?.operation == "write")
        #expect(records.allSatisfy { !$0.jsonLine.contains("s3cr3t") })
    }
}
