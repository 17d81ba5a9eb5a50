import BinaryParsing
import Foundation
import PacketLayers
import Testing

// Hand-built, annotated packets. Every builder writes big-endian (network order) fields.

func be16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
func be32(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
}
func le32(_ value: UInt32) -> [UInt8] { be32(value).reversed() }

enum MAC {
    static let a: [UInt8] = [0x00, 0x1B, 0x1B, 0x01, 0x02, 0x03]  // Siemens OUI
    static let b: [UInt8] = [0x00, 0x0C, 0x29, 0xAA, 0xBB, 0xCC]
    static let c: [UInt8] = [0x02, 0x42, 0xAC, 0x11, 0x00, 0x02]
    static let d: [UInt8] = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56]
}

func mac(_ bytes: [UInt8]) -> MACAddress {
    MACAddress(rawValue: bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
}

func ip(_ text: String) -> IPAddress { IPAddress(text)! }

/// Dotted IPv4 as 4 bytes.
func v4(_ text: String) -> [UInt8] { text.split(separator: ".").map { UInt8($0)! } }

/// Textual IPv6 as 16 bytes.
func v6(_ text: String) -> [UInt8] {
    let address = IPAddress(text)!
    return (0..<8).map { UInt8(truncatingIfNeeded: address.high >> UInt64(56 - 8 * $0)) }
        + (0..<8).map { UInt8(truncatingIfNeeded: address.low >> UInt64(56 - 8 * $0)) }
}

/// Ethernet II: destination, source, EtherType (or 802.3 length), payload.
func ethernet(dst: [UInt8] = MAC.a, src: [UInt8] = MAC.b, type: UInt16, _ payload: [UInt8]) -> [UInt8] {
    dst + src + be16(type) + payload
}

/// An 802.1Q/802.1ad tag: TPID, TCI (PCP 3 bits, DEI, VID 12 bits). The inner type follows.
func tag(_ tpid: UInt16, priority: UInt16 = 0, vlan: UInt16) -> [UInt8] {
    be16(tpid) + be16(priority << 13 | vlan)
}

/// IPv4 header (RFC 791) + payload. `totalLength` overrides the computed one.
func ipv4(
    src: String = "10.0.0.1", dst: String = "10.0.0.2", proto: UInt8, id: UInt16 = 0x1234,
    flagsAndOffset: UInt16 = 0x4000, ttl: UInt8 = 64, options: [UInt8] = [], totalLength: UInt16? = nil,
    _ payload: [UInt8]
) -> [UInt8] {
    let options = options + [UInt8](repeating: 0, count: (4 - options.count % 4) % 4)  // EOL padding
    let headerLength = 20 + options.count
    var header: [UInt8] = [0x40 | UInt8(headerLength / 4), 0x00]  // version 4, IHL; DSCP/ECN
    header += be16(totalLength ?? UInt16(headerLength + payload.count))
    header += be16(id) + be16(flagsAndOffset)
    header += [ttl, proto, 0x00, 0x00]  // TTL, protocol, checksum (not checked)
    header += v4(src) + v4(dst) + options
    return header + payload
}

/// IPv6 header (RFC 8200) + payload (extension headers included in `payload`).
func ipv6(
    src: String = "2001:db8::1", dst: String = "2001:db8::2", nextHeader: UInt8, hopLimit: UInt8 = 64,
    payloadLength: UInt16? = nil, _ payload: [UInt8]
) -> [UInt8] {
    [0x60, 0x00, 0x00, 0x00] + be16(payloadLength ?? UInt16(payload.count)) + [nextHeader, hopLimit] + v6(src)
        + v6(dst) + payload
}

/// TCP header (RFC 9293) with options (zero-padded to a multiple of 4) + payload.
func tcp(
    src: UInt16, dst: UInt16, seq: UInt32 = 1000, ack: UInt32 = 2000, flags: UInt8 = 0x18,
    window: UInt16 = 8192, options: [UInt8] = [], _ payload: [UInt8] = []
) -> [UInt8] {
    let options = options + [UInt8](repeating: 0, count: (4 - options.count % 4) % 4)  // EOL padding
    let dataOffset = UInt8((20 + options.count) / 4)
    return be16(src) + be16(dst) + be32(seq) + be32(ack) + [dataOffset << 4, flags] + be16(window)
        + [0, 0, 0, 0] + options + payload
}

/// UDP header + payload; `length` overrides the computed length.
func udp(src: UInt16, dst: UInt16, length: UInt16? = nil, _ payload: [UInt8]) -> [UInt8] {
    be16(src) + be16(dst) + be16(length ?? UInt16(8 + payload.count)) + [0, 0] + payload
}

/// Decodes `bytes` and hands the result to `body` while the bytes are alive.
@discardableResult
func decode<R>(_ bytes: [UInt8], linkType: UInt32 = 1, _ body: (DecodedPacket) throws -> R) rethrows -> R {
    try ByteView.with(bytes) { view in
        var packet = DecodedPacket()
        LayerDecoder.decode(view, linkType: linkType, into: &packet)
        #expect(packet.frame.count == bytes.count)
        return try body(packet)
    }
}

/// A Modbus/TCP request (read holding registers) used as application data.
let modbusRequest: [UInt8] = [0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03, 0x00, 0x00, 0x00, 0x0A]

/// Classic little-endian pcap bytes (µs) for a link type and some packets.
func pcapFile(linkType: UInt32, _ packets: [[UInt8]]) -> [UInt8] {
    var bytes = le32(0xA1B2_C3D4) + [2, 0, 4, 0] + le32(0) + le32(0) + le32(262_144) + le32(linkType)
    for (index, packet) in packets.enumerated() {
        bytes +=
            le32(1_700_000_000 + UInt32(index)) + le32(250_000) + le32(UInt32(packet.count))
            + le32(UInt32(packet.count)) + packet
    }
    return bytes
}

func temporaryFile(_ bytes: [UInt8], suffix: String = ".pcap") -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
        "palisade-layers-\(UUID().uuidString)\(suffix)")
    let created = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    #expect(created, "cannot write \(url.path)")
    return url.path
}
