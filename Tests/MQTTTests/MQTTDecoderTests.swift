import BinaryParsing
import EventModel
import Testing

@testable import MQTT

/// Annotated MQTT control packets (MQTT 3.1.1 / 5.0).
enum Samples {
    /// From `mqtt311_pub_userpass.pcap`: CONNECT, level 4, user name + password.
    static let connect311: [UInt8] = [
        0x10, 0x2B,  // CONNECT, remaining length 43
        0x00, 0x04, 0x4D, 0x51, 0x54, 0x54,  // "MQTT"
        0x04,  // level 4 (3.1.1)
        0xC2,  // flags: user name, password, clean session
        0x00, 0x3C,  // keep alive 60
        0x00, 0x13,  // client id, 19 octets: "myvoiceismypassport"
        0x6D, 0x79, 0x76, 0x6F, 0x69, 0x63, 0x65, 0x69, 0x73, 0x6D, 0x79, 0x70, 0x61, 0x73, 0x73, 0x70, 0x6F, 0x72,
        0x74,
        0x00, 0x04, 0x75, 0x73, 0x65, 0x72,  // user name "user"
        0x00, 0x04, 0x70, 0x61, 0x73, 0x73,  // password "pass"
    ]
    static let connectAck: [UInt8] = [0x20, 0x02, 0x00, 0x00]  // CONNACK, session present 0, accepted
    static let connectRefused: [UInt8] = [0x20, 0x02, 0x00, 0x05]  // not authorized
    static let publishQoS1: [UInt8] = [
        0x32, 0x0B,  // PUBLISH, QoS 1, remaining length 11
        0x00, 0x05, 0x61, 0x2F, 0x62, 0x2F, 0x63,  // topic "a/b/c"
        0x00, 0x07,  // packet identifier 7
        0x34, 0x32,  // payload "42"
    ]
    static let publishAck: [UInt8] = [0x40, 0x02, 0x00, 0x07]  // PUBACK 7
    static let subscribe: [UInt8] = [
        0x82, 0x21,  // SUBSCRIBE (flags 0b0010), remaining length 33
        0x00, 0x01,  // packet identifier 1
        0x00, 0x0D, 0x70, 0x6C, 0x61, 0x6E, 0x74, 0x2F, 0x6C, 0x69, 0x6E, 0x65, 0x31, 0x2F, 0x23,  // "plant/line1/#"
        0x01,  // requested QoS 1
        0x00, 0x0C, 0x70, 0x6C, 0x61, 0x6E, 0x74, 0x2F, 0x61, 0x6C, 0x61, 0x72, 0x6D, 0x73,  // "plant/alarms"
        0x00,  // requested QoS 0
    ]
    static let subscribeAck: [UInt8] = [0x90, 0x04, 0x00, 0x01, 0x01, 0x80]  // SUBACK: QoS 1, failure
    static let pingRequest: [UInt8] = [0xC0, 0x00]
    static let pingResponse: [UInt8] = [0xD0, 0x00]
    static let disconnect: [UInt8] = [0xE0, 0x00]

    static var clientStream: [[UInt8]] { [connect311, publishQoS1, subscribe, pingRequest, disconnect] }
    static let clientFunctions: [Int64] = [1, 3, 8, 12, 14]
}

func converse(_ packets: [(fromClient: Bool, bytes: [UInt8])]) -> (EventBatch, [ProtocolEvent]) {
    let decoder = MQTTStreamDecoder()
    let batch = EventBatch()
    for (index, packet) in packets.enumerated() {
        var context = PacketContext()
        context.frame = UInt64(index + 1)
        context.fromClient = packet.fromClient
        ByteView.with(packet.bytes) { decoder.receive($0, context: context, events: batch) }
    }
    return (batch, batch.events)
}

@Suite struct MQTTDecoderTests {
    @Test func connectNotesThePasswordWithoutKeepingIt() {
        var connect = Samples.connect311
        connect.replaceSubrange((connect.count - 4)..., with: Array("s3cr".utf8))
        let (batch, events) = decode([connect])
        let event = events[0]
        #expect(event.function == 1)
        #expect(event.functionName.description == "Connect Command")
        #expect(event.operation == .session)
        #expect(event.direction == .request)
        #expect(batch.facts(of: event).map { batch.string($0.value) } == ["myvoiceismypassport"])
        #expect(batch.facts(of: event).first?.key == .name)
        #expect(event.target.first == 4)  // level
        #expect(event.target.second == 0xC2)  // flags
        #expect(event.target.third == 60)  // keep alive
        #expect(event.target.fourth == 1)  // a password was sent
        #expect(!batch.arena.indices.contains { batch.arena[$0...].starts(with: Array("s3cr".utf8)) })
        #expect(event.anomaly == nil)
    }

