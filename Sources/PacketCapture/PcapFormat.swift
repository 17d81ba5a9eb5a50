import BinaryParsing

/// Classic libpcap files: a 24-byte global header, then records of a 16-byte header and the bytes.
/// https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html
enum PcapFormat {
    static let magicMicroseconds: UInt32 = 0xA1B2_C3D4
    static let magicNanoseconds: UInt32 = 0xA1B2_3C4D
    static let globalHeaderLength = 24
    static let recordHeaderLength = 16
}

/// Reads one classic pcap file from a `BufferedInput`.
struct PcapParser {
    let bigEndian: Bool
    let nanosecond: Bool
    let snapLength: Int
    let linkType: LinkType

    /// Parses the global header (the input holds at least 24 bytes).
    init?(header: ByteView) {
        guard let magicLE = header.getUInt32(at: 0, bigEndian: false) else { return nil }
        switch magicLE {
        case PcapFormat.magicMicroseconds: (bigEndian, nanosecond) = (false, false)
        case PcapFormat.magicNanoseconds: (bigEndian, nanosecond) = (false, true)
        case PcapFormat.magicMicroseconds.byteSwapped: (bigEndian, nanosecond) = (true, false)
        case PcapFormat.magicNanoseconds.byteSwapped: (bigEndian, nanosecond) = (true, true)
        default: return nil
        }
        snapLength = Int(header.getUInt32(at: 16, bigEndian: bigEndian) ?? 0)
        // The upper 16 bits of the link type field carry FCS information and reserved bits
        // (LINKTYPE_ values are 16-bit; libpcap's LT_LINKTYPE masks with 0xFFFF).
        linkType = LinkType(rawValue: (header.getUInt32(at: 20, bigEndian: bigEndian) ?? 0) & 0xFFFF)
    }
}
