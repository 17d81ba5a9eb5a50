import BinaryParsing

/// pcapng block types and option codes used by the reader.
/// https://www.ietf.org/archive/id/draft-ietf-opsawg-pcapng-02.html
enum PcapngFormat {
    static let sectionHeader: UInt32 = 0x0A0D_0D0A
    static let interfaceDescription: UInt32 = 0x0000_0001
    static let obsoletePacket: UInt32 = 0x0000_0002
    static let simplePacket: UInt32 = 0x0000_0003
    static let interfaceStatistics: UInt32 = 0x0000_0005
    static let enhancedPacket: UInt32 = 0x0000_0006
    static let byteOrderMagic: UInt32 = 0x1A2B_3C4D

    static let optionEnd: UInt16 = 0
    static let optionTimestampResolution: UInt16 = 9
    static let optionTimestampOffset: UInt16 = 14
}

/// One interface of a pcapng section: its link type and how to turn its timestamps into ns.
struct PcapngInterface {
    var linkType: LinkType
    var snapLength: Int
    /// Timestamp units per second.
    var unitsPerSecond: UInt64 = 1_000_000
    var offsetSeconds: Int64 = 0

    /// Converts a raw 64-bit timestamp in this interface's units to nanoseconds since the epoch.
    func nanoseconds(_ raw: UInt64) -> Int64 {
        let seconds = raw / unitsPerSecond
        let fraction = raw % unitsPerSecond
        let (high, low) = fraction.multipliedFullWidth(by: 1_000_000_000)
        let fractionNanos = unitsPerSecond.dividingFullWidth((high, low)).quotient
        let total = Int64(clamping: seconds) &* 1_000_000_000 &+ Int64(clamping: fractionNanos)
        return total &+ offsetSeconds &* 1_000_000_000
    }

    /// Reads `if_tsresol` and `if_tsoffset` from an IDB's options.
    mutating func applyOptions(_ options: ByteView, bigEndian: Bool) {
        var reader = ByteReader(options)
        while let code = reader.readUInt16(bigEndian: bigEndian), let length = reader.readUInt16(bigEndian: bigEndian) {
            if code == PcapngFormat.optionEnd { break }
            guard let value = reader.readView(count: Int(length)) else { break }
            _ = reader.skip((4 - Int(length) % 4) % 4)
            switch code {
            case PcapngFormat.optionTimestampResolution where length >= 1:
                let resolution = value[0]
                let exponent = Int(resolution & 0x7F)
                if resolution & 0x80 == 0 {
                    if exponent <= 19 { unitsPerSecond = power(10, exponent) }
                } else if exponent <= 63 {
                    unitsPerSecond = 1 << UInt64(exponent)
                }
            case PcapngFormat.optionTimestampOffset where length == 8:
                offsetSeconds = Int64(bitPattern: value.getUInt64(at: 0, bigEndian: bigEndian) ?? 0)
            default:
                break
            }
        }
    }

    private func power(_ base: UInt64, _ exponent: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<exponent { result &*= base }
        return max(result, 1)
    }
}
