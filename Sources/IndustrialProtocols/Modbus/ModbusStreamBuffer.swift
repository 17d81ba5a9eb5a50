import BinaryParsing

/// One direction of a Modbus/TCP stream cut into ADUs by their MBAP length field (Messaging on
/// TCP/IP guide §3.1.3; TCP may split an ADU across segments or join several in one). Whole ADUs are handed out straight
/// from the segment; only a partial ADU is copied, and never more than one ADU's bytes.
struct ModbusStreamBuffer {
    /// The bytes of an ADU that has not arrived completely; at most `maximumADULength`.
    private var partial: [UInt8] = []

    mutating func clear() { partial.removeAll(keepingCapacity: true) }

    /// Cuts `segment` (after any buffered bytes) into ADUs. `deliver` receives each whole ADU, borrowed
    /// for the call, and whether its length field was oversized. On a header that cannot be framed,
    /// `reject` is called once and the buffered bytes and the rest of the segment are dropped: the
    /// next segment starts afresh.
    mutating func receive(
        _ segment: ByteView, deliver: (ByteView, _ oversized: Bool) -> Void, reject: () -> Void
    ) {
        var input = segment
        if !partial.isEmpty {
            // Complete the length field first, then the ADU it announces.
            let headerMissing = ModbusApplicationHeader.framingPrefix - partial.count
            if headerMissing > 0 { append(take(headerMissing, from: &input)) }
            guard partial.count >= ModbusApplicationHeader.framingPrefix else { return }
            let protocolID = UInt16(partial[2]) << 8 | UInt16(partial[3])
            let length = UInt16(partial[4]) << 8 | UInt16(partial[5])
            guard
                case .adu(let total, let oversized) = ModbusApplicationHeader.framing(
                    protocolID: protocolID, length: length)
            else {
                clear()
                reject()
                return
            }
            append(take(total - partial.count, from: &input))
            guard partial.count == total else { return }
            partial.withUnsafeBytes { deliver(ByteView($0), oversized) }
            clear()
        }
        while !input.isEmpty {
            guard let framing = ModbusApplicationHeader.framing(of: input) else {
                append(input)
                return
            }
            guard case .adu(let total, let oversized) = framing else {
                reject()
                return
            }
            guard input.count >= total else {
                append(input)
                return
            }
            deliver(input.prefix(total), oversized)
            input = input.dropFirst(total)
        }
    }

    private func take(_ count: Int, from input: inout ByteView) -> ByteView {
        let taken = input.prefix(max(0, count))
        input = input.dropFirst(taken.count)
        return taken
    }

    private mutating func append(_ bytes: ByteView) {
        guard !bytes.isEmpty else { return }
        // One allocation per flow direction, the first time an ADU spans segments.
        if partial.capacity < ModbusApplicationHeader.maximumADULength {
            partial.reserveCapacity(ModbusApplicationHeader.maximumADULength)
        }
        bytes.withUnsafeBytes { partial.append(contentsOf: $0) }
    }
}
