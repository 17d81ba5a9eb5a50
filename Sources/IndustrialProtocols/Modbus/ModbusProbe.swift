import BinaryParsing
import EventModel

/// Recognises Modbus/TCP on any port from a flow's first payload (the same test as the Monitor's
/// content heuristics, kept here so the registration is self-contained).
public enum ModbusProbe {
    /// MBAP header (Messaging on TCP/IP guide §3.1.3): protocol identifier 0, length 2…254, a
    /// function code 1…127 (exception responses count), and the ADU ending at the payload's end or
    /// where another MBAP header begins.
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard bytes.count >= 8 else { return .needMoreBytes }
        guard bytes.getUInt16(at: 2) == 0, let length = bytes.getUInt16(at: 4),
            (ModbusApplicationHeader.minimumLength...ModbusApplicationHeader.specifiedLengthLimit).contains(Int(length))
        else { return .noMatch }
        let function = bytes[7] & 0x7F
        guard function >= 1 else { return .noMatch }
        let total = ModbusApplicationHeader.framingPrefix + Int(length)
        if total == bytes.count { return .match }
        if total < bytes.count, bytes.getUInt16(at: total + 2) == 0 { return .match }
        return .noMatch
    }
}
