import BinaryParsing
import CorpusTestSupport
import EventModel
import Foundation
import Monitor
import PacketLayers
import SNMP
import Testing

/// SNMP against annotated datagrams and against tshark's and Suricata's view of the corpus capture.
@Suite struct SNMPTests {
    func decode(_ datagram: [UInt8], sourcePort: UInt16 = 40000, destinationPort: UInt16 = 161) -> [EventRecord] {
        let batch = EventBatch()
        var context = PacketContext()
        context.frame = 1
        context.sourcePort = sourcePort
        context.destinationPort = destinationPort
        context.hasPorts = true
        ByteView.with(datagram) { SNMPDecoder().receive($0, context: context, events: batch) }
        return batch.events.map { EventRecord($0, in: batch) }
    }

    static let getRequest: [UInt8] = [
        0x30, 0x26,  // Message SEQUENCE, 38 bytes
        0x02, 0x01, 0x01,  // version 1 (v2c)
        0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63,  // community "public"
        0xa0, 0x19,  // GetRequest-PDU, 25 bytes
        0x02, 0x01, 0x2a,  // request-id 42
        0x02, 0x01, 0x00,  // error-status 0
        0x02, 0x01, 0x00,  // error-index 0
        0x30, 0x0e,  // VarBindList
        0x30, 0x0c,  // VarBind
        0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00,  // 1.3.6.1.2.1.1.1.0 (sysDescr)
        0x05, 0x00,  // NULL
    ]

    @Test func getRequestRecordsCommunityAndOID() {
        let events = decode(Self.getRequest)
        #expect(events.count == 1)
        let event = events[0]
        #expect(event.protocolName == "snmp")
        #expect(event.function == 0)
        #expect(event.functionName == "get-request")
        #expect(event.direction == "request")
        #expect(event.operation == "read")
        #expect(event.targetText == "community public 1.3.6.1.2.1.1.1.0")
        #expect(event.targetNumbers.first == 42)
        #expect(event.resultStatus == .absent)
        #expect(event.anomaly == nil)
        // The community is the agent's (the request's destination), not the manager's.
        #expect(event.identity.isEmpty)
        #expect(event.relatedIdentity.map { "\($0.subject) \($0.key)=\($0.value)" } == [":: account=public"])
    }

    static let response: [UInt8] = [
        0x30, 0x54,  // Message SEQUENCE, 84 bytes
        0x02, 0x01, 0x00,  // version 0 (v1)
        0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63,  // community "public"
        0xa2, 0x47,  // GetResponse-PDU, 71 bytes
        0x02, 0x01, 0x2a,  // request-id 42
        0x02, 0x01, 0x00,  // error-status 0
        0x02, 0x01, 0x00,  // error-index 0
        0x30, 0x3c,  // VarBindList, 60 bytes
        0x30, 0x10,  // VarBind
        0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x01, 0x00,  // sysDescr.0
        0x04, 0x04, 0x53, 0x37, 0x2d, 0x31,  // "S7-1"
        0x30, 0x14,  // VarBind
        0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x02, 0x00,  // sysObjectID.0
        0x06, 0x08, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x81, 0xbd, 0x19,  // 1.3.6.1.4.1.24217 (two-byte arc)
        0x30, 0x12,  // VarBind
        0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x05, 0x00,  // sysName.0
        0x04, 0x06, 0x70, 0x6c, 0x63, 0x2d, 0x30, 0x31,  // "plc-01"
    ]

