import BinaryParsing
import EventModel

/// One message per UDP datagram (DNS, mDNS, LLMNR, NBNS).
final class DNSDatagramDecoder: DatagramDecoder {
    let flavor: DNSFlavor
    init(flavor: DNSFlavor) { self.flavor = flavor }

    func receive(_ datagram: ByteView, context: PacketContext, events: EventBatch) {
        DNSMessageDecoder.decode(datagram, flavor: flavor, context: context, events: events)
    }
}

/// DNS over TCP (RFC 1035 §4.2.2, RFC 7766): each message behind a two-octet length. Complete
/// messages are decoded straight from the segment; a partial one is kept per direction, in a buffer
/// that never exceeds `maximumBuffered` (a length prefix cannot announce more).
final class DNSStreamDecoder: StreamDecoder {
    static let maximumBuffered = 2 + 65_535

    private var pending: [[UInt8]] = [[], []]

    func receive(_ bytes: ByteView, context: PacketContext, events: EventBatch) {
        let side = context.fromClient ? 0 : 1
        var rest = bytes
        // Complete the buffered message first, taking only what it still needs (header, then body).
        while !pending[side].isEmpty, rest.count > 0 {
            let have = pending[side].count
            let needed = have < 2 ? 2 - have : 2 + (Int(pending[side][0]) << 8 | Int(pending[side][1])) - have
            let take = min(needed, rest.count)
            rest.prefix(take).withUnsafeBytes { pending[side].append(contentsOf: $0) }
            rest = rest.dropFirst(take)
            guard pending[side].count >= 2 else { continue }
            let total = 2 + (Int(pending[side][0]) << 8 | Int(pending[side][1]))
            if total == 2 {
                events.recordAnomaly(DNSAnomaly.emptyTCPMessage)
                pending[side].removeAll(keepingCapacity: true)
            } else if pending[side].count == total {
                deliver(pending[side], context: context, events: events)
                pending[side].removeAll(keepingCapacity: true)
            }
        }
        guard pending[side].isEmpty else { return }
        while rest.count >= 2 {
            let length = Int(rest.uncheckedUInt16(at: 0))
            if length == 0 {
                events.recordAnomaly(DNSAnomaly.emptyTCPMessage)
                rest = rest.dropFirst(2)
                continue
            }
            guard let message = rest.slice(from: 2, count: length) else { break }
            DNSMessageDecoder.decode(message, flavor: .dns, context: context, events: events)
            rest = rest.dropFirst(2 + length)
        }
        guard rest.count > 0 else { return }
        // A length prefix announces at most 65,535 octets, so this holds; checked anyway, never trapped.
        guard rest.count <= Self.maximumBuffered else {
            events.recordAnomaly(DNSAnomaly.bufferOverflow)
            return
        }
        rest.withUnsafeBytes { pending[side].append(contentsOf: $0) }
    }

    private func deliver(_ buffered: [UInt8], context: PacketContext, events: EventBatch) {
        ByteView.with(buffered) { view in
            DNSMessageDecoder.decode(view.dropFirst(2), flavor: .dns, context: context, events: events)
        }
    }

    /// After lost segments: whether `bytes` start a whole message (length prefix, then a header
    /// with one question of a standard opcode whose name parses inside the message). Strict, since
    /// a wrong "yes" would misframe the rest of the direction.
    func startsMessage(_ bytes: ByteView) -> Bool {
        guard let length = bytes.getUInt16(at: 0), length >= 17, let message = bytes.slice(from: 2, count: Int(length)),
            let flags = message.getUInt16(at: 2), message.getUInt16(at: 4) == 1
        else { return false }
        let opcode = flags >> 11 & 0xF
        guard opcode <= 2 || opcode == 4 || opcode == 5, flags & 0x0040 == 0 else { return false }
        var scratch = TextBuilder()
        guard case .name(let end) = DNSName.read(message, at: 12, into: &scratch, collect: false) else { return false }
        return end + 4 <= message.count
    }

    func gap(_ length: Int, context: PacketContext, events: EventBatch) {
        pending[context.fromClient ? 0 : 1].removeAll(keepingCapacity: true)
    }
}
