import BinaryParsing
import EventModel
import PacketLayers

/// NetBIOS Name Service specifics (RFC 1002 §4.2): opcodes, first-level name encoding (§4.1), NB
/// and NBSTAT resource records.
enum NBNSNames {
    /// RFC 1002 §4.2.1.1 OPCODE.
    static func opcodeName(_ opcode: Int) -> StaticString {
        switch opcode {
        case 0: "Name query"
        case 5: "Registration"
        case 6: "Release"
        case 7: "WACK"
        case 8: "Refresh"
        case 9: "Refresh (alternate)"
        case 15: "Multi-homed registration"
        default: "Unknown"
        }
    }

    /// RFC 1002 §4.2.6 and following RCODEs.
    static func rcodeName(_ rcode: Int) -> StaticString {
        switch rcode {
        case 1: "FMT_ERR"
        case 2: "SRV_ERR"
        case 3: "NAM_ERR"
        case 4: "IMP_ERR"
        case 5: "RFS_ERR"
        case 6: "ACT_ERR"
        case 7: "CFT_ERR"
        default: "Unknown"
        }
    }

    /// Appends the decoded name at `offset` as tshark shows it: "NAME<20>" (15 characters, trailing
    /// spaces dropped, then the 16th octet, the suffix, in hex). A label that is not first-level
    /// encoded is shown as it is.
    static func appendName(_ message: ByteView, at offset: Int, to text: inout TextBuilder) {
        guard let label = DNSName.firstLabel(message, at: offset) else { return }
        guard label.count == 32, isEncoded(label) else {
            text.appendLabel(label)
            return
        }
        var end = 15
        while end > 0, decodedByte(label, end - 1) == 0x20 { end -= 1 }
        for index in 0..<end {
            let byte = decodedByte(label, index)
            text.appendByte((0x21...0x7E).contains(byte) || byte == 0x20 ? byte : UInt8(ascii: "."))
        }
        text.appendByte(UInt8(ascii: "<"))
        text.appendHexByte(decodedByte(label, 15))
        text.appendByte(UInt8(ascii: ">"))
    }

    static func isEncoded(_ label: ByteView) -> Bool {
        for index in 0..<label.count where !(0x41...0x50).contains(label[index]) { return false }
        return true
    }

    /// Half-ASCII decoding: two letters 'A'…'P' carry one octet's nibbles.
    static func decodedByte(_ label: ByteView, _ index: Int) -> UInt8 {
        (label[2 * index] &- 0x41) << 4 | (label[2 * index + 1] &- 0x41)
    }

    /// The sender's own NetBIOS name, when this record says it: an NB record (type 32) of a unique
    /// name whose address is the packet source, in a registration/refresh (request) or a positive response;
    /// or, in a node status response (NBSTAT, type 33), the first unique name with suffix <00>
    /// (the workstation name of the node that answers).
    static func senderName(
        _ message: ByteView, type: Int, ownerAt ownerOffset: Int, data: ByteView, source: IPAddress,
        isResponse: Bool, events: EventBatch
    ) -> TextRef? {
        switch type {
        case 32:
            var index = 0
            // NB_FLAGS (2) + NB_ADDRESS (4), repeated (§4.2.2).
            while let flags = data.getUInt16(at: index), let address = data.getUInt32(at: index + 2), index < 6 * 16 {
                // G bit (0x8000): a group name (workgroup, domain) says nothing about the node itself.
                if flags & 0x8000 == 0, IPAddress(ipv4: address) == source {
                    var name = TextBuilder()
                    appendName(message, at: ownerOffset, to: &name)
                    return name.isEmpty ? nil : name.text(in: events)
                }
                index += 6
            }
            return nil
        case 33:
            guard isResponse, let count = data.getUInt8(at: 0) else { return nil }
            // NODE_NAME entries: 15-octet name, suffix, 2-octet NAME_FLAGS (group bit 0x8000).
            for entry in 0..<Int(count) {
                let base = 1 + entry * 18
                guard let entryName = data.slice(from: base, count: 16), let flags = data.getUInt16(at: base + 16)
                else {
                    return nil
                }
                guard entryName[15] == 0, flags & 0x8000 == 0 else { continue }
                var end = 15
                while end > 0, entryName[end - 1] == 0x20 || entryName[end - 1] == 0 { end -= 1 }
                guard end > 0 else { continue }
                var name = TextBuilder()
                name.appendText(entryName.prefix(end))
                name.append("<00>")
                return name.text(in: events)
            }
            return nil
        default:
            return nil
        }
    }
}