    @Test func responseGivesTheSystemGroupIdentity() {
        let events = decode(Self.response, sourcePort: 161, destinationPort: 40000)
        let event = events[0]
        #expect(event.function == 2)
        #expect(event.functionName == "get-response")
        #expect(event.direction == "response")
        #expect(event.resultStatus == .ok)
        #expect(
            event.identity == [
                "software": "S7-1", "name": "plc-01", "product_code": "1.3.6.1.4.1.24217", "account": "public",
            ])
        #expect(event.relatedIdentity.isEmpty)
        #expect(event.targetText == "community public 1.3.6.1.2.1.1.1.0")
        #expect(event.anomaly == nil)
    }

    @Test func contactAndLocationShareOneOtherFact() {
        let response: [UInt8] = [
            0x30, 0x3f,  // Message SEQUENCE, 63 bytes
            0x02, 0x01, 0x01,  // version 1 (v2c)
            0x04, 0x04, 0x72, 0x65, 0x61, 0x64,  // community "read"
            0xa2, 0x34,  // GetResponse-PDU, 52 bytes
            0x02, 0x01, 0x07,  // request-id 7
            0x02, 0x01, 0x00,  // error-status 0
            0x02, 0x01, 0x00,  // error-index 0
            0x30, 0x29,  // VarBindList, 41 bytes
            0x30, 0x12,  // VarBind
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x04, 0x00,  // sysContact.0
            0x04, 0x06, 0x6f, 0x74, 0x20, 0x74, 0x65, 0x61,  // "ot tea"
            0x30, 0x13,  // VarBind
            0x06, 0x08, 0x2b, 0x06, 0x01, 0x02, 0x01, 0x01, 0x06, 0x00,  // sysLocation.0
            0x04, 0x07, 0x68, 0x61, 0x6c, 0x6c, 0x20, 0x33, 0x00,  // "hall 3\0"
        ]
        let event = decode(response, sourcePort: 161, destinationPort: 40000)[0]
        #expect(event.anomaly == nil)
        #expect(event.identity == ["other": "sysContact ot tea; sysLocation hall 3", "account": "read"])
    }

    @Test func setRequestIsAWriteAndErrorsAreResults() {
        var set = Self.getRequest
        set[13] = 0xa3  // SetRequest-PDU
        let setEvent = decode(set)[0]
        #expect(setEvent.functionName == "set-request")
        #expect(setEvent.operation == "write")

        var error = Self.getRequest
        error[13] = 0xa2  // GetResponse-PDU
        error[20] = 0x02  // error-status noSuchName
        let errorEvent = decode(error, sourcePort: 161, destinationPort: 40000)[0]
        #expect(errorEvent.resultStatus == .error)
        #expect(errorEvent.resultCode == 2)
        #expect(errorEvent.jsonLine.contains("noSuchName"))
    }

    @Test func trapsAndVersion3() {
        let trap: [UInt8] = [
            0x30, 0x27,  // Message
            0x02, 0x01, 0x00,  // version 0 (v1)
            0x04, 0x06, 0x70, 0x75, 0x62, 0x6c, 0x69, 0x63,  // "public"
            0xa4, 0x1a,  // Trap-PDU
            0x06, 0x07, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x81, 0x3f,  // enterprise 1.3.6.1.4.1.191
            0x40, 0x04, 0x0a, 0x00, 0x00, 0x01,  // agent-addr 10.0.0.1
            0x02, 0x01, 0x06,  // generic-trap enterpriseSpecific
            0x02, 0x01, 0x01,  // specific-trap 1
            0x43, 0x01, 0x10,  // time-stamp
            0x30, 0x00,  // no varbinds
        ]
        let trapEvent = decode(trap, destinationPort: 162)[0]
        #expect(trapEvent.functionName == "trap")
        #expect(trapEvent.direction == "unsolicited")
        #expect(trapEvent.operation == "data")
        #expect(trapEvent.targetText == "community public 1.3.6.1.4.1.191")
        #expect(trapEvent.identity == ["account": "public"])  // the agent sends its trap community
        #expect(trapEvent.anomaly == nil)

        let v3: [UInt8] = [
            0x30, 0x36,  // Message
            0x02, 0x01, 0x03,  // msgVersion 3
            0x30, 0x0e,  // msgGlobalData
            0x02, 0x02, 0x12, 0x34,  // msgID 0x1234
            0x02, 0x02, 0x05, 0xdc,  // msgMaxSize 1500
            0x04, 0x01, 0x07,  // msgFlags: auth, priv, reportable
            0x02, 0x01, 0x03,  // msgSecurityModel USM
            0x04, 0x1a,  // msgSecurityParameters
            0x30, 0x18,  // UsmSecurityParameters
            0x04, 0x05, 0x80, 0x00, 0x1f, 0x88, 0x80,  // engine id
            0x02, 0x01, 0x01,  // boots
            0x02, 0x01, 0x02,  // time
            0x04, 0x05, 0x61, 0x64, 0x6d, 0x69, 0x6e,  // user "admin"
            0x04, 0x00, 0x04, 0x00,  // auth / priv parameters
            0x04, 0x05, 0x01, 0x02, 0x03, 0x04, 0x05,  // encryptedPDU
        ]
        let v3Event = decode(v3)[0]
        #expect(v3Event.function == nil)
        #expect(v3Event.functionName == "SNMPv3")
        #expect(v3Event.direction == "request")
        #expect(v3Event.targetText == "user admin")
        #expect(v3Event.targetNumbers.first == 0x1234)
        #expect(v3Event.anomaly == nil)
        #expect(v3Event.relatedIdentity.map { "\($0.subject) \($0.key)=\($0.value)" } == [":: account=admin"])
    }

    @Test func malformedMessagesAreFlagged() {
        #expect(decode([0x30]).first?.anomaly == "snmp.malformed")
        #expect(decode([0x30, 0x03, 0x02, 0x01, 0x07]).first?.anomaly == "snmp.bad_version")
        var unknown = Self.getRequest
        unknown[13] = 0xaf  // context tag 15
        #expect(decode(unknown).first?.anomaly == "snmp.unknown_pdu")
        var badOID = Self.getRequest
        badOID[37] = 0x81  // OID ends inside a sub-identifier
        #expect(decode(badOID).first?.anomaly == "snmp.bad_oid")
    }

    @Test func probeRecognisesMessages() {
        let match = ByteView.with(Self.getRequest) { SNMPDecoder.probe($0) }
        #expect(match == .match)
        let noMatch = ByteView.with(Array("GET / HTTP/1.1\r\n".utf8)) { SNMPDecoder.probe($0) }
        #expect(noMatch == .noMatch)
    }

    @Test func randomGarbageNeverTraps() {
        var generator = SeededGenerator(state: 0x5A1B)
        let decoder = SNMPDecoder()
        let batch = EventBatch()
        for round in 0..<4000 {
            let length = Int.random(in: 0..<200, using: &generator)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Mutate a valid message most of the time so the BER walk goes deep.
            if round % 4 != 0 {
                bytes = round % 2 == 0 ? Self.getRequest : Self.response
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
                        in: 0...255, using: &generator)
                }
                if round % 3 == 0 { bytes.removeLast(Int.random(in: 0..<bytes.count, using: &generator)) }
            }
            ByteView.with(bytes) {
                decoder.receive($0, context: PacketContext(), events: batch)
                _ = SNMPDecoder.probe($0)
            }
            if round % 500 == 0 { batch.reset() }
        }
        #expect(batch.emitted == 4000)
    }

    // MARK: corpus

    func corpusEvents(_ relative: String) -> [EventRecord] {
        let path = corpusRoot.appendingPathComponent(relative).path
        let analyzer = CaptureAnalyzer(
            workers: 1, registrations: [SNMPProtocol.registration] + ProtocolCatalog.standard)
        return analyzer.collectEvents([path]).events.filter { $0.protocolName == "snmp" }
    }

    @Test func corpusMatchesTSharkAndSuricata() {
        let relative = "it/snmp_v2c_get.pcap"
        let path = corpusRoot.appendingPathComponent(relative).path
        guard let table = TSharkTable(path: path + ".tshark.tsv") else {
            Issue.record("missing corpus capture \(relative)")
            return
        }
        let events = corpusEvents(relative)
        let (precision, recall) = agreement(expected: table.frames(carrying: "snmp"), actual: events.map(\.frame))
        print("SNMP \(relative): \(events.count) events, precision \(precision), recall \(recall)")
        #expect(precision >= 0.995 && recall >= 0.995)
        // tshark snmp.name: the first varbind name ends the target text.
        let byFrame = Dictionary(events.map { ($0.frame, $0) }, uniquingKeysWith: { first, _ in first })
        var checked = 0
        for row in table.rows {
            guard let frame = UInt64(row[0]), let event = byFrame[frame], let names = table.value(row, "snmp.name")
            else { continue }
            let first = names.split(separator: ",").first.map(String.init) ?? ""
            #expect(event.targetText == "community [R0_C@cti!] \(first)", "frame \(frame)")
            #expect(event.anomaly == nil, "frame \(frame)")
            checked += 1
        }
        #expect(checked == 8)
        // tshark snmp.data (read with tshark -T fields -e snmp.data): 1 2 0 2 0 2 0 2.
        #expect(events.map(\.function) == [1, 2, 0, 2, 0, 2, 0, 2])
        #expect(events.filter { $0.direction == "response" }.allSatisfy { $0.resultStatus == .ok })
        // Suricata test.yaml: 8 v2c records, 3 get_request and 1 get_next_request (vars ["0.1"]) with
        // community "[R0_C@cti!]".
        #expect(events.count == 8)
        #expect(
            events.filter { $0.functionName == "get-request" && $0.targetText.hasPrefix("community [R0_C@cti!] ") }
                .count == 3)
        let getNext = events.filter { $0.functionName == "get-next-request" }
        #expect(getNext.count == 1)
        #expect(getNext.first?.targetText == "community [R0_C@cti!] 0.1")
        #expect(events.allSatisfy { $0.jsonLine.contains("\"protocol\":\"snmp\"") })
    }
}