    @Test func connectAckResult() {
        let (_, events) = converse([
            (true, Samples.connect311), (false, Samples.connectAck), (false, Samples.connectRefused),
        ])
        #expect(events.map(\.function) == [1, 2, 2])
        #expect(events[1].direction == .response)
        #expect(events[1].result.status == .ok)
        #expect(events[2].result.status == .error)
        #expect(events[2].result.code == 5)
        #expect(events[2].result.name.description == "not authorized")
    }

    @Test func publishTopicAndQoS() {
        let (batch, events) = converse([
            (true, Samples.publishQoS1), (false, Samples.publishAck), (false, Samples.publishQoS1),
        ])
        #expect(events.map(\.function) == [3, 4, 3])
        #expect(events[0].operation == .data)
        #expect(events[0].direction == .request)
        #expect(events[0].target.kind == .mqttTopic)
        #expect(batch.string(events[0].target.text) == "a/b/c")
        #expect(events[0].target.first == 1)  // QoS
        #expect(events[0].target.second == 0)  // retain
        #expect(events[0].target.third == 7)  // packet identifier
        #expect(events[1].result.status == .ok)
        #expect(events[2].direction == .unsolicited)  // broker delivering to a subscriber
    }

    @Test func invalidQoSIsFlagged() {
        let (_, events) = decode([[0x36, 0x0A, 0x00, 0x06, 0x74, 0x6F, 0x70, 0x69, 0x63, 0x58, 0x00, 0x01]])
        #expect(events.map(\.function) == [3])
        #expect(events[0].anomaly?.kind == MQTTAnomaly.invalidQoS)
    }

    @Test func subscribeFirstTopic() {
        let (batch, events) = converse([(true, Samples.subscribe), (false, Samples.subscribeAck)])
        #expect(events.map(\.function) == [8, 9])
        #expect(events[0].operation == .read)
        #expect(batch.string(events[0].target.text) == "plant/line1/#")
        #expect(events[0].target.first == 1)
        #expect(events[0].target.fourth == 2)
        #expect(events[0].anomaly == nil)
        #expect(events[1].result.status == .error)
        #expect(events[1].result.code == 0x80)
    }

    @Test func pingAndDisconnect() {
        let (_, events) = converse([
            (true, Samples.pingRequest), (false, Samples.pingResponse), (true, Samples.disconnect),
        ])
        #expect(events.map(\.function) == [12, 13, 14])
        #expect(events.map(\.operation) == [.diagnostic, .diagnostic, .session])
        #expect(events[1].result.status == .ok)
    }

    @Test func version5PropertiesAreSkipped() {
        // From mqtt5_pub_userpass.pcap: CONNECT level 5 with properties, CONNACK with properties, PUBLISH.
        let connect: [UInt8] = [
            0x10, 0x2F, 0x00, 0x04, 0x4D, 0x51, 0x54, 0x54, 0x05, 0xC2, 0x00, 0x3C,
            0x03, 0x21, 0x00, 0x14,  // properties (3): receive maximum 20
            0x00, 0x13, 0x6D, 0x79, 0x76, 0x6F, 0x69, 0x63, 0x65, 0x69, 0x73, 0x6D, 0x79, 0x70, 0x61, 0x73, 0x73, 0x70,
            0x6F, 0x72, 0x74, 0x00, 0x04, 0x75, 0x73, 0x65, 0x72, 0x00, 0x04, 0x70, 0x61, 0x73, 0x73,
        ]
        let connectAck: [UInt8] = [0x20, 0x06, 0x00, 0x00, 0x03, 0x22, 0x00, 0x0A]  // properties: topic alias max 10
        let publish: [UInt8] = [
            0x30, 0x19, 0x00, 0x06, 0x74, 0x6F, 0x70, 0x69, 0x63, 0x58,  // "topicX"
            0x00,  // no properties
            0x62, 0x61, 0x61, 0x62, 0x61, 0x61, 0x62, 0x6C, 0x61, 0x63, 0x6B, 0x73, 0x68, 0x65, 0x65, 0x70,
        ]
        let (batch, events) = converse([(true, connect), (false, connectAck), (true, publish)])
        #expect(events.map(\.function) == [1, 2, 3])
        #expect(events.allSatisfy { $0.anomaly == nil })
        #expect(batch.facts(of: events[0]).map { batch.string($0.value) } == ["myvoiceismypassport"])
        #expect(events[1].result.status == .ok)
        #expect(batch.string(events[2].target.text) == "topicX")
    }

