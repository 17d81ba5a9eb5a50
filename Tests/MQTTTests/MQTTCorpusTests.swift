import CorpusTestSupport
import EventModel
import Foundation
import MQTT
import Monitor
import Testing

/// Differential tests against tshark (`*.tshark.tsv`), Zeek/ICSNPP and Suricata expectations, and the
/// OT peers ground truth.
@Suite struct MQTTCorpusTests {
    static let captures: [(capture: String, table: String)] = [
        ("mqtt/mqtt.pcap", "mqtt/mqtt.pcap.tshark.tsv"),
        ("mqtt/mqtt311_pub_userpass.pcap", "mqtt/mqtt311_pub_userpass.pcap.tshark.tsv"),
        ("mqtt/mqtt31_sub_userpass.pcap", "mqtt/mqtt31_sub_userpass.pcap.tshark.tsv"),
        ("mqtt/mqtt5_pub_mosquittoprops.pcap", "mqtt/mqtt5_pub_mosquittoprops.pcap.tshark.tsv"),
        ("mqtt/mqtt5_pub_userpass.pcap", "mqtt/mqtt5_pub_userpass.pcap.tshark.tsv"),
        ("mqtt/mqtt_invalid_qos.pcap", "mqtt/mqtt_invalid_qos.pcap.tshark.tsv"),
        ("mqtt/mqtt_midstream_split.pcap", "mqtt/mqtt_midstream_split.pcap.tshark.tsv"),
        ("peers/mqtt-normal.pcap", "peers/mqtt-normal.tshark.tsv"),
        ("peers/mixed.pcap", "peers/mixed.tshark.tsv"),
    ]

    @Test(arguments: captures.map(\.capture))
    func functionsMatchTShark(_ capture: String) throws {
        guard let entry = Self.captures.first(where: { $0.capture == capture }), Corpus.exists(capture),
            let table = TSharkTable(corpus: entry.table)
        else {
            print("MQTT corpus: \(capture) not present, skipped")
            return
        }
        let events = Corpus.events(capture).filter { $0.protocolName == "mqtt" }
        let emitted = events.compactMap { event in event.function.map { FunctionKey(frame: event.frame, function: $0) }
        }
        let agreement = Agreement(expected: tsharkMQTTFunctions(table), emitted: emitted)
        let anomalies = Dictionary(grouping: events.compactMap(\.anomaly), by: { $0 }).mapValues(\.count)
        print("MQTT corpus \(capture): \(agreement) anomalies \(anomalies.sorted { $0.key < $1.key })")
        #expect(agreement.precision >= 0.995, "\(capture): \(agreement)")
        #expect(agreement.recall >= 0.995, "\(capture): \(agreement)")
    }

    /// Topics and client ids agree with tshark's `mqtt.topic` / `mqtt.clientid` frame by frame.
    @Test(arguments: captures.map(\.capture))
    func topicsAndClientIDsMatchTShark(_ capture: String) throws {
        guard let entry = Self.captures.first(where: { $0.capture == capture }), Corpus.exists(capture),
            let table = TSharkTable(corpus: entry.table)
        else { return }
        let events = Corpus.events(capture).filter { $0.protocolName == "mqtt" }
        var expected: [String] = []
        for row in table.rows where !table.values(row, "mqtt.msgtype").isEmpty {
            let types = table.values(row, "mqtt.msgtype")
            // tshark lists every SUBSCRIBE/UNSUBSCRIBE filter; the event keeps the first.
            if let topic = table.values(row, "mqtt.topic").first,
                types.contains(where: { ["3", "8", "10"].contains($0) })
            {
                expected.append("\(table.frame(row)) topic \(topic)")
            }
            for clientID in table.values(row, "mqtt.clientid") {
                expected.append("\(table.frame(row)) client \(clientID)")
            }
        }
        var emitted: [String] = []
        var seenFrames: Set<UInt64> = []
        for event in events {
            if !event.targetText.isEmpty, event.function != 1, !seenFrames.contains(event.frame) {
                seenFrames.insert(event.frame)
                emitted.append("\(event.frame) topic \(event.targetText)")
            }
            if let name = event.identity["name"] { emitted.append("\(event.frame) client \(name)") }
        }
        #expect(emitted == expected)
    }