/// Every SNMP message of the corpus against the values tshark reads from it.
@Suite struct SNMPCorpusReferenceTests {
    @Test func everyCorpusSNMPMessageMatchesTShark() {
        let rows = tsharkSNMPReference.split(separator: "\n").map {
            $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        }
        var mismatches: [String] = []
        var compared = 0
        for (capture, rows) in Dictionary(grouping: rows, by: { $0[0] }).sorted(by: { $0.key < $1.key }) {
            let path = corpusRoot.appendingPathComponent(capture).path
            let analyzer = CaptureAnalyzer(
                workers: 1, registrations: [SNMPProtocol.registration] + ProtocolCatalog.standard)
            let events = analyzer.collectEvents([path]).events.filter { $0.protocolName == "snmp" }
            // The (frame, function) multiset against tshark's snmp.data.
            let (precision, recall) = agreement(
                expected: rows.map { (UInt64($0[1]) ?? 0) << 8 | (UInt64($0[2]) ?? 255) },
                actual: events.map { $0.frame << 8 | UInt64($0.function ?? 255) })
            print(
                "SNMP \(capture): \(rows.count) tshark / \(events.count) ours, precision \(precision), recall \(recall)"
            )
            #expect(precision >= 0.995 && recall >= 0.995, "\(capture)")
            let byFrame = Dictionary(events.map { ($0.frame, $0) }, uniquingKeysWith: { first, _ in first })
            for row in rows {
                guard let frame = UInt64(row[1]), let event = byFrame[frame] else { continue }
                compared += 1
                let expected = "community \(row[3])" + (row[4].isEmpty ? "" : " \(row[4])")
                if event.targetText != expected {
                    mismatches.append("\(capture)#\(frame) target: \(event.targetText) ≠ \(expected)")
                }
                if event.anomaly != nil { mismatches.append("\(capture)#\(frame) anomaly \(event.anomaly!)") }
            }
        }
        print("SNMP corpus: \(compared) messages compared, \(mismatches.count) differ")
        for line in mismatches.prefix(20) { print("  \(line)") }
        #expect(mismatches.isEmpty)
    }
}
