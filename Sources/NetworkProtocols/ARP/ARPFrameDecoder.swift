import BinaryParsing
import EventModel
import PacketLayers

/// One event per ARP/RARP packet (RFC 826, RFC 903, RFC 2390 Inverse ARP, RFC 5227 probes and
/// announcements).
///
/// - `function` = the operation code (tshark `arp.opcode`), `function_name` from the IANA registry
///   ("Request", "Reply", "Reverse Request" …), `direction` request/response, `broadcast` for a
///   gratuitous ARP (sender IP = target IP), `operation` discovery.
/// - `target.text` says what the packet asks or claims, as tshark's Info column does:
///   `who-has 10.0.0.5 tell 10.0.0.1`, `10.0.0.5 is-at 00:1b:1b:34:34:ce`, `probe who-has 10.0.0.5`,
///   `announcement 10.0.0.5 is-at …`, `gratuitous 10.0.0.5 is-at …`; RARP `who-is <mac> tell <mac>`,
///   `<mac> is-at 10.0.0.9`. A conflict appends ` (was <previous mac>)`.
/// - Fact `ip` = the sender protocol address about the sender hardware address (not for 0.0.0.0, and
///   not for a multicast or zero sender MAC); a RARP reply also binds the target (the address it assigns).
///
/// Anomalies (`arp.*`): `truncated`, `bad_hardware_size` / `bad_protocol_size` (Ethernet with a length
/// other than 6, IPv4 with other than 4, or 0), `unknown_opcode`, `sender_mismatch` (Ethernet source ≠
/// sender hardware address: a sign of spoofing), `multicast_sender` (a group MAC claims an address),
/// `address_conflict` (a second MAC claims an address another MAC claimed less than `conflictWindow`
/// ago), `binding_table_full` (counted only: the claim table started over at its cap).
///
/// The claim table is per worker. With several workers, ARP frames are sharded by their MAC pair, so
/// two stations claiming one address may land on different workers and the conflict goes unseen;
/// sharding ARP by the sender protocol address would keep every claim of an address together.
public final class ARPFrameDecoder: FrameDecoder {
    public static let anomalyTruncated = AnomalyKind("arp.truncated")
    public static let anomalyBadHardwareSize = AnomalyKind("arp.bad_hardware_size")
    public static let anomalyBadProtocolSize = AnomalyKind("arp.bad_protocol_size")
    public static let anomalyUnknownOpcode = AnomalyKind("arp.unknown_opcode")
    public static let anomalySenderMismatch = AnomalyKind("arp.sender_mismatch")
    public static let anomalyMulticastSender = AnomalyKind("arp.multicast_sender")
    public static let anomalyAddressConflict = AnomalyKind("arp.address_conflict")
    public static let anomalyBindingTableFull = AnomalyKind("arp.binding_table_full")

    /// Distinct IPv4 addresses whose claims are remembered per worker (≈ 2 MiB when full).
    public static let defaultBindingCapacity = 65_536
    /// A different MAC claiming an address claimed less than this long ago is a conflict; an older claim
    /// is taken as a re-addressed or replaced device (nanoseconds).
    public static let conflictWindow: Int64 = 300 * 1_000_000_000

    /// RFC 826 fixed header: hardware type(2), protocol type(2), hardware length(1), protocol length(1),
    /// operation(2); then sender hardware, sender protocol, target hardware, target protocol addresses.
    static let headerLength = 8

    /// IANA "Operation Codes" (arp-parameters).
    enum Opcode {
        static let request: UInt16 = 1
        static let reply: UInt16 = 2
        static let reverseRequest: UInt16 = 3
        static let reverseReply: UInt16 = 4
        static let dynamicReverseRequest: UInt16 = 5
        static let dynamicReverseReply: UInt16 = 6
        static let dynamicReverseError: UInt16 = 7
        static let inverseRequest: UInt16 = 8
        static let inverseReply: UInt16 = 9
        static let negativeAcknowledgement: UInt16 = 10
    }

    /// IANA "Hardware Types": 1 Ethernet, 6 IEEE 802 networks (both carry 6-byte MACs).
    static func isEthernetHardware(_ type: UInt16) -> Bool { type == 1 || type == 6 }
    static let ipv4ProtocolType: UInt16 = 0x0800

    private var bindings: ARPBindingTable
    private var scratch = TextScratch()

    public init(bindingCapacity: Int = ARPFrameDecoder.defaultBindingCapacity) {
        bindings = ARPBindingTable(capacity: bindingCapacity, window: Self.conflictWindow)
    }

