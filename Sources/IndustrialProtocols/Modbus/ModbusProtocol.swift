import EventModel

/// How the Monitor finds and decodes Modbus: TCP and UDP port 502, and the MBAP heuristic on any
/// port.
public enum ModbusProtocol {
    public static let registration = ProtocolRegistration(
        .modbus, tcpPorts: [502], udpPorts: [502], probeOnAnyPort: true,
        probe: ModbusProbe.probe,
        stream: { ModbusStreamDecoder() },
        datagram: { ModbusDatagramDecoder() })
}
