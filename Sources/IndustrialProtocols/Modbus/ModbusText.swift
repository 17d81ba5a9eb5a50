import BinaryParsing

/// Device strings on the wire are ASCII, often padded with spaces or NULs to a fixed width.
enum ModbusText {
    /// `view` without trailing spaces and NULs (no copy).
    static func trimmed(_ view: ByteView) -> ByteView {
        var length = view.count
        while length > 0, let byte = view.getUInt8(at: length - 1), byte == 0x20 || byte == 0x00 { length -= 1 }
        return view.prefix(length)
    }

    /// Non-empty and printable ASCII throughout.
    static func isPrintable(_ view: ByteView) -> Bool {
        guard !view.isEmpty else { return false }
        for index in 0..<view.count {
            guard let byte = view.getUInt8(at: index), (0x20...0x7E).contains(byte) else { return false }
        }
        return true
    }
}
