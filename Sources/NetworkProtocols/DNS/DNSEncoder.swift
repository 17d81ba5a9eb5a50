import BinaryParsing
import PacketLayers

/// Builds DNS messages (RFC 1035 §4.1) for the traffic simulator: a query, and its response with A,
/// AAAA (RFC 3596), CNAME and PTR answers. The response compresses names (§4.1.4): every name and
/// every suffix already written is replaced by a pointer to its first occurrence.
public enum DNSEncoder {
    public static let port: UInt16 = 53

    /// RR TYPE values (RFC 1035 §3.2.2, RFC 3596 §2.1).
    public enum RecordType {
        public static let a: UInt16 = 1
        public static let cname: UInt16 = 5
        public static let ptr: UInt16 = 12
        public static let aaaa: UInt16 = 28
    }

    /// The data of an answer record.
    public enum RecordData: Sendable, Equatable {
        case a(IPAddress)
        case aaaa(IPAddress)
        case cname(String)
        case ptr(String)

        public var type: UInt16 {
            switch self {
            case .a: RecordType.a
            case .aaaa: RecordType.aaaa
            case .cname: RecordType.cname
            case .ptr: RecordType.ptr
            }
        }
    }

    /// An answer: owner name, time to live (seconds), data. Class is IN.
    public struct Record: Sendable, Equatable {
        public var name: String
        public var ttl: UInt32
        public var data: RecordData

        public init(name: String, ttl: UInt32 = 300, data: RecordData) {
            self.name = name
            self.ttl = ttl
            self.data = data
        }
    }

    /// A standard query for one name (class IN), recursion desired as stub resolvers send it.
    public static func query(id: UInt16, name: String, type: UInt16, recursionDesired: Bool = true) -> [UInt8] {
        var message = Message()
        message.writer.append(bigEndian: id)
        message.writer.append(bigEndian: UInt16(recursionDesired ? 0x0100 : 0))
        message.writer.append(bigEndian: UInt16(1))  // QDCOUNT
        message.writer.append(repeating: 0, count: 6)  // ANCOUNT, NSCOUNT, ARCOUNT
        message.appendName(name, compress: false)
        message.writer.append(bigEndian: type)
        message.writer.append(bigEndian: UInt16(1))  // class IN
        return message.writer.bytes
    }

    /// The response to `query(id:name:type:)`: the question repeated, then `answers`. `responseCode` 3 is
    /// NXDOMAIN (send no answers with it).
    public static func response(
        id: UInt16, name: String, type: UInt16, answers: [Record], responseCode: UInt8 = 0,
        authoritative: Bool = false, recursionDesired: Bool = true, recursionAvailable: Bool = true
    ) -> [UInt8] {
        var flags: UInt16 = 0x8000 | UInt16(responseCode & 0x0F)
        if authoritative { flags |= 0x0400 }
        if recursionDesired { flags |= 0x0100 }
        if recursionAvailable { flags |= 0x0080 }
        var message = Message()
        message.writer.append(bigEndian: id)
        message.writer.append(bigEndian: flags)
        message.writer.append(bigEndian: UInt16(1))
        message.writer.append(bigEndian: UInt16(answers.count))
        message.writer.append(repeating: 0, count: 4)
        message.appendName(name, compress: true)
        message.writer.append(bigEndian: type)
        message.writer.append(bigEndian: UInt16(1))
        for answer in answers {
            message.appendName(answer.name, compress: true)
            message.writer.append(bigEndian: answer.data.type)
            message.writer.append(bigEndian: UInt16(1))
            message.writer.append(bigEndian: answer.ttl)
            let lengthOffset = message.writer.count
            message.writer.append(bigEndian: UInt16(0))
            switch answer.data {
            case .a(let address):
                message.writer.append(bigEndian: address.ipv4Value)
            case .aaaa(let address):
                message.writer.append(bigEndian: address.high)
                message.writer.append(bigEndian: address.low)
            case .cname(let target), .ptr(let target):
                message.appendName(target, compress: true)
            }
            message.writer.set(bigEndian: UInt16(message.writer.count - lengthOffset - 2), at: lengthOffset)
        }
        return message.writer.bytes
    }

    /// The reverse-mapping name of an address: `5.0.0.10.in-addr.arpa` (RFC 1035 §3.5) or the nibble
    /// form under `ip6.arpa` (RFC 3596 §2.5).
    public static func reverseName(of address: IPAddress) -> String {
        if address.isIPv4 {
            let value = address.ipv4Value
            return "\(value & 0xFF).\(value >> 8 & 0xFF).\(value >> 16 & 0xFF).\(value >> 24).in-addr.arpa"
        }
        var nibbles: [String] = []
        for half in [address.low, address.high] {
            for index in 0..<16 { nibbles.append(String(half >> UInt64(4 * index) & 0xF, radix: 16)) }
        }
        return nibbles.joined(separator: ".") + ".ip6.arpa"
    }

    /// A message being written, with the offsets of the names already in it.
    struct Message {
        var writer = ByteWriter(capacity: 128)
        /// Lower-cased dotted suffix → offset of its first occurrence.
        var written: [String: Int] = [:]

        /// Labels of at most 63 bytes (longer ones are cut); the root name is a single zero byte.
        mutating func appendName(_ name: String, compress: Bool) {
            let labels = name.split(separator: ".").map { Array($0.utf8.prefix(63)) }
            for index in labels.indices {
                let suffix = labels[index...].map { String(decoding: $0, as: UTF8.self).lowercased() }
                    .joined(separator: ".")
                if compress, let offset = written[suffix] {
                    writer.append(bigEndian: UInt16(0xC000) | UInt16(offset))
                    return
                }
                // Pointers reach 14 bits only.
                if writer.count < 0x4000 && written[suffix] == nil { written[suffix] = writer.count }
                writer.append(UInt8(labels[index].count))
                writer.append(labels[index])
            }
            writer.append(0)
        }
    }
}
