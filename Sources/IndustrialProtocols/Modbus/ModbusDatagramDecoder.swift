import BinaryParsing
import EventModel

/// Modbus over UDP (port 502): the same MBAP ADU, one per datagram (Messaging on TCP/IP guide §3.1.3;
/// UDP carriage is common practice outside the guide). Several ADUs in one datagram are decoded in
/// turn; a datagram ending mid-ADU is `modbus.truncated_adu`.
public final class ModbusDatagramDecoder: DatagramDecoder {
    private var decoder = ModbusADUDecoder()

    public init() {}

    public func receive(_ datagram: ByteView, context: PacketContext, events: EventBatch) {
        var input = datagram
        while !input.isEmpty {
            guard let framing = ModbusApplicationHeader.framing(of: input) else {
                decoder.emitAnomaly(ModbusAnomaly.truncatedADU, context: context, events: events)
                return
            }
            guard case .adu(let total, let oversized) = framing else {
                decoder.emitAnomaly(ModbusAnomaly.invalidApplicationHeader, context: context, events: events)
                return
            }
            guard input.count >= total else {
                decoder.emitAnomaly(ModbusAnomaly.truncatedADU, context: context, events: events)
                return
            }
            decoder.decode(input.prefix(total), oversized: oversized, context: context, events: events)
            input = input.dropFirst(total)
        }
    }
}
