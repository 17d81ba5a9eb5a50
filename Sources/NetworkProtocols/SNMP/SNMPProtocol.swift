import BinaryParsing
import EventModel
import PacketLayers

/// SNMP v1/v2c/v3 over UDP 161 (agent) and 162 (trap receiver).
public enum SNMPProtocol {
    public static let registration = ProtocolRegistration(
        .snmp, udpPorts: [161, 162], probe: { bytes, isTCP in isTCP ? .noMatch : SNMPDecoder.probe(bytes) },
        datagram: { SNMPDecoder() })
}
