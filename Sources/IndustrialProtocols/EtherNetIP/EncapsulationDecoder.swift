import BinaryParsing
import EventModel

/// Turns complete encapsulation PDUs into an `enip` event each, followed by the `cip` events of the
/// CIP message they carry. Shared by the TCP and UDP decoders of one flow.
struct EncapsulationDecoder {
    var cip = CIPMessageDecoder()

    /// `pdu` is one whole encapsulation PDU (header and data) or, for a datagram, the datagram.
    mutating func decode(_ pdu: ByteView, isDatagram: Bool, context: PacketContext, events: EventBatch) {
        guard let header = EncapsulationHeader(pdu) else { return }
        var event = ProtocolEvent()
        event.protocolID = .enip
        event.function = Int64(header.command)
        event.functionName = EncapsulationCommand.name(header.command)
        event.operation = EncapsulationCommand.operation(header.command)
        let isResponse = Self.isResponse(context)
        if isResponse {
            event.direction = .response
            event.result =
                header.status == 0 ? .ok : .error(Int64(header.status), EncapsulationStatus.name(header.status))
        } else if context.destination.isBroadcast || (context.hasMACs && context.destinationMAC.isBroadcast) {
            event.direction = .broadcast
        } else {
            event.direction = .request
        }

        let declared = Int(header.length)
        var data = pdu.dropFirst(EncapsulationHeader.size)
        if data.count > declared {
            data = data.prefix(declared)
            if isDatagram {
                event.anomaly = Anomaly(EtherNetIPAnomaly.lengthMismatch, "datagram longer than length field")
            }
        } else if data.count < declared {
            event.anomaly = Anomaly(EtherNetIPAnomaly.lengthMismatch, "data shorter than length field")
        }
        if !EncapsulationCommand.isKnown(header.command), event.anomaly == nil {
            event.anomaly = Anomaly(EtherNetIPAnomaly.unknownCommand, "command", value: Int64(header.command))
        }

        switch header.command {
        case EncapsulationCommand.listIdentity, EncapsulationCommand.listServices, EncapsulationCommand.listInterfaces:
            if isResponse, !data.isEmpty { readListReply(data, into: &event, events: events) }
            events.emit(event, context: context)
        case EncapsulationCommand.sendRRData, EncapsulationCommand.sendUnitData:
            // Interface handle (4), timeout (2), then the Common Packet Format (CIP Vol. 2 §2-6).
            let items = CommonPacketFormat(data.dropFirst(6))
            if !items.isValid || data.count < 6, event.anomaly == nil {
                event.anomaly = Anomaly(EtherNetIPAnomaly.cpfMalformed, "item list")
            }
            events.emit(event, context: context)
            if let message = items.unconnectedData {
                cip.decode(message, channel: .unconnected, key: header.senderContext, context: context, events: events)
            } else if let connected = items.connectedData, connected.count >= 2 {
                // Connected explicit messages start with a 16-bit sequence count (CIP Vol. 2 §3-2.2).
                let sequence = UInt64(connected.getUInt16(at: 0, bigEndian: false) ?? 0)
                cip.decode(connected.dropFirst(2), channel: .connected, key: sequence, context: context, events: events)
            }
        default:
            events.emit(event, context: context)
        }
    }

    /// Wireshark's rule: a PDU from the encapsulation port to another port is a reply; otherwise
    /// the flow's direction decides (non-standard ports).
    static func isResponse(_ context: PacketContext) -> Bool {
        let port = EtherNetIPProtocol.tcpPort
        if context.hasPorts {
            if context.sourcePort == port && context.destinationPort != port { return true }
            if context.destinationPort == port && context.sourcePort != port { return false }
        }
        return !context.fromClient
    }

    /// ListIdentity / ListServices / ListInterfaces reply: item count, then items (CIP Vol. 2 §2-4).
    private func readListReply(_ data: ByteView, into event: inout ProtocolEvent, events: EventBatch) {
        var reader = ByteReader(data)
        guard let count = reader.readUInt16(bigEndian: false) else { return }
        guard Int(count) <= EtherNetIPLimits.listItems else {
            if event.anomaly == nil { event.anomaly = Anomaly(EtherNetIPAnomaly.cpfMalformed, "list item count") }
            return
        }
        event.identityStart = events.nextFactIndex
        var remaining = count  // a `while`: see `CommonPacketFormat`
        while remaining > 0 {
            remaining -= 1
            guard let type = reader.readUInt16(bigEndian: false), let length = reader.readUInt16(bigEndian: false),
                var item = reader.readSubReader(count: Int(length))
            else {
                if event.anomaly == nil { event.anomaly = Anomaly(EtherNetIPAnomaly.cpfMalformed, "list item length") }
                break
            }
            guard type == CPFItemType.listIdentity else { continue }
            // Encapsulation version (2), socket address (16, big-endian), then the identity.
            guard item.skip(18), let identity = IdentityRecord.read(&item) else {
                if event.anomaly == nil {
                    event.anomaly = Anomaly(EtherNetIPAnomaly.identityTruncated, "identity item")
                }
                continue
            }
            identity.addFacts(events)
        }
        event.identityCount = events.nextFactIndex - event.identityStart
    }
}

/// The Common Packet Format item list (CIP Vol. 2 §2-6): item count, then type/length/data items.
/// Only the data items matter here; address items are skipped.
struct CommonPacketFormat {
    var unconnectedData: ByteView?
    var connectedData: ByteView?
    var itemCount = 0
    var isValid = true

    init(_ bytes: ByteView) {
        var reader = ByteReader(bytes)
        guard let count = reader.readUInt16(bigEndian: false) else {
            isValid = false
            return
        }
        guard Int(count) <= EtherNetIPLimits.cpfItems else {
            isValid = false
            return
        }
        // A counted `while`, not `for _ in 0..<count`: unoptimized builds iterate a UInt16 range
        // through the generic iterator, which allocates per item.
        var remaining = count
        while remaining > 0 {
            remaining -= 1
            guard let type = reader.readUInt16(bigEndian: false), let length = reader.readUInt16(bigEndian: false)
            else {
                isValid = false
                return
            }
            guard let item = reader.readView(count: Int(length)) else {
                isValid = false
                // A truncated last data item still carries what it has (as Wireshark dissects it).
                let rest = reader.rest
                if type == CPFItemType.unconnectedData, unconnectedData == nil { unconnectedData = rest }
                if type == CPFItemType.connectedData, connectedData == nil { connectedData = rest }
                return
            }
            itemCount += 1
            if type == CPFItemType.unconnectedData, unconnectedData == nil { unconnectedData = item }
            if type == CPFItemType.connectedData, connectedData == nil { connectedData = item }
        }
    }
}
