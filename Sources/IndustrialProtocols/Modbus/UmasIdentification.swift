import BinaryParsing
import EventModel

/// Identity in UMAS responses (function 90). The layouts are not published; public analyses agree
/// that READ_ID (0x02) answers with the CPU's reference and READ_PROJECT_INFO (0x03) with the
/// project's name, each a length-prefixed ASCII string among binary fields (modicon_test.pcap:
/// 0x0E "140 CPU 311 10", 0x08 "Project\0"). The decoder takes the first such string: a length byte
/// followed by that many bytes that are printable once trailing NULs and spaces are trimmed.
public enum UmasIdentification {
    /// Shorter runs turn up by chance in binary data.
    static let minimumTextLength = 3

    /// The identity key a successful response to `function` yields, if any.
    public static func identityKey(for function: UmasFunctionCode) -> IdentityKey? {
        switch function.rawValue {
        case 0x02: .model
        case 0x03: .applicationName
        default: nil
        }
    }

    /// `data` is the PDU after the function code (pairing key, status 0xFE, payload).
    public static func addFacts(for function: UmasFunctionCode, data: ByteView, to events: EventBatch) {
        guard let key = identityKey(for: function), data.getUInt8(at: 1) == UmasFunctionCode.successStatus,
            let text = firstLengthPrefixedText(in: data.dropFirst(2))
        else { return }
        events.addFact(key, events.text(text))
    }

    /// The first length byte followed by a printable string of that length (trimmed).
    static func firstLengthPrefixedText(in payload: ByteView) -> ByteView? {
        var offset = 0
        while let length = payload.getUInt8(at: offset) {
            if let candidate = payload.slice(from: offset + 1, count: Int(length)) {
                let text = ModbusText.trimmed(candidate)
                if text.count >= minimumTextLength, ModbusText.isPrintable(text) { return text }
            }
            offset += 1
        }
        return nil
    }
}
