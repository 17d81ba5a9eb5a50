import BinaryParsing
import EventModel
import Foundation
import Monitor
import PacketLayers
import Testing

@testable import Telnet

let IAC: UInt8 = 255
let SB: UInt8 = 250
let SE: UInt8 = 240
let WILL: UInt8 = 251
let DO: UInt8 = 253

func converse(_ messages: [(fromClient: Bool, bytes: [UInt8])], decoder: TelnetStreamDecoder = TelnetStreamDecoder())
    -> EventBatch
{
    let batch = EventBatch()
    for (index, message) in messages.enumerated() {
        var context = PacketContext()
        context.frame = UInt64(index + 1)
        context.fromClient = message.fromClient
        // The client is 10.0.0.1:50000, the server 10.0.0.2:23.
        context.source = message.fromClient ? IPAddress(ipv4: 0x0A00_0001) : IPAddress(ipv4: 0x0A00_0002)
        context.destination = message.fromClient ? IPAddress(ipv4: 0x0A00_0002) : IPAddress(ipv4: 0x0A00_0001)
        context.sourcePort = message.fromClient ? 50000 : 23
        context.destinationPort = message.fromClient ? 23 : 50000
        ByteView.with(message.bytes) { decoder.receive($0, context: context, events: batch) }
    }
    return batch
}

func summary(_ batch: EventBatch) -> [String] {
    batch.events.map { event in
        var text = "\(event.frame) \(event.functionName) \(event.operation.name) \(event.source):\(event.sourcePort)"
        for fact in batch.facts(of: event) { text += " \(fact.key.name)=\(batch.string(fact.value))" }
        return text
    }
}

@Suite struct TelnetDecoderTests {
    /// A PLC's telnet service (VxWorks style): options, then a banner and a login prompt.
    static let conversation: [(fromClient: Bool, bytes: [UInt8])] = [
        (false, [IAC, DO, 24, IAC, WILL, 1, IAC, WILL, 3]),  // DO TERMINAL-TYPE, WILL ECHO, WILL SGA
        (true, [IAC, WILL, 24, IAC, DO, 1, IAC, DO, 3]),  // the client agrees
        (false, [IAC, SB, 24, 1, IAC, SE]),  // SB TERMINAL-TYPE SEND SE (RFC 1091)
        (true, [IAC, SB, 24, 0] + Array("VT100".utf8) + [IAC, SE]),  // SB TERMINAL-TYPE IS "VT100" SE
        (false, Array("\r\n\r\nVxWorks login: ".utf8)),  // prompt without a line end
        (true, Array("target\r\n".utf8)),
        (false, Array("Password: ".utf8)),
        (true, Array("secret\r\n".utf8)),
    ]

    @Test func sessionFromTheClientAndBannerFromTheServer() {
        let decoder = TelnetStreamDecoder()
        let batch = converse(Self.conversation, decoder: decoder)
        // The server spoke first, yet the session names the client as its source.
        #expect(
            summary(batch) == [
                "1 Telnet Session session 10.0.0.1:50000",
                "5 Telnet Banner discovery 10.0.0.2:23 software=VxWorks login:",
            ])
        #expect(batch.events[1].target.first == 6)
        #expect(decoder.negotiationCount == 6)
        #expect(!String(decoding: batch.arena, as: UTF8.self).contains("secret"))
        #expect(batch.anomalies.total == 0)
    }

    @Test func bannerLineWithEscapesAndDoubledIAC() {
        // ESC [2J (clear screen) and a data byte 255 (IAC IAC) inside the line: kept printable only.
        let batch = converse([
            (false, [0x1B] + Array("[2J".utf8) + [IAC, IAC] + Array("Siemens SCALANCE X208\r\n".utf8))
        ])
        #expect(summary(batch).last == "1 Telnet Banner discovery 10.0.0.2:23 software=[2JSiemens SCALANCE X208")
    }

    @Test func splitAtEveryOffsetGivesTheSameEvents() {
        let server = Self.conversation.filter { !$0.fromClient }.flatMap(\.bytes).dropLast(10)  // up to the prompt
        let whole = summary(converse([(false, Array(server))]))
        #expect(whole.count == 2)
        for cut in 1..<server.count {
            let batch = converse([(false, Array(server.prefix(cut))), (false, Array(server.dropFirst(cut)))])
            #expect(summary(batch).map { $0.dropFirst(2) } == whole.map { $0.dropFirst(2) }, "cut at \(cut)")
        }
    }

    @Test func malformedCommandsAreCounted() {
        let batch = converse([
            (true, [IAC, 0x41]),  // IAC followed by a data byte
            (true, [IAC, SB, 24, IAC, 0x42]),  // IAC inside SB followed by neither SE nor IAC
            (false, [IAC, SB, 31] + [UInt8](repeating: 1, count: 2000)),  // endless subnegotiation
        ])
        #expect(batch.anomalies.counts[TelnetAnomaly.malformedIAC] == 2)
        #expect(batch.anomalies.counts[TelnetAnomaly.subnegotiationTooLong] == 1)
    }

    @Test func pipelineOverTheSyntheticLogin() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let tsv = try String(
            contentsOf: fixtures.appendingPathComponent("telnet_login.pcap.tshark.tsv"), encoding: .utf8)
        // tshark's telnet.cmd per frame: count WILL/WONT/DO/DONT (251...254).
        let negotiations = tsv.split(separator: "\n").dropFirst().flatMap { row in
            row.split(separator: "\t", omittingEmptySubsequences: false)[1].split(separator: ",")
        }.filter { (251...254).contains(Int($0) ?? 0) }.count
        #expect(negotiations == 11)
        let (events, result) = CaptureAnalyzer(workers: 1).collectEvents([
            fixtures.appendingPathComponent("telnet_login.pcap").path
        ])
        let records = events.filter { $0.protocolName == "telnet" }
        #expect(result.statistics.anomalies.byName.keys.filter { $0.hasPrefix("telnet.") }.isEmpty)
        #expect(
            records.map { "\($0.frame) \($0.functionName) \($0.source)" } == [
                "4 Telnet Session 10.0.0.20", "9 Telnet Banner 10.0.0.7",
            ])
        #expect(records.last?.identity["software"] == "Ubuntu 22.04.3 LTS")
        #expect(records.last?.targetNumbers.first == Int64(negotiations))
    }
}
