import BinaryParsing

/// Cuts one direction of a TCP stream into TPKT packets (RFC 1006 §6: version 3, reserved,
/// 16-bit length including the 4-byte header). Whole packets inside a segment are handed out in
/// place; only a packet split across segments is copied, into a buffer bounded by the largest
/// TPKT (65 535 bytes) and reused.
struct TPKTFramer {
    /// RFC 1006 §6: the length field counts the header; the smallest packet carries a 3-byte COTP DT.
    static let minimumLength = 7
    static let maximumLength = 65_535
    static let headerLength = 4

    enum Output {
        /// A whole TPKT packet, header included (borrowed for the call).
        case packet(ByteView)
        /// Framing was lost here; the framer now looks for the next plausible header.
        case framingLost(Anomaly)
    }

    private var buffer: [UInt8] = []
    /// True while looking for a header after lost framing (a gap, a bad header, a mid-stream start).
    private(set) var resynchronising = false

    init(startInSync: Bool = true) {
        resynchronising = !startInSync
    }

    var bufferedCount: Int { buffer.count }

    /// Forget partial data: bytes were lost, the next byte may be anywhere in a packet.
    mutating func reset(resynchronise: Bool) {
        buffer.removeAll(keepingCapacity: true)
        resynchronising = resynchronise
    }

    mutating func receive(_ bytes: ByteView, _ deliver: (Output) -> Void) {
        var input = bytes
        if !buffer.isEmpty {
            // Complete the buffered packet from the head of this segment.
            while !buffer.isEmpty, !input.isEmpty {
                let needed: Int
                if buffer.count < Self.headerLength {
                    needed = Self.headerLength - buffer.count
                } else {
                    needed = Self.packetLength(buffer) - buffer.count
                }
                let take = min(needed, input.count)
                input.withUnsafeBytes { buffer.append(contentsOf: $0.prefix(take)) }
                input = input.dropFirst(take)
                if buffer.count == Self.headerLength {
                    let valid = buffer.withUnsafeBytes { Self.validHeader(ByteView($0), strict: false) }
                    if !valid {
                        buffer.removeAll(keepingCapacity: true)
                        resynchronising = true
                        deliver(.framingLost(Anomaly(S7CommAnomaly.invalidTPKT, "bad TPKT header")))
                        break
                    }
                }
                if buffer.count >= Self.headerLength, buffer.count == Self.packetLength(buffer) {
                    buffer.withUnsafeBytes { deliver(.packet(ByteView($0))) }
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if !buffer.isEmpty { return }
        }
        frame(input, deliver)
    }

    private static func packetLength(_ header: [UInt8]) -> Int {
        Int(header[2]) << 8 | Int(header[3])
    }

    /// Version 3, reserved 0, length 7…65 535. Resynchronising also asks that a COTP header fit.
    static func validHeader(_ bytes: ByteView, strict: Bool) -> Bool {
        guard bytes.count >= headerLength, bytes[0] == 3, bytes[1] == 0, let length = bytes.getUInt16(at: 2),
            Int(length) >= minimumLength
        else { return false }
        guard strict else { return true }
        guard let indicator = bytes.getUInt8(at: 4) else { return true }
        guard Int(indicator) + 5 <= Int(length) else { return false }
        guard let code = bytes.getUInt8(at: 5) else { return true }
        return COTPType.isKnown(code)
    }

    private mutating func frame(_ bytes: ByteView, _ deliver: (Output) -> Void) {
        var offset = 0
        while offset < bytes.count {
            if resynchronising {
                guard let next = nextPlausibleHeader(bytes, from: offset) else { return }
                offset = next
                resynchronising = false
            }
            let rest = bytes.dropFirst(offset)
            guard rest.count >= Self.headerLength else {
                rest.withUnsafeBytes { buffer.append(contentsOf: $0) }
                return
            }
            guard Self.validHeader(rest, strict: false), let length = rest.getUInt16(at: 2) else {
                resynchronising = true
                deliver(.framingLost(Anomaly(S7CommAnomaly.invalidTPKT, "bad TPKT header")))
                offset += 1
                continue
            }
            guard let packet = rest.slice(from: 0, count: Int(length)) else {
                rest.withUnsafeBytes { buffer.append(contentsOf: $0) }
                return
            }
            deliver(.packet(packet))
            offset += Int(length)
        }
    }

    /// The offset of the next byte sequence that looks like a TPKT + COTP header. A candidate at
    /// the very end (too short to judge) is accepted and judged when the rest arrives.
    private func nextPlausibleHeader(_ bytes: ByteView, from start: Int) -> Int? {
        var index = start
        while let candidate = bytes.firstIndex(of: 3, from: index) {
            let rest = bytes.dropFirst(candidate)
            if rest.count < Self.headerLength {
                // Too short to judge: accept only if what is there agrees.
                if rest.count < 2 || rest[1] == 0 { return candidate }
            } else if rest.count < 6 {
                if Self.validHeader(rest, strict: false) { return candidate }
            } else if Self.validHeader(rest, strict: true) {
                return candidate
            }
            index = candidate + 1
        }
        return nil
    }
}
