import Foundation
import MQTT

/// An IIoT gateway publishing process data to the historian's MQTT broker (TCP 1883): CONNECT
/// with its client id, then one PUBLISH per topic each cycle, the alarm topic at QoS 1.
final class MQTTPublishScript: SessionScript {
    let clientID: String
    let topics: [String]
    private var packetIdentifier: UInt16 = 0

    init(clientID: String, topics: [String]) {
        self.clientID = clientID
        self.topics = topics
    }

    func opening(random: inout SplitMix64) -> [Exchange] {
        [
            Exchange(
                request: MQTTEncoder.connect(clientID: clientID, keepAlive: 60),
                replies: [MQTTEncoder.connectAck()], latency: 1_200)
        ]
    }

    func poll(cycle: Int, random: inout SplitMix64) -> [Exchange] {
        topics.enumerated().map { index, topic in
            let value = ProcessValues.analog(
                base: 40 + Double(index) * 15, amplitude: 3, cycle: cycle, period: 24, random: &random)
            let payload = Array(String(format: "{\"v\":%.2f,\"q\":\"good\"}", value).utf8)
            guard topic.hasSuffix("/alarm") else {
                return Exchange(request: MQTTEncoder.publish(topic: topic, payload: payload), latency: 300)
            }
            packetIdentifier = packetIdentifier == UInt16.max ? 1 : packetIdentifier + 1
            return Exchange(
                request: MQTTEncoder.publish(
                    topic: topic, payload: payload, qos: 1, packetIdentifier: packetIdentifier),
                replies: [MQTTEncoder.publishAck(packetIdentifier: packetIdentifier)], latency: 700)
        }
    }
}
