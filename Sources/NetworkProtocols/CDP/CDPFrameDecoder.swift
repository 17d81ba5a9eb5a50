import BinaryParsing
import EventModel
import PacketLayers

/// One event per CDP message: header version(1), TTL(1), checksum(2), then TLVs of type(2) and
/// length(2, header included).
///
/// Identity mapping (all about the sender): Device ID → `name`, Platform → `model`, Software Version →
/// `software` (its first line, the system description) and `firmware` (the token after "Version ",
/// e.g. "12.1(22)EA14"), Capabilities → `device_type` ("switch,igmp"), the first IP address of
/// Addresses (else of Management Address) → `ip` ("192.168.0.253"), Port ID → `other`
/// ("port FastEthernet0/1") and target text.
public final class CDPFrameDecoder: FrameDecoder {
    public static let anomalyTruncated = AnomalyKind("cdp.truncated")
    public static let anomalyBadVersion = AnomalyKind("cdp.bad_version")
    public static let anomalyTLVOverrun = AnomalyKind("cdp.tlv_overrun")
    public static let anomalyBadTLVLength = AnomalyKind("cdp.bad_tlv_length")
    public static let anomalyTooManyTLVs = AnomalyKind("cdp.too_many_tlvs")
    public static let anomalyTooManyAddresses = AnomalyKind("cdp.too_many_addresses")
    /// A Port ID longer than `TextScratch.capacity` bytes: the target text is cut there.
    public static let anomalyTextTruncated = AnomalyKind("cdp.text_truncated")

    /// A CDP message fits one frame; more TLVs than this is not a device talking.
    static let maximumTLVs = 256
    /// Addresses walked per Addresses TLV before giving up.
    static let maximumAddresses = 32

    enum TLVType {
        static let deviceID: UInt16 = 0x0001
        static let addresses: UInt16 = 0x0002
        static let portID: UInt16 = 0x0003
        static let capabilities: UInt16 = 0x0004
        static let softwareVersion: UInt16 = 0x0005
        static let platform: UInt16 = 0x0006
        static let nativeVLAN: UInt16 = 0x000A
        static let duplex: UInt16 = 0x000B
        static let managementAddress: UInt16 = 0x0016
    }

    private var scratch = TextScratch()

    public init() {}

    public func receive(_ payload: ByteView, packet: DecodedPacket, context: PacketContext, events: EventBatch) {
        var event = ProtocolEvent()
        event.protocolID = .cdp
        event.functionName = "CDP"
        event.direction = .broadcast
        event.operation = .discovery
        event.identityStart = events.nextFactIndex
        decode(payload, event: &event, events: events)
        event.identityCount = events.nextFactIndex - event.identityStart
        events.emit(event, context: context, layer2: true)
    }

    private func flag(_ event: inout ProtocolEvent, _ anomaly: Anomaly) {
        if event.anomaly == nil { event.anomaly = anomaly }
    }

    private func decode(_ payload: ByteView, event: inout ProtocolEvent, events: EventBatch) {
        guard payload.count >= 4 else {
            flag(&event, Anomaly(Self.anomalyTruncated, "CDP header"))
            return
        }
        let version = payload[0]
        if version != 1 && version != 2 {
            flag(&event, Anomaly(Self.anomalyBadVersion, value: Int64(version)))
        }
        var reader = ByteReader(payload.dropFirst(4))
        var count = 0
        var mgmtFromAddresses: ByteView? = nil
        var mgmtFromManagement: ByteView? = nil
        while reader.remaining > 0 {
            guard let type = reader.readUInt16(), let length = reader.readUInt16() else {
                flag(&event, Anomaly(Self.anomalyTruncated, "TLV header"))
                break
            }
            guard length >= 4 else {
                flag(&event, Anomaly(Self.anomalyBadTLVLength, "TLV length below its header", value: Int64(length)))
                break
            }
            guard let value = reader.readView(count: Int(length) - 4) else {
                flag(&event, Anomaly(Self.anomalyTLVOverrun, "TLV length beyond the frame", value: Int64(length)))
                break
            }
            count += 1
            if count > Self.maximumTLVs {
                flag(&event, Anomaly(Self.anomalyTooManyTLVs, value: Int64(Self.maximumTLVs)))
                break
            }
            switch type {
            case TLVType.deviceID:
                events.addFact(.name, events.text(trimmingTrailingNULs(value)))
            case TLVType.addresses:
                if mgmtFromAddresses == nil { mgmtFromAddresses = firstAddress(value, event: &event) }
            case TLVType.managementAddress:
                if mgmtFromManagement == nil { mgmtFromManagement = firstAddress(value, event: &event) }
            case TLVType.portID:
                scratch.reset()
                scratch.append("port ")
                scratch.append(text: value)
                if scratch.truncated {
                    flag(&event, Anomaly(Self.anomalyTextTruncated, value: Int64(TextScratch.capacity)))
                }
                event.target.kind = .text
                event.target.text = scratch.text(in: events)
                events.addFact(.other, event.target.text)
            case TLVType.capabilities:
                guard let capabilities = value.getUInt32(at: 0), value.count == 4 else {
                    flag(&event, Anomaly(Self.anomalyBadTLVLength, "Capabilities", value: Int64(length)))
                    break
                }
                appendCapabilities(capabilities, events: events)
            case TLVType.softwareVersion:
                softwareVersion(trimmingTrailingNULs(value), events: events)
            case TLVType.platform:
                events.addFact(.model, events.text(trimmingTrailingNULs(value)))
            case TLVType.nativeVLAN:
                if value.count != 2 {
                    flag(&event, Anomaly(Self.anomalyBadTLVLength, "Native VLAN", value: Int64(length)))
                }
            case TLVType.duplex:
                if value.count != 1 { flag(&event, Anomaly(Self.anomalyBadTLVLength, "Duplex", value: Int64(length))) }
            default:
                break
            }
        }
        if let address = mgmtFromAddresses ?? mgmtFromManagement {
            scratch.reset()
            if address.count == 4 { scratch.append(ipv4: address) } else { scratch.append(ipv6: address) }
            events.addFact(.ipAddress, scratch.text(in: events))
        }
    }

