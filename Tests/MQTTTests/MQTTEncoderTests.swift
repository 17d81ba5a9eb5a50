import BinaryParsing
import CorpusTestSupport
import EventModel
import Testing

@testable import MQTT

@Suite struct MQTTEncoderTests {
    /// The messages of one simulated session, client → broker (`true`) or broker → client.
    static let session: [(fromClient: Bool, bytes: [UInt8])] = [
        (true, MQTTEncoder.connect(clientID: "plc-line1", keepAlive: 30, username: "scada")),
        (false, MQTTEncoder.connectAck()),
        (true, MQTTEncoder.subscribe(packetIdentifier: 1, topics: [("plant/line1/#", 1), ("plant/alarms", 0)])),
        (false, MQTTEncoder.subscribeAck(packetIdentifier: 1, returnCodes: [1, 0])),
        (true, MQTTEncoder.publish(topic: "plant/line1/temp", payload: Array("21.5".utf8))),
        (
            true,
            MQTTEncoder.publish(topic: "plant/line1/state", payload: [1], qos: 1, retain: true, packetIdentifier: 2)
        ),
        (false, MQTTEncoder.publishAck(packetIdentifier: 2)),
        (true, MQTTEncoder.pingRequest()),
        (false, MQTTEncoder.pingResponse()),
        (true, MQTTEncoder.disconnect()),
    ]

    @Test func matchesTheAnnotatedCorpusPackets() {
        // mqtt311_pub_userpass.pcap CONNECT and the other samples of MQTTDecoderTests.
        #expect(
            MQTTEncoder.connect(clientID: "myvoiceismypassport", keepAlive: 60, username: "user", password: "pass")
                == Samples.connect311)
        #expect(MQTTEncoder.connectAck() == Samples.connectAck)
        #expect(MQTTEncoder.connectAck(returnCode: 5) == Samples.connectRefused)
        #expect(
            MQTTEncoder.publish(topic: "a/b/c", payload: Array("42".utf8), qos: 1, packetIdentifier: 7)
                == Samples.publishQoS1)
        #expect(MQTTEncoder.publishAck(packetIdentifier: 7) == Samples.publishAck)
        #expect(
            MQTTEncoder.subscribe(packetIdentifier: 1, topics: [("plant/line1/#", 1), ("plant/alarms", 0)])
                == Samples.subscribe)
        #expect(MQTTEncoder.subscribeAck(packetIdentifier: 1, returnCodes: [1, 0x80]) == Samples.subscribeAck)
        #expect(MQTTEncoder.pingRequest() == Samples.pingRequest)
        #expect(MQTTEncoder.pingResponse() == Samples.pingResponse)
        #expect(MQTTEncoder.disconnect() == Samples.disconnect)
    }

    @Test func remainingLengthTakesTwoBytesFrom128() {
        let packet = MQTTEncoder.publish(topic: "t", payload: [UInt8](repeating: 0x41, count: 200))
        #expect(packet[0] == 0x30)
        #expect(Array(packet[1...2]) == [0xCB, 0x01])  // 203 = 0x4B + 1·128
        #expect(packet.count == 3 + 203)
    }

    @Test func roundTripThroughTheDecoder() {
        let (batch, events) = converse(Self.session)
        #expect(events.map(\.function) == [1, 2, 8, 9, 3, 3, 4, 12, 13, 14])
        #expect(events.allSatisfy { $0.anomaly == nil })
        let connect = events[0]
        #expect(connect.operation == .session)
        #expect(batch.facts(of: connect).map { batch.string($0.value) } == ["plc-line1"])
        #expect(connect.target.first == 4)
        #expect(connect.target.second == 0x82)  // user name, clean session
        #expect(connect.target.third == 30)
        #expect(connect.target.fourth == 0)  // no password
        #expect(events[1].result.status == .ok)
        #expect(batch.string(events[2].target.text) == "plant/line1/#")
        #expect(events[2].target.fourth == 2)
        #expect(events[3].result.status == .ok)
        #expect(events[4].operation == .data)
        #expect(batch.string(events[4].target.text) == "plant/line1/temp")
        #expect(events[4].target.first == 0)
        #expect(batch.string(events[5].target.text) == "plant/line1/state")
        #expect([events[5].target.first, events[5].target.second, events[5].target.third] == [1, 1, 2])
        #expect(events[6].result.status == .ok)
    }

    @Test func tsharkDecodesTheSessionCleanly() throws {
        guard TSharkCheck.isAvailable else {
            print("skipped: /usr/bin/tshark is missing")
            return
        }
        var capture = TestCapture()
        var connection = TestTCPConnection(
            client: [10, 0, 0, 20], clientPort: 49152, server: [10, 0, 0, 5], serverPort: MQTTEncoder.port)
        connection.open(in: &capture)
        for message in Self.session { connection.send(message.bytes, fromClient: message.fromClient, in: &capture) }
        let path = try TSharkCheck.write(capture, name: "mqtt")
        defer { TSharkCheck.remove(path) }
        #expect(try TSharkCheck.problems(path) == [])
        let rows = try TSharkCheck.fields(
            path, ["mqtt.msgtype", "mqtt.clientid", "mqtt.topic"], arguments: ["-Y", "mqtt"])
        #expect(rows.map { $0[0] } == ["1", "2", "8", "9", "3", "3", "4", "12", "13", "14"])
        #expect(rows[0][1] == "plc-line1")
        #expect(rows[4][2] == "plant/line1/temp")
    }
}
