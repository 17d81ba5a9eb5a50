import BinaryParsing
import EventModel

extension TextScratch {
    /// UTF-16LE wire text (MS-SMB2 and MS-NLMP strings) as UTF-8, trailing NULs dropped; unpaired
    /// surrogates become U+FFFD. Bounded by the scratch capacity; allocates nothing.
    mutating func append(utf16LE view: ByteView) {
        var index = 0
        var end = view.count & ~1
        while end >= 2, view[end - 2] == 0, view[end - 1] == 0 { end -= 2 }
        while index + 1 < end {
            var scalar = UInt32(view[index]) | UInt32(view[index + 1]) << 8
            index += 2
            if (0xD800..<0xDC00).contains(scalar) {
                if index + 1 < end {
                    let low = UInt32(view[index]) | UInt32(view[index + 1]) << 8
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 2
                    } else {
                        scalar = 0xFFFD
                    }
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00..<0xE000).contains(scalar) {
                scalar = 0xFFFD
            }
            appendUTF8(scalar)
        }
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            append(byte: UInt8(scalar))
        case 0x80..<0x800:
            append(byte: UInt8(0xC0 | scalar >> 6))
            append(byte: UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            append(byte: UInt8(0xE0 | scalar >> 12))
            append(byte: UInt8(0x80 | scalar >> 6 & 0x3F))
            append(byte: UInt8(0x80 | scalar & 0x3F))
        default:
            append(byte: UInt8(0xF0 | scalar >> 18))
            append(byte: UInt8(0x80 | scalar >> 12 & 0x3F))
            append(byte: UInt8(0x80 | scalar >> 6 & 0x3F))
            append(byte: UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The text as a batch reference (copied into the arena).
    func reference(in events: EventBatch) -> TextRef {
        bytes.withUnsafeBytes { events.text(ByteView($0)) }
    }
}
