import BinaryParsing
import EventModel
import PacketLayers

/// One event per LLDPDU (IEEE 802.1AB-2016 §8): the device's name, description, capabilities and
/// management address become identity facts; the port it sent from becomes the target.
///
/// Identity mapping (all about the sender): system name → `name`, system description → `software`,
/// chassis id of subtype interface name / locally assigned (where PROFINET devices put their
/// NameOfStation) → `station_name`, system capabilities → `device_type` ("bridge,router"), the first
/// IPv4/IPv6 management address → `ip` (without one, a network-address chassis id), a MAC management
/// address or else a MAC chassis id → `mac`, port id and port description → `other`
/// ("port port-001 (Port 1 - 100 Mbit)"), TIA-MED inventory → `hardware`, `firmware`, `serial`,
/// `vendor`, `model`.
public final class LLDPFrameDecoder: FrameDecoder {
    public static let anomalyTruncated = AnomalyKind("lldp.truncated")
    public static let anomalyTLVOverrun = AnomalyKind("lldp.tlv_overrun")
    public static let anomalyTooManyTLVs = AnomalyKind("lldp.too_many_tlvs")
    public static let anomalyMandatoryTLV = AnomalyKind("lldp.missing_mandatory_tlv")
    public static let anomalyBadTLVLength = AnomalyKind("lldp.bad_tlv_length")
    public static let anomalyMissingEnd = AnomalyKind("lldp.missing_end")

    /// An LLDPDU fits one frame (≤ 1500 bytes, a TLV is ≥ 2): more TLVs than this is not a device.
    static let maximumTLVs = 256

    private var scratch = TextScratch()

    public init() {}

    /// §8.5 TLV types.
    enum TLVType {
        static let end: UInt16 = 0
        static let chassisID: UInt16 = 1
        static let portID: UInt16 = 2
        static let timeToLive: UInt16 = 3
        static let portDescription: UInt16 = 4
        static let systemName: UInt16 = 5
        static let systemDescription: UInt16 = 6
        static let systemCapabilities: UInt16 = 7
        static let managementAddress: UInt16 = 8
        static let organizationallySpecific: UInt16 = 127
    }

    public func receive(_ payload: ByteView, packet: DecodedPacket, context: PacketContext, events: EventBatch) {
        var event = ProtocolEvent()
        event.protocolID = .lldp
        event.functionName = "LLDPDU"
        event.direction = .broadcast
        event.operation = .discovery
        event.identityStart = events.nextFactIndex
        decodeTLVs(payload, event: &event, events: events)
        event.identityCount = events.nextFactIndex - event.identityStart
        events.emit(event, context: context, layer2: true)
    }

    private func flag(_ event: inout ProtocolEvent, _ anomaly: Anomaly) {
        if event.anomaly == nil { event.anomaly = anomaly }
    }

