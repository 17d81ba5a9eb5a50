import BinaryParsing
import EventModel
import PacketLayers

/// How the Monitor finds and decodes BACnet/IP (ASHRAE 135 Annex J): UDP 47808–47823 (0xBAC0–0xBACF)
/// and the BVLC heuristic on any port.
public enum BACnetProtocol {
    public static let udpPorts: [UInt16] = Array(47808...47823)

    /// BACnet over Ethernet rides on 802.2 LLC with DSAP/SSAP 0x82 (§7), not on an EtherType. The
    /// registration lists the SAP as a pseudo-EtherType (values ≤ 1500 are 802.3 lengths, so no real
    /// EtherType collides): a core that routes LLC frames by `UInt16(packet.llcDSAP)` to frame
    /// decoders reaches `BACnetEthernetDecoder`; until then the entry is inert.
    public static let llcPseudoEtherType = UInt16(BACnetEthernetDecoder.llcServiceAccessPoint)

    public static let registration = ProtocolRegistration(
        .bacnet, udpPorts: udpPorts, etherTypes: [llcPseudoEtherType], probeOnAnyPort: true,
        probe: BACnetProtocol.probe,
        datagram: { BACnetDatagramDecoder() },
        frame: { BACnetEthernetDecoder() })

    /// BVLC header (Annex J.2): type 0x81 (BACnet/IP), a defined function (≤ 0x0C), and a length
    /// equal to the datagram's.
    @Sendable public static func probe(_ bytes: ByteView, _ isTCP: Bool) -> ProbeResult {
        guard !isTCP else { return .noMatch }
        guard bytes.count >= 4 else { return .noMatch }
        guard bytes[0] == 0x81, bytes[1] <= 0x0C, let length = bytes.getUInt16(at: 2), Int(length) == bytes.count else {
            return .noMatch
        }
        return .match
    }
}

/// One BACnet/IP flow: BVLC (Annex J.2), then the NPDU and APDU. Answers pair with their requests
/// by invoke id.
public final class BACnetDatagramDecoder: DatagramDecoder {
    private var pending: BACnetPendingRequests? = BACnetPendingRequests()

    public init() {}

    public func receive(_ datagram: ByteView, context: PacketContext, events: EventBatch) {
        var link = BACnetApplication.Link()
        link.isBroadcast =
            context.destination.isBroadcast || context.destination.isMulticast
            || (context.hasMACs && (context.destinationMAC.isBroadcast || context.destinationMAC.isMulticast))
        var event = ProtocolEvent()
        event.protocolID = .bacnet
        event.direction = link.isBroadcast ? .broadcast : (context.fromClient ? .request : .response)
        // Annex J.2: type (0x81), function, length (the whole BVLL, header included)
        guard datagram.count >= 4, datagram[0] == 0x81, let declared = datagram.getUInt16(at: 2) else {
            event.anomaly = Anomaly(
                BACnetAnomaly.invalidBVLC, "not a BACnet/IP BVLC header", value: Int64(datagram.getUInt8(at: 0) ?? 0))
            events.emit(event, context: context)
            return
        }
        let function = Int(datagram[1])
        link.bvlcFunction = function
        // The length field covers the whole BVLL. When it disagrees with the datagram (crafted and
        // buggy senders), decode the datagram's bytes as tshark does and flag the header.
        if Int(declared) != datagram.count { link.anomaly = BACnetAnomaly.invalidBVLC }
        let body = datagram.dropFirst(4)
        switch function {
        case 0x0A, 0x0B, 0x09:  // Original-Unicast-NPDU, Original-Broadcast-NPDU, Distribute-Broadcast-To-Network
            if function != 0x0A { link.isBroadcast = true }
            BACnetApplication.decode(
                body, link: link, pending: &pending, context: context, events: events, layer2: false)
        case 0x04:  // Forwarded-NPDU: original source B/IP address (6 octets), then the NPDU
            link.isBroadcast = true
            guard body.count >= 6 else {
                event.functionName = BACnetServices.bvlcName(function)
                event.anomaly = Anomaly(BACnetAnomaly.invalidBVLC, "Forwarded-NPDU without its original source")
                events.emit(event, context: context)
                return
            }
            BACnetApplication.decode(
                body.dropFirst(6), link: link, pending: &pending, context: context, events: events, layer2: false)
        default:
            // BVLC-only messages: no NPDU, so no service (tshark's bacapp fields are absent too).
            event.functionName = BACnetServices.bvlcName(function)
            event.operation = BACnetServices.bvlcOperation(function)
            if let kind = link.anomaly { event.anomaly = Anomaly(kind, "BVLC length differs from the datagram") }
            if function > 0x0C {
                event.anomaly =
                    event.anomaly
                    ?? Anomaly(BACnetAnomaly.unknownBVLCFunction, "BVLC function above 0x0C", value: Int64(function))
            }
            if function == 0x00 {  // BVLC-Result: result code, 0 = successful completion
                event.direction = .response
                let code = Int64(body.getUInt16(at: 0) ?? 0)
                event.result = code == 0 ? .ok : .error(code, Self.bvlcResultName(code))
            } else if function == 0x03 || function == 0x07 {
                event.direction = .response
                event.result = .ok
            }
            events.emit(event, context: context)
        }
    }

    /// BVLC-Result codes (Annex J.2.1.1).
    static func bvlcResultName(_ code: Int64) -> StaticString {
        switch code {
        case 0x10: "Write-Broadcast-Distribution-Table NAK"
        case 0x20: "Read-Broadcast-Distribution-Table NAK"
        case 0x30: "Register-Foreign-Device NAK"
        case 0x40: "Read-Foreign-Device-Table NAK"
        case 0x50: "Delete-Foreign-Device-Table-Entry NAK"
        case 0x60: "Distribute-Broadcast-To-Network NAK"
        default: "BVLC-Result NAK"
        }
    }
}

/// BACnet over Ethernet (ASHRAE 135 §7): 802.3 frames with LLC DSAP/SSAP 0x82 carrying an NPDU.
/// The core hands frame decoders EtherType payloads only, so it is reached once the core routes LLC
/// SAP 0x82 here (see `BACnetProtocol.llcPseudoEtherType` and Tests/BACnetTests/KNOWN_DIFFERENCES.md).
/// Stateless per frame: answers are not paired.
public final class BACnetEthernetDecoder: FrameDecoder {
    public static let llcServiceAccessPoint: UInt8 = 0x82

    private var noPairing: BACnetPendingRequests? = nil

    public init() {}

    public func receive(_ payload: ByteView, packet: DecodedPacket, context: PacketContext, events: EventBatch) {
        guard packet.isLLC, packet.llcDSAP == Self.llcServiceAccessPoint else { return }
        var link = BACnetApplication.Link()
        link.isBroadcast = packet.destinationMAC.isBroadcast || packet.destinationMAC.isMulticast
        BACnetApplication.decode(
            payload, link: link, pending: &noPairing, context: context, events: events, layer2: true)
    }
}