    /// Addresses TLV: count(4), then per address protocol type(1), protocol length(1), protocol,
    /// address length(2), address. Returns the first IPv4 (NLPID 0xCC) or IPv6 (SNAP 0x86DD) address.
    private func firstAddress(_ value: ByteView, event: inout ProtocolEvent) -> ByteView? {
        var reader = ByteReader(value)
        guard let count = reader.readUInt32() else {
            flag(&event, Anomaly(Self.anomalyBadTLVLength, "address count"))
            return nil
        }
        var index: UInt32 = 0
        while index < count {
            if index >= UInt32(Self.maximumAddresses) {
                flag(&event, Anomaly(Self.anomalyTooManyAddresses, value: Int64(count)))
                return nil
            }
            index += 1
            guard let protocolType = reader.readUInt8(), let protocolLength = reader.readUInt8(),
                let protocolID = reader.readView(count: Int(protocolLength)),
                let addressLength = reader.readUInt16(), let address = reader.readView(count: Int(addressLength))
            else {
                flag(&event, Anomaly(Self.anomalyTLVOverrun, "address beyond its TLV"))
                return nil
            }
            let isIPv4 = protocolType == 1 && protocolLength == 1 && protocolID[0] == 0xCC && address.count == 4
            let isIPv6 =
                protocolType == 2 && protocolLength == 8 && protocolID.getUInt16(at: 6) == 0x86DD && address.count == 16
            if isIPv4 || isIPv6 { return address }
        }
        return nil
    }

    /// Capability bits, lowest first (as Wireshark's packet-cdp.c names them).
    static let capabilityNames: [StaticString] = [
        "router", "transparent-bridge", "source-route-bridge", "switch", "host", "igmp", "repeater",
        "voip-phone", "remotely-managed", "cvta", "two-port-mac-relay",
    ]

    private func appendCapabilities(_ capabilities: UInt32, events: EventBatch) {
        guard capabilities != 0 else { return }
        scratch.reset()
        for bit in 0..<Self.capabilityNames.count where capabilities & (1 << UInt32(bit)) != 0 {
            if !scratch.isEmpty { scratch.append(",") }
            scratch.append(Self.capabilityNames[bit])
        }
        if scratch.isEmpty { scratch.append("reserved") }
        events.addFact(.deviceType, scratch.text(in: events))
    }

    /// The first line → `software`; the token after "Version " → `firmware`.
    private func softwareVersion(_ value: ByteView, events: EventBatch) {
        var lineEnd = 0
        while lineEnd < value.count && value[lineEnd] != 0x0A && value[lineEnd] != 0x0D { lineEnd += 1 }
        events.addFact(.software, events.text(value.prefix(lineEnd)))
        var index = 0
        while index + 8 <= value.count {
            if value.dropFirst(index).hasPrefix("Version ") {
                let start = index + 8
                var end = start
                while end < value.count {
                    let byte = value[end]
                    if byte == 0x2C || byte == 0x20 || byte == 0x0A || byte == 0x0D { break }
                    end += 1
                }
                if let version = value.slice(from: start, count: end - start), !version.isEmpty {
                    events.addFact(.firmware, events.text(version))
                }
                return
            }
            index += 1
        }
    }
}