    private func decodeTLVs(_ payload: ByteView, event: inout ProtocolEvent, events: EventBatch) {
        guard payload.count >= 2 else {
            flag(&event, Anomaly(Self.anomalyTruncated, "LLDPDU shorter than a TLV header"))
            return
        }
        var reader = ByteReader(payload)
        var index = 0
        var seenEnd = false
        var hasManagementIP = false
        var hasManagementMAC = false
        var chassisFallback: ByteView? = nil
        var chassisFallbackSubtype: UInt8 = 0
        var portID = ByteView.empty
        var portDescription = ByteView.empty
        while reader.remaining >= 2 {
            guard let header = reader.readUInt16() else { break }
            let type = header >> 9
            let length = Int(header & 0x01FF)
            guard let value = reader.readView(count: length) else {
                flag(&event, Anomaly(Self.anomalyTLVOverrun, "TLV length beyond the frame", value: Int64(length)))
                break
            }
            // §8.2: the first three TLVs are Chassis ID, Port ID and Time To Live, in this order.
            if index < 3 && UInt16(index + 1) != type {
                flag(
                    &event,
                    Anomaly(Self.anomalyMandatoryTLV, "Chassis ID, Port ID, TTL must come first", value: Int64(type)))
            }
            index += 1
            if index > Self.maximumTLVs {
                flag(&event, Anomaly(Self.anomalyTooManyTLVs, value: Int64(Self.maximumTLVs)))
                break
            }
            switch type {
            case TLVType.end:
                seenEnd = true
            case TLVType.chassisID:
                // §8.5.2: subtype(1) + id(1…255).
                guard length >= 2 else {
                    flag(&event, Anomaly(Self.anomalyBadTLVLength, "Chassis ID", value: Int64(length)))
                    break
                }
                let subtype = value[0]
                let id = value.dropFirst(1)
                switch subtype {
                case 6, 7:  // interface name, locally assigned
                    events.addFact(.stationName, events.text(trimmingTrailingNULs(id)))
                case 4, 5:  // MAC address, network address
                    chassisFallback = id
                    chassisFallbackSubtype = subtype
                default:
                    break
                }
            case TLVType.portID:
                // §8.5.3: subtype(1) + id(1…255).
                guard length >= 2 else {
                    flag(&event, Anomaly(Self.anomalyBadTLVLength, "Port ID", value: Int64(length)))
                    break
                }
                scratch.reset()
                scratch.append("port ")
                appendPortID(value)
                event.target.kind = .text
                event.target.text = scratch.text(in: events)
                portID = value
            case TLVType.portDescription:
                portDescription = trimmingTrailingNULs(value)
            case TLVType.timeToLive:
                if length < 2 { flag(&event, Anomaly(Self.anomalyBadTLVLength, "Time To Live", value: Int64(length))) }
            case TLVType.systemName:
                events.addFact(.name, events.text(trimmingTrailingNULs(value)))
            case TLVType.systemDescription:
                events.addFact(.software, events.text(trimmingTrailingNULs(value)))
            case TLVType.systemCapabilities:
                // §8.5.8: system capabilities(2) + enabled capabilities(2).
                guard length == 4, let capabilities = value.getUInt16(at: 0) else {
                    flag(&event, Anomaly(Self.anomalyBadTLVLength, "System Capabilities", value: Int64(length)))
                    break
                }
                appendCapabilities(capabilities, events: events)
            case TLVType.managementAddress:
                // §8.5.9: address string length(1) = subtype(1) + address(1…31), interface subtype(1),
                // interface number(4), OID string length(1), OID(0…128).
                guard length >= 9, let stringLength = value.getUInt8(at: 0), stringLength >= 2,
                    Int(stringLength) + 1 + 5 + 1 <= length
                else {
                    flag(&event, Anomaly(Self.anomalyBadTLVLength, "Management Address", value: Int64(length)))
                    break
                }
                let subtype = value[1]
                let address = value.slice(from: 2, count: Int(stringLength) - 1) ?? .empty
                // IANA address family numbers: 1 IPv4, 2 IPv6, 6 IEEE 802 (MAC); one of each kind.
                let isIP = (subtype == 1 && address.count == 4) || (subtype == 2 && address.count == 16)
                let isMAC = subtype == 6 && address.count == 6
                guard (isIP && !hasManagementIP) || (isMAC && !hasManagementMAC) else { break }
                scratch.reset()
                appendAddress(subtype: subtype, address)
                events.addFact(isIP ? .ipAddress : .macAddress, scratch.text(in: events))
                if isIP { hasManagementIP = true } else { hasManagementMAC = true }
            case TLVType.organizationallySpecific:
                guard length >= 4 else {
                    flag(&event, Anomaly(Self.anomalyBadTLVLength, "Organizationally Specific", value: Int64(length)))
                    break
                }
                decodeOrganizationallySpecific(value, event: &event, events: events)
            default:
                break
            }
            if seenEnd { break }
        }
        if index < 3 {
            flag(&event, Anomaly(Self.anomalyMandatoryTLV, "fewer than three TLVs", value: Int64(index)))
        }
        if let chassis = chassisFallback {
            // §8.5.2.3: subtype 4 is a MAC, subtype 5 an IANA family + address.
            let family = chassis.getUInt8(at: 0) ?? 0
            let isMAC = chassisFallbackSubtype == 4 && chassis.count == 6
            let isIP =
                chassisFallbackSubtype == 5
                && ((family == 1 && chassis.count == 5) || (family == 2 && chassis.count == 17))
            if (isMAC && !hasManagementMAC) || (isIP && !hasManagementIP) {
                scratch.reset()
                if isMAC { scratch.append(mac: chassis) } else { appendNetworkAddress(chassis) }
                events.addFact(isMAC ? .macAddress : .ipAddress, scratch.text(in: events))
            }
        }
        if !portID.isEmpty || !portDescription.isEmpty {
            scratch.reset()
            scratch.append("port")
            if !portID.isEmpty {
                scratch.append(" ")
                appendPortID(portID)
            }
            if !portDescription.isEmpty {
                scratch.append(" (")
                scratch.append(text: portDescription)
                scratch.append(")")
            }
            events.addFact(.other, scratch.text(in: events))
        }
        if !seenEnd && reader.remaining > 0 {
            flag(&event, Anomaly(Self.anomalyMissingEnd, "trailing bytes without End Of LLDPDU"))
        }
    }