    public func receive(_ payload: ByteView, packet: DecodedPacket, context: PacketContext, events: EventBatch) {
        var event = ProtocolEvent()
        event.protocolID = .arp
        event.function = -1
        event.functionName = "ARP"
        event.direction = .request
        event.operation = .discovery
        let start = events.nextFactIndex
        decode(payload, event: &event, context: context, events: events)
        event.identityStart = start
        event.identityCount = events.nextFactIndex - start
        events.emit(event, context: context, layer2: true)
    }

    /// The first anomaly becomes the event's; later ones are still counted.
    private func flag(_ event: inout ProtocolEvent, _ anomaly: Anomaly, events: EventBatch) {
        if event.anomaly == nil { event.anomaly = anomaly } else { events.recordAnomaly(anomaly.kind) }
    }

    private func decode(_ payload: ByteView, event: inout ProtocolEvent, context: PacketContext, events: EventBatch) {
        guard let hardwareType = payload.getUInt16(at: 0), let protocolType = payload.getUInt16(at: 2),
            let hardwareLength = payload.getUInt8(at: 4), let protocolLength = payload.getUInt8(at: 5),
            let opcode = payload.getUInt16(at: 6)
        else {
            event.anomaly = Anomaly(Self.anomalyTruncated, "shorter than the ARP header", value: Int64(payload.count))
            return
        }
        event.function = Int64(opcode)
        event.functionName = Self.name(of: opcode)
        switch opcode {
        case Opcode.reply, Opcode.reverseReply, Opcode.dynamicReverseReply, Opcode.inverseReply:
            event.direction = .response
            event.result = .ok
        case Opcode.dynamicReverseError, Opcode.negativeAcknowledgement:
            event.direction = .response
            event.result = .error(Int64(opcode), opcode == Opcode.negativeAcknowledgement ? "ARP NAK" : "DRARP Error")
        default:
            event.direction = .request
        }
        if hardwareLength == 0 || (Self.isEthernetHardware(hardwareType) && hardwareLength != 6) {
            event.anomaly = Anomaly(
                Self.anomalyBadHardwareSize, "hardware address length", value: Int64(hardwareLength))
            return
        }
        if protocolLength == 0 || (protocolType == Self.ipv4ProtocolType && protocolLength != 4) {
            event.anomaly = Anomaly(
                Self.anomalyBadProtocolSize, "protocol address length", value: Int64(protocolLength))
            return
        }
        let length = Self.headerLength + 2 * (Int(hardwareLength) + Int(protocolLength))
        guard payload.count >= length else {
            event.anomaly = Anomaly(
                Self.anomalyTruncated, "addresses cut short by the frame", value: Int64(payload.count))
            return
        }
        if opcode == 0 || opcode > 25 {
            // Reserved (0, 65535) or unassigned.
            flag(&event, Anomaly(Self.anomalyUnknownOpcode, value: Int64(opcode)), events: events)
        }
        // Only Ethernet/IPv4 ARP names hosts we can key on.
        guard hardwareLength == 6, protocolLength == 4, protocolType == Self.ipv4ProtocolType else { return }
        decodeEthernetIPv4(payload, opcode: opcode, event: &event, context: context, events: events)
    }

