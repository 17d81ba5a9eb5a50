import EventModel
import PacketLayers

/// Small allocation-free helpers the surveillance rules share on the packet path. Loops are
/// `while` loops: unoptimised builds step a `for` through a generic iterator that allocates.
enum RuleMatching {
    /// FNV-1a over the bytes of a text in the batch's arena: a sweep counts distinct names (OPC UA
    /// nodes, SNMP communities) without building a String per event.
    static func hash(_ text: TextRef, in batch: EventBatch) -> Int64 {
        batch.withBytes(text) { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            var index = 0
            while index < bytes.count {
                hash ^= UInt64(bytes[index])
                hash &*= 0x0000_0100_0000_01B3
                index += 1
            }
            return Int64(bitPattern: hash)
        }
    }

    /// Whether a text equals `literal`, ASCII letters compared without case.
    static func text(_ text: TextRef, in batch: EventBatch, equalsIgnoringCase literal: StaticString) -> Bool {
        batch.withBytes(text) { bytes in
            guard bytes.count == literal.utf8CodeUnitCount else { return false }
            let expected = literal.utf8Start
            var index = 0
            while index < bytes.count {
                if bytes[index] | 0x20 != expected[index] | 0x20 { return false }
                index += 1
            }
            return true
        }
    }

    /// Whether a text starts with `literal` (exact bytes).
    static func text(_ text: TextRef, in batch: EventBatch, hasPrefix literal: StaticString) -> Bool {
        batch.withBytes(text) { bytes in
            let count = literal.utf8CodeUnitCount
            guard bytes.count >= count else { return false }
            let expected = literal.utf8Start
            var index = 0
            while index < count {
                if bytes[index] != expected[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// The first identity fact of `key` on an event, if any.
    static func fact(_ key: IdentityKey, of event: ProtocolEvent, in batch: EventBatch) -> IdentityFact? {
        guard event.identityCount > 0 else { return nil }
        let facts = batch.facts(of: event)
        var index = facts.startIndex
        while index < facts.endIndex {
            if facts[index].key == key { return facts[index] }
            index += 1
        }
        return nil
    }

    /// An address that is routable on the internet: not private (RFC 1918, RFC 4193), loopback,
    /// link-local, CGNAT (RFC 6598), multicast or broadcast. A controller talking to one is talking
    /// across the plant's boundary.
    static func isPublic(_ address: IPAddress) -> Bool { address.isGloballyRoutable }

    /// A number that keeps one (address, port) pair apart from others in a `distinct` count.
    static func endpointValue(_ address: IPAddress, port: UInt16) -> Int64 {
        var hash = address.high &* 0x9E37_79B9_7F4A_7C15 ^ address.low
        hash = (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
        return Int64(bitPattern: hash ^ UInt64(port))
    }

    /// The industrial ports a scanner probes (IANA registrations and vendor defaults): S7/ISO-TSAP
    /// 102, Modbus 502, EtherNet/IP 2222/44818, IEC 104 2404, OPC UA 4840, OMRON FINS 9600, DNP3
    /// 20000, BACnet 47808, MQTT 1883/8883, PROFINET RT/CM 34962-34964, MELSEC 5006/5007, PCWorx
    /// 1962, CODESYS 2455/11740/1200, IEC 61850 GE-SRTP 18245, Niagara Fox 1911/4911, HART-IP 5094,
    /// FL-net 55000-55003 are not counted (they are rare), TriStation 1502, ProConOS 20547, Red
    /// Lion Crimson 789, Unitronics PCOM 20256.
    static func isIndustrialPort(_ port: UInt16) -> Bool {
        switch port {
        case 102, 502, 789, 1200, 1502, 1883, 1911, 1962, 2222, 2404, 2455, 4840, 4911, 5006, 5007, 5094, 8883, 9600,
            11740, 18245, 20000, 20256, 20547, 34962...34964, 44818, 47808:
            true
        default: false
        }
    }
}
