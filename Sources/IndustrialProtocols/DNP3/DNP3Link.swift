import BinaryParsing

/// Data link layer (IEEE 1815-2012 §9.2): a 10-octet header (start 0x05 0x64, length, control,
/// destination, source, CRC) then user data in blocks of up to 16 octets, each followed by its CRC.
enum DNP3Link {
    static let headerLength = 10
    static let blockLength = 16
    /// Destinations 0xFFFD–0xFFFF are broadcast (§9.2).
    static let firstBroadcastAddress: UInt16 = 0xFFFD

    /// Link functions that carry no transport segment: reset link (0, primary) / ACK (0,
    /// secondary), request link status (9) and link status (11) — Wireshark skips the same ones.
    @inline(__always)
    static func carriesUserData(control: UInt8) -> Bool {
        switch control & 0x0F {
        case 0, 9, 11: false
        default: true
        }
    }

    /// The whole frame's length from its length octet (which counts control, addresses and user
    /// data: 5 + user data). Below 5 there is no user data; the frame is then only `length + 5`
    /// octets, as Wireshark computes it, and is rejected as shorter than a header.
    @inline(__always)
    static func frameLength(lengthOctet: UInt8) -> Int {
        let length = Int(lengthOctet)
        guard length > 5 else { return length + 5 }
        let userData = length - 5
        return headerLength + userData + 2 * ((userData + blockLength - 1) / blockLength)
    }

    /// Wireshark's check where it takes a TCP segment or UDP datagram as DNP3 (not heuristic):
    /// first octet 0x05, second 0x64 when present, header CRC when the whole header is present.
    @inline(__always)
    static func looksLikeFrameStart(_ bytes: ByteView) -> Bool {
        guard bytes.count >= 1, bytes[0] == 0x05 else { return false }
        if bytes.count >= 2, bytes[1] != 0x64 { return false }
        if bytes.count >= headerLength, !DNP3CRC.headerIsValid(bytes) { return false }
        return true
    }
}