    private func decodeEthernetIPv4(
        _ payload: ByteView, opcode: UInt16, event: inout ProtocolEvent, context: PacketContext, events: EventBatch
    ) {
        let senderMACView = payload.slice(from: 8, count: 6) ?? .empty
        let senderIPView = payload.slice(from: 14, count: 4) ?? .empty
        let targetMACView = payload.slice(from: 18, count: 6) ?? .empty
        let targetIPView = payload.slice(from: 24, count: 4) ?? .empty
        let senderMAC = Self.mac(payload, at: 8)
        let targetMAC = Self.mac(payload, at: 18)
        let senderIP = payload.getUInt32(at: 14) ?? 0
        let targetIP = payload.getUInt32(at: 24) ?? 0

        // Classified as tshark does (packet-arp.c): gratuitous = request or reply with sender IP = target
        // IP; announcement = a gratuitous request with a zero target MAC (RFC 5227 §2.3); probe = a
        // request from 0.0.0.0 with a zero target MAC (RFC 5227 §2.1.1).
        let isARP = opcode == Opcode.request || opcode == Opcode.reply
        let isGratuitous = isARP && senderIP == targetIP
        let isAnnouncement = isGratuitous && opcode == Opcode.request && targetMAC == .zero
        let isProbe = !isGratuitous && opcode == Opcode.request && targetMAC == .zero && senderIP == 0
        if isGratuitous { event.direction = .broadcast }

        if context.hasMACs && context.sourceMAC != senderMAC {
            flag(&event, Anomaly(Self.anomalySenderMismatch, "Ethernet source is not the sender MAC"), events: events)
        }
        let senderIsStation = senderMAC != .zero && !senderMAC.isMulticast
        if !senderIsStation && senderIP != 0 {
            flag(&event, Anomaly(Self.anomalyMulticastSender, "zero or group MAC claims an address"), events: events)
        }

        var previous: MACAddress? = nil
        if isARP && senderIP != 0 && senderIsStation {
            let resets = bindings.resets
            if case .conflict(let earlier) = bindings.record(senderIP, mac: senderMAC, time: context.timestamp) {
                previous = earlier
                // The conflict outranks the other findings: it is the one to act on.
                if let other = event.anomaly { events.recordAnomaly(other.kind) }
                event.anomaly = Anomaly(Self.anomalyAddressConflict, "another MAC claimed this address")
            }
            if bindings.resets != resets { events.recordAnomaly(Self.anomalyBindingTableFull) }
        }

        guard events.isCollecting else { return }
        if senderIP != 0 && senderIsStation {
            scratch.reset()
            scratch.append(ipv4: senderIPView)
            events.addFact(.ipAddress, scratch.text(in: events), about: .mac(senderMAC))
        }
        if (opcode == Opcode.reverseReply || opcode == Opcode.dynamicReverseReply) && targetIP != 0
            && targetMAC != .zero && !targetMAC.isMulticast
        {
            scratch.reset()
            scratch.append(ipv4: targetIPView)
            events.addFact(.ipAddress, scratch.text(in: events), about: .mac(targetMAC))
        }

        scratch.reset()
        switch opcode {
        case Opcode.request where isAnnouncement, Opcode.request where isGratuitous, Opcode.reply where isGratuitous:
            scratch.append(isAnnouncement ? "announcement " : "gratuitous ")
            appendClaim(ip: senderIPView, mac: senderMACView)
        case Opcode.request where isProbe:
            scratch.append("probe who-has ")
            scratch.append(ipv4: targetIPView)
        case Opcode.request:
            scratch.append("who-has ")
            scratch.append(ipv4: targetIPView)
            scratch.append(" tell ")
            scratch.append(ipv4: senderIPView)
        case Opcode.reply, Opcode.inverseReply:
            appendClaim(ip: senderIPView, mac: senderMACView)
        case Opcode.reverseRequest, Opcode.dynamicReverseRequest, Opcode.inverseRequest:
            scratch.append("who-is ")
            scratch.append(mac: targetMACView)
            scratch.append(" tell ")
            scratch.append(mac: senderMACView)
        case Opcode.reverseReply, Opcode.dynamicReverseReply:
            scratch.append(mac: targetMACView)
            scratch.append(" is-at ")
            scratch.append(ipv4: targetIPView)
        default:
            return
        }
        if let previous {
            scratch.append(" (was ")
            appendMAC(previous)
            scratch.append(")")
        }
        event.target.kind = .text
        event.target.text = scratch.text(in: events)
    }

    private func appendClaim(ip: ByteView, mac: ByteView) {
        scratch.append(ipv4: ip)
        scratch.append(" is-at ")
        scratch.append(mac: mac)
    }

    private func appendMAC(_ mac: MACAddress) {
        for index in 0..<6 {
            if index > 0 { scratch.append(":") }
            scratch.append(hexByte: UInt8(truncatingIfNeeded: mac.rawValue >> UInt64(40 - 8 * index)))
        }
    }

    static func mac(_ view: ByteView, at offset: Int) -> MACAddress {
        guard let high = view.getUInt32(at: offset), let low = view.getUInt16(at: offset + 4) else { return .zero }
        return MACAddress(rawValue: UInt64(high) << 16 | UInt64(low))
    }

    /// IANA operation code names (RFC 826, 903, 1931, 2390, 1577, 2022, 2176, 5494).
    static func name(of opcode: UInt16) -> StaticString {
        switch opcode {
        case Opcode.request: "Request"
        case Opcode.reply: "Reply"
        case Opcode.reverseRequest: "Reverse Request"
        case Opcode.reverseReply: "Reverse Reply"
        case Opcode.dynamicReverseRequest: "DRARP Request"
        case Opcode.dynamicReverseReply: "DRARP Reply"
        case Opcode.dynamicReverseError: "DRARP Error"
        case Opcode.inverseRequest: "InARP Request"
        case Opcode.inverseReply: "InARP Reply"
        case Opcode.negativeAcknowledgement: "ARP NAK"
        case 11...22: "MARS"
        case 23: "MAPOS UNARP"
        case 24, 25: "Experimental"
        default: "Unknown"
        }
    }
}