    /// ICSNPP/Zeek `mqtt_connect.log`, `mqtt_publish.log`, `mqtt_subscribe.log` for mqtt.pcap.
    @Test func zeekLogs() throws {
        guard Corpus.exists("mqtt/mqtt.pcap") else { return }
        let events = Corpus.events("mqtt/mqtt.pcap").filter { $0.protocolName == "mqtt" }
        let connects = events.filter { $0.function == 1 }
        #expect(connects.map { $0.identity["name"] ?? "" } == ["paho/34AAE54A75D839566E", "paho/DDE4DDAF4108D3E363"])
        #expect(connects.allSatisfy { $0.targetNumbers[0] == 3 })  // MQIsdp 3.1
        #expect(events.filter { $0.function == 2 }.allSatisfy { $0.resultStatus == .ok })  // Connection Accepted
        let publishes = events.filter { $0.function == 3 }
        #expect(publishes.map(\.targetText) == ["SampleTopic", "SampleTopic", "SampleTopic"])
        #expect(publishes.map { $0.targetNumbers[1] } == [1, 0, 0])  // retain T, F, F
        #expect(publishes.map { $0.targetNumbers[0] } == [0, 0, 0])  // at most once
        #expect(publishes.map(\.direction) == ["unsolicited", "request", "unsolicited"])  // from_client F, T, F
        let subscribes = events.filter { $0.function == 8 }
        #expect(subscribes.map(\.targetText) == ["SampleTopic"])
        #expect(subscribes.first?.targetNumbers[0] == 0)
    }

    /// Suricata's expectations (`*.test.yaml`): client ids, topics, QoS events.
    @Test func suricataExpectations() throws {
        func events(_ name: String) -> [EventRecord] {
            Corpus.exists("mqtt/\(name)") ? Corpus.events("mqtt/\(name)").filter { $0.protocolName == "mqtt" } : []
        }
        let pub311 = events("mqtt311_pub_userpass.pcap")
        if !pub311.isEmpty {
            #expect(pub311.first { $0.function == 1 }?.identity["name"] == "myvoiceismypassport")
            #expect(pub311.first { $0.function == 1 }?.targetNumbers[3] == 1)  // password sent, not kept
            #expect(!pub311.contains { $0.jsonLine.contains("\"pass\"") })
            #expect(pub311.first { $0.function == 3 }?.targetText == "topicX")
        }
        let sub31 = events("mqtt31_sub_userpass.pcap")
        if !sub31.isEmpty {
            #expect(sub31.first { $0.function == 8 }?.targetText == "topicX")
            #expect(sub31.first { $0.function == 8 }?.targetNumbers[3] == 2)
        }
        let invalid = events("mqtt_invalid_qos.pcap")
        if !invalid.isEmpty { #expect(invalid.first { $0.function == 3 }?.anomaly == "mqtt.invalid_qos") }
        let props = events("mqtt5_pub_mosquittoprops.pcap")
        if !props.isEmpty {
            #expect(props.first { $0.function == 3 }?.targetText == "topicX")
            #expect(props.first { $0.function == 3 }?.targetNumbers[2] == 1)  // packet id
            #expect(props.allSatisfy { $0.anomaly == nil })
        }
        let midstream = events("mqtt_midstream_split.pcap")
        if !midstream.isEmpty { #expect(midstream.first { $0.function == 3 }?.targetText == "topicX") }
    }

    /// mqtt-normal: the gateway's client id, the HMI's subscriptions, no dangerous operation.
    @Test func peersGroundTruth() throws {
        guard Corpus.exists("peers/mqtt-normal.pcap") else { return }
        let events = Corpus.events("peers/mqtt-normal.pcap").filter { $0.protocolName == "mqtt" }
        let clients = Set(events.filter { $0.function == 1 }.compactMap { $0.identity["name"] })
        #expect(clients.contains("moxa-gw-line1"))
        let gateway = events.first { $0.identity["name"] == "moxa-gw-line1" }
        #expect(gateway?.source == "10.77.3.20")
        let subscribe = events.first { $0.function == 8 }
        #expect(subscribe?.targetText == "plant/line1/#")
        #expect(subscribe?.targetNumbers[3] == 2)
        #expect(events.filter { ["write", "control", "program", "firmware"].contains($0.operation) }.isEmpty)
        #expect(events.filter { $0.anomaly != nil }.isEmpty)
        #expect(events.contains { $0.function == 3 && $0.targetText == "plant/line1/filler/temperature" })
    }
}

@Suite struct MQTTPrintTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PALISADE_PRINT"] == "1"))
    func printEvents() {
        for capture in ["mqtt/mqtt.pcap", "mqtt/mqtt5_pub_mosquittoprops.pcap", "peers/mqtt-normal.pcap"] {
            for event in Corpus.events(capture).filter({ $0.protocolName == "mqtt" }).prefix(20) {
                print(event.jsonLine)
            }
        }
    }
}
