import BinaryParsing
import EventModel

/// Report Server ID response, function 17 (Application Protocol v1.1b3 §6.13):
///
///     byte count | server ID (device specific) | run indicator status | additional data
///
/// The server ID's length is the device's choice; the run indicator (0x00 OFF, 0xFF ON) is taken to
/// be the first 0x00 or 0xFF after at least one server ID byte. The views borrow the packet's bytes:
/// use them within the decoding call only.
public struct ModbusServerIdentification {
    public var serverID: ByteView
    /// 0x00 OFF, 0xFF ON; `nil` when none was found.
    public var runIndicatorStatus: UInt8?
    public var additionalData: ByteView

    public var isRunning: Bool? { runIndicatorStatus.map { $0 == 0xFF } }

    /// `data` is the PDU after the function code; `nil` when it holds no byte count.
    public static func parse(_ data: ByteView) -> ModbusServerIdentification? {
        guard let byteCount = data.getUInt8(at: 0) else { return nil }
        let body = data.dropFirst(1).prefix(Int(byteCount))
        var index = 1
        while index < body.count {
            if let byte = body.getUInt8(at: index), byte == 0x00 || byte == 0xFF {
                return ModbusServerIdentification(
                    serverID: body.prefix(index), runIndicatorStatus: byte, additionalData: body.dropFirst(index + 1))
            }
            index += 1
        }
        return ModbusServerIdentification(serverID: body, runIndicatorStatus: nil, additionalData: .empty)
    }

    /// Whether the response held all the bytes its byte count announced.
    public static func isComplete(_ data: ByteView) -> Bool {
        guard let byteCount = data.getUInt8(at: 0) else { return false }
        return data.count >= 1 + Int(byteCount)
    }

    /// The server ID as an `other` identity fact when it is printable text; failing that, the
    /// additional data when that is (devices often put their description there).
    public func addFacts(to events: EventBatch) {
        let identifier = ModbusText.trimmed(serverID)
        let additional = ModbusText.trimmed(additionalData)
        if ModbusText.isPrintable(identifier) {
            events.addFact(.other, events.text(identifier))
        } else if ModbusText.isPrintable(additional) {
            events.addFact(.other, events.text(additional))
        }
    }
}
