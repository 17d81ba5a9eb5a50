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

    /// What the facts of one message have used up: one `name` and one `domain` about the sender
    /// (identity keys are unique per event), a cap on facts about other addresses.
    struct FactState {
        var namedSender = false
        var domainOfSender = false
        var bindings = 0
    }

    /// Facts about other addresses per message (a multi-homed registration lists a few).
    static let maximumBindings = 32

    /// What a NetBIOS name says about the node that holds it, by suffix (the 16th octet) and the group
    /// bit. Host names: unique <00> (workstation) and <20> (server). Domain or workgroup: group <00>,
    /// <1C> (domain controllers), <1E> (browser elections), unique <1B> (domain master browser) and <1D>
    /// (master browser). Other suffixes are skipped: <03> is also registered for the logged-on user.
    static func key(suffix: UInt8, group: Bool) -> IdentityKey? {
        switch (suffix, group) {
        case (0x00, false), (0x20, false): .name
        case (0x00, true), (0x1C, true), (0x1E, true), (0x1B, false), (0x1D, false): .domain
        default: nil
        }
    }

    /// The facts an NB or NBSTAT record gives (RFC 1002 §4.2.2, §4.2.18).
    ///
    /// - NB (type 32) in a registration, refresh or multi-homed registration (opcodes 5, 8, 9, 15) or in a
    ///   positive query response (opcode 0): each NB_ADDRESS holds the name; the value is the name
    ///   without its suffix and padding ("HMI-01"), the key says what it is (see `key`). About the sender
    ///   when the address is the packet's source, else about that address.
    /// - NBSTAT (type 33) response: the node's own names and its unit id (MAC) describe the sender.
    static func addFacts(
        _ message: ByteView, type: Int, ownerAt ownerOffset: Int, data: ByteView, opcode: Int, isResponse: Bool,
        rcode: Int, source: IPAddress, state: inout FactState, events: EventBatch
    ) {
        guard rcode == 0 else { return }
        switch type {
        case 32:
            let claims = opcode == 5 || opcode == 8 || opcode == 9 || opcode == 15 || (opcode == 0 && isResponse)
            guard claims, let label = DNSName.firstLabel(message, at: ownerOffset), label.count == 32,
                isEncoded(label)
            else { return }
            let suffix = decodedByte(label, 15)
            var index = 0
            // NB_FLAGS (2) + NB_ADDRESS (4), repeated (§4.2.2).
            while let flags = data.getUInt16(at: index), let address = data.getUInt32(at: index + 2), index < 6 * 16 {
                index += 6
                // G bit (0x8000): a group name (workgroup, domain).
                guard let key = key(suffix: suffix, group: flags & 0x8000 != 0) else { continue }
                let holder = IPAddress(ipv4: address)
                var name = TextBuilder()
                appendBareName(label, to: &name)
                guard !name.isEmpty, address != 0 else { continue }
                if holder == source && !(key == .name ? state.namedSender : state.domainOfSender) {
                    events.addFact(key, name.text(in: events))
                    if key == .name { state.namedSender = true } else { state.domainOfSender = true }
                } else if state.bindings < maximumBindings {
                    events.addFact(key, name.text(in: events), about: .address(holder))
                    state.bindings += 1
                }
            }
        case 33:
            guard isResponse, let count = data.getUInt8(at: 0) else { return }
            // NODE_NAME entries: 15-octet name, suffix, 2-octet NAME_FLAGS (group bit 0x8000), then the
            // statistics, which start with the 6-octet UNIT_ID (the adapter's MAC).
            for entry in 0..<Int(count) {
                let base = 1 + entry * 18
                guard let entryName = data.slice(from: base, count: 16), let flags = data.getUInt16(at: base + 16)
                else {
                    return
                }
                guard let key = key(suffix: entryName[15], group: flags & 0x8000 != 0),
                    !(key == .name ? state.namedSender : state.domainOfSender)
                else { continue }
                var end = 15
                while end > 0, entryName[end - 1] == 0x20 || entryName[end - 1] == 0 { end -= 1 }
                guard end > 0 else { continue }
                var name = TextBuilder()
                name.appendText(entryName.prefix(end))
                events.addFact(key, name.text(in: events))
                if key == .name { state.namedSender = true } else { state.domainOfSender = true }
            }
            if let unitID = data.slice(from: 1 + Int(count) * 18, count: 6),
                unitID.getUInt32(at: 0) != 0 || unitID.getUInt16(at: 4) != 0
            {
                var mac = TextBuilder()
                mac.appendHex(unitID)
                events.addFact(.macAddress, mac.text(in: events))
            }
        default:
            return
        }
    }

    /// The first-level decoded name without the suffix octet and trailing padding spaces.
    static func appendBareName(_ label: ByteView, to text: inout TextBuilder) {
        var end = 15
        while end > 0, decodedByte(label, end - 1) == 0x20 { end -= 1 }
        for index in 0..<end {
            let byte = decodedByte(label, index)
            text.appendByte((0x21...0x7E).contains(byte) || byte == 0x20 ? byte : UInt8(ascii: "."))
        }
    }
}
