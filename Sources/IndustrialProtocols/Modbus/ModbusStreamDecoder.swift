import BinaryParsing
import EventModel

/// Modbus/TCP on one TCP connection (Messaging on TCP/IP guide §3.1): frames each direction by
/// the MBAP header, pairs responses with requests, reports each ADU as an event.
public final class ModbusStreamDecoder: StreamDecoder {
    private var clientBytes = ModbusStreamBuffer()
    private var serverBytes = ModbusStreamBuffer()
    private var decoder = ModbusADUDecoder()
    private var consecutiveRejections = 0

    /// Segments rejected in a row that still become `modbus.invalid_mbap` events. Past it, a
    /// conversation that is not Modbus (TLS, HTTP or a scanner on port 502) is only counted in the
    /// batch's anomaly counters, until an ADU frames again.
    public static let rejectionEventLimit = 16

    public init() {}

    /// Requests awaiting a response (for tests and statistics).
    public var pendingRequestCount: Int { decoder.pendingRequestCount }

    public func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        if context.fromClient {
            receive(bytes, into: &clientBytes, context: context, events: events)
        } else {
            receive(bytes, into: &serverBytes, context: context, events: events)
        }
    }

    private func receive(
        _ bytes: ByteView, into buffer: inout ModbusStreamBuffer, context: PacketContext, events: EventBatch
    ) {
        buffer.receive(
            bytes,
            deliver: { adu, oversized in
                consecutiveRejections = 0
                decoder.decode(adu, oversized: oversized, context: context, events: events)
            },
            reject: {
                consecutiveRejections += 1
                if consecutiveRejections <= Self.rejectionEventLimit {
                    decoder.emitAnomaly(ModbusAnomaly.invalidApplicationHeader, context: context, events: events)
                } else {
                    events.recordAnomaly(ModbusAnomaly.invalidApplicationHeader)
                }
            })
    }

    /// Bytes were lost in one direction: its partial ADU is useless, and the next bytes are taken
    /// as the start of an ADU (if they are not, framing rejects them and waits for the next segment).
    /// An MBAP header (protocol id 0, a length the decoder accepts) followed by a function code.
    public func startsMessage(_ bytes: ByteView) -> Bool {
        guard bytes.count >= 8, bytes.getUInt16(at: 2) == 0, let length = bytes.getUInt16(at: 4) else { return false }
        return (2...1024).contains(length) && bytes[7] & 0x7F != 0
    }

    public func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        if context.fromClient { clientBytes.clear() } else { serverBytes.clear() }
        decoder.gap()
    }

    /// Nothing to report: a capture or connection ending with a request in flight, or mid-ADU, is normal.
    public func finish(events: EventBatch) {
        clientBytes.clear()
        serverBytes.clear()
    }
}