    @Test func oversizedPacketIsSkipped() {
        let length = MQTTStreamDecoder.maximumPacketLength + 100
        // PUBLISH with a 4-octet remaining length, then its body in several segments, then a ping.
        let header: [UInt8] = [
            0x30, UInt8(length & 0x7F) | 0x80, UInt8((length >> 7) & 0x7F) | 0x80, UInt8((length >> 14) & 0x7F) | 0x80,
            UInt8(length >> 21),
        ]
        var chunks: [[UInt8]] = [header]
        var left = length
        while left > 0 {
            let size = min(left, 65_000)
            chunks.append([UInt8](repeating: 0x41, count: size))
            left -= size
        }
        chunks[chunks.count - 1] += Samples.pingRequest
        let (batch, events) = decode(chunks)
        #expect(events.map(\.function) == [3, 12])
        #expect(events[0].anomaly?.kind == MQTTAnomaly.packetTooLarge)
        #expect(events[0].frame == UInt64(chunks.count))
        #expect(batch.arena.count < 64)
    }

    @Test func malformedRemainingLength() {
        let (batch, events) = decode([[0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00]])
        #expect(events.isEmpty)
        #expect(batch.anomalies.counts[MQTTAnomaly.malformedLength] == 1)
    }

    @Test func splitAtEveryOffset() throws {
        let stream = Samples.clientStream.flatMap { $0 }
        for split in 0...stream.count {
            let (_, events) = decode([Array(stream[..<split]), Array(stream[split...])])
            #expect(events.map(\.function) == Samples.clientFunctions, "split at \(split)")
        }
        let (batch, events) = decode(stream.map { [$0] })
        try #require(events.map(\.function) == Samples.clientFunctions)
        #expect(batch.string(events[1].target.text) == "a/b/c")
        var end = 0
        for (index, packet) in Samples.clientStream.enumerated() {
            end += packet.count
            #expect(events[index].frame == UInt64(end))
        }
    }

    @Test func randomGarbageNeverTraps() {
        var generator = SeededGenerator(seed: 0x4D_5154)
        var total = 0
        for round in 0..<3000 {
            var bytes = (0..<Int.random(in: 0...600, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            if round % 4 == 0, bytes.count > 2 { bytes[1] = UInt8.random(in: 0...40, using: &generator) }  // plausible lengths
            if round % 5 == 0,
                let sample = (Samples.clientStream + [Samples.subscribeAck]).randomElement(using: &generator)
            {
                bytes = sample + bytes
            }
            var chunks: [[UInt8]] = []
            var rest = bytes[...]
            while !rest.isEmpty {
                let size = Int.random(in: 1...max(1, rest.count), using: &generator)
                chunks.append(Array(rest.prefix(size)))
                rest = rest.dropFirst(size)
            }
            let (_, events) = decode(chunks, fromClient: round % 2 == 0)
            total += events.count
            _ = ByteView.with(bytes) { MQTTProtocol.probe($0, true) }
        }
        #expect(total > 0)
    }

    @Test func probe() {
        func probe(_ bytes: [UInt8]) -> ProbeResult { ByteView.with(bytes) { MQTTProtocol.probe($0, true) } }
        #expect(probe(Samples.connect311) == .match)
        #expect(probe(Array(Samples.connect311.prefix(5))) == .needMoreBytes)
        #expect(probe(Samples.publishQoS1) == .noMatch)
        #expect(probe([0x10, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) == .noMatch)
        let mqtt31: [UInt8] =
            [0x10, 0x10, 0x00, 0x06] + Array("MQIsdp".utf8) + [0x03, 0x02, 0x00, 0x3C, 0x00, 0x02, 0x61, 0x62]
        #expect(probe(mqtt31) == .match)
    }
}