    /// §8.5.3: subtype(1) + id; a MAC (3) and a network address (4) are formatted, the rest is text.
    private func appendPortID(_ value: ByteView) {
        let id = value.dropFirst(1)
        switch value[0] {
        case 3 where id.count == 6: scratch.append(mac: id)
        case 4: appendNetworkAddress(id)
        default: scratch.append(text: id)
        }
    }

    /// A network address as LLDP carries it: IANA address family(1) + address.
    private func appendNetworkAddress(_ view: ByteView) {
        guard let family = view.getUInt8(at: 0) else { return }
        appendAddress(subtype: family, view.dropFirst(1))
    }

    /// IANA address family numbers: 1 IPv4, 2 IPv6, 6 IEEE 802 (MAC).
    private func appendAddress(subtype: UInt8, _ address: ByteView) {
        switch (subtype, address.count) {
        case (1, 4): scratch.append(ipv4: address)
        case (2, 16): scratch.append(ipv6: address)
        case (6, 6): scratch.append(mac: address)
        default: scratch.append(hex: address)
        }
    }

    /// §8.5.8.1 capability bits, lowest first.
    static let capabilityNames: [StaticString] = [
        "other", "repeater", "bridge", "wlan-access-point", "router", "telephone", "docsis-cable-device",
        "station", "c-vlan", "s-vlan", "two-port-mac-relay",
    ]

    private func appendCapabilities(_ capabilities: UInt16, events: EventBatch) {
        guard capabilities != 0 else { return }
        scratch.reset()
        for bit in 0..<Self.capabilityNames.count where capabilities & (1 << UInt16(bit)) != 0 {
            if !scratch.isEmpty { scratch.append(",") }
            scratch.append(Self.capabilityNames[bit])
        }
        if scratch.isEmpty { scratch.append("reserved") }
        events.addFact(.deviceType, scratch.text(in: events))
    }

    /// OUI(3) + subtype(1) + information. Only TIA-MED inventory (ANSI/TIA-1057 §10.2.6) carries
    /// identity; the other known subtypes are checked for their fixed lengths.
    private func decodeOrganizationallySpecific(_ value: ByteView, event: inout ProtocolEvent, events: EventBatch) {
        let oui = UInt32(value[0]) << 16 | UInt32(value[1]) << 8 | UInt32(value[2])
        let subtype = value[3]
        let information = value.dropFirst(4)
        switch oui {
        case 0x00_12BB:  // TIA (LLDP-MED)
            let key: IdentityKey?
            switch subtype {
            case 5: key = .hardware
            case 6: key = .firmware
            case 8: key = .serial
            case 9: key = .vendor
            case 10: key = .model
            default: key = nil
            }
            if let key, !information.isEmpty { events.addFact(key, events.text(trimmingTrailingNULs(information))) }
        case 0x00_80C2:  // IEEE 802.1: Port VLAN ID needs 2 bytes
            if subtype == 1 && information.count < 2 {
                flag(&event, Anomaly(Self.anomalyBadTLVLength, "802.1 Port VLAN ID", value: Int64(value.count)))
            }
        case 0x00_0ECF:  // PROFINET (IEC 61158-6-10): chassis MAC (subtype 5) is 6 bytes
            if subtype == 5 && information.count < 6 {
                flag(&event, Anomaly(Self.anomalyBadTLVLength, "PROFINET chassis MAC", value: Int64(value.count)))
            }
        default:
            break
        }
    }
}
