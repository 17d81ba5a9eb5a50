import BinaryParsing
import EventModel

/// DHCPv6 message (RFC 8415 §8: msg-type, transaction-id; §9: relay messages) and the options that
/// identify the client: Client Identifier (1, a DUID), Vendor Class (16), Client FQDN (39, RFC 4704),
/// Option Request (6).
struct DHCPv6Message {
    /// Relay-forward messages nest (§19.1); deeper chains than this are cut.
    static let maximumRelayDepth = 8
    static let maximumOptions = 255

    var messageType = -1
    /// Type of the innermost message (the client's or server's own, under any relay headers).
    var innerType = -1
    var clientIdentifier = ByteView.empty
    var vendorClass = ByteView.empty
    var fqdn = ByteView.empty
    var optionRequest = ByteView.empty
    var anomaly: Anomaly?

    static func name(_ type: Int) -> StaticString {
        switch type {
        case 1: "Solicit"
        case 2: "Advertise"
        case 3: "Request"
        case 4: "Confirm"
        case 5: "Renew"
        case 6: "Rebind"
        case 7: "Reply"
        case 8: "Release"
        case 9: "Decline"
        case 10: "Reconfigure"
        case 11: "Information-request"
        case 12: "Relay-forw"
        case 13: "Relay-reply"
        default: "Unknown"
        }
    }

    /// Whether the server (or relay towards the client) sends it.
    static func isFromServer(_ type: Int) -> Bool { type == 2 || type == 7 || type == 10 || type == 13 }

    static func operation(_ type: Int) -> Operation {
        switch type {
        case 1, 2, 11: .discovery
        case 3, 4, 5, 6, 7, 8, 9: .session
        default: .other
        }
    }

    static func parse(_ datagram: ByteView) -> DHCPv6Message {
        var message = DHCPv6Message()
        guard let type = datagram.getUInt8(at: 0) else {
            message.anomaly = Anomaly(DHCPAnomaly.truncated, "empty DHCPv6 message")
            return message
        }
        message.messageType = Int(type)
        var current = datagram
        var depth = 0
        while true {
            guard let type = current.getUInt8(at: 0) else {
                message.anomaly = Anomaly(DHCPAnomaly.truncated, "empty relayed message")
                return message
            }
            message.innerType = Int(type)
            let isRelay = type == 12 || type == 13
            // Relay: msg-type, hop-count, link-address, peer-address (34 octets); else 4 octets.
            let headerLength = isRelay ? 34 : 4
            guard current.count >= headerLength else {
                message.anomaly = Anomaly(
                    DHCPAnomaly.truncated, "shorter than the DHCPv6 header", value: Int64(current.count))
                return message
            }
            guard let relayed = message.readOptions(current.dropFirst(headerLength)) else { return message }
            guard isRelay, !relayed.isEmpty else { return message }
            depth += 1
            guard depth <= Self.maximumRelayDepth else {
                message.anomaly = Anomaly(DHCPAnomaly.relayDepth, "relay nesting too deep", value: Int64(depth))
                return message
            }
            current = relayed
        }
    }

    /// Walks options (code 2, length 2, value); returns the Relay Message option (9) or empty, nil
    /// when an option overruns.
    private mutating func readOptions(_ area: ByteView) -> ByteView? {
        var reader = ByteReader(area)
        var relayed = ByteView.empty
        var count = 0
        while !reader.isAtEnd {
            count += 1
            guard count <= Self.maximumOptions else {
                anomaly = Anomaly(DHCPAnomaly.tooManyOptions, "more than 255 options")
                return relayed
            }
            guard let code = reader.readUInt16(), let length = reader.readUInt16(),
                let value = reader.readView(count: Int(length))
            else {
                anomaly = Anomaly(DHCPAnomaly.optionOverrun, "option length past the end")
                return nil
            }
            switch code {
            case 1: clientIdentifier = value
            case 6: optionRequest = value
            case 9: relayed = value
            case 16: vendorClass = value
            case 39: if value.count > 1 { fqdn = value.dropFirst(1) }
            default: break
            }
        }
        return relayed
    }
}

final class DHCPv6DatagramDecoder: DatagramDecoder {
    func receive(_ datagram: ByteView, context: PacketContext, events: EventBatch) {
        let message = DHCPv6Message.parse(datagram)
        var event = ProtocolEvent()
        event.protocolID = .dhcpv6
        event.anomaly = message.anomaly
        if message.messageType >= 0 {
            event.function = Int64(message.messageType)
            event.functionName = DHCPv6Message.name(message.messageType)
        }
        let fromServer = DHCPv6Message.isFromServer(message.messageType)
        event.operation = DHCPv6Message.operation(message.innerType)
        if fromServer {
            event.direction = .response
            event.result = .ok
        } else {
            event.direction = context.destination.isMulticast ? .broadcast : .request
        }
        guard events.isCollecting else {
            events.emit(event, context: context)
            return
        }
        event.identityStart = events.nextFactIndex
        // The client's own facts, when the client itself sends them: a Relay-forw comes from the
        // relay agent's address, so the relayed client's facts would be pinned on the relay.
        if !DHCPv6Message.isFromServer(message.innerType), message.messageType != 12 {
            if !message.fqdn.isEmpty {
                var name = TextBuilder()
                appendFQDN(message.fqdn, to: &name)
                if !name.isEmpty { events.addFact(.name, name.text(in: events)) }
            }
            var other = TextBuilder()
            if message.vendorClass.count >= 4, let enterprise = message.vendorClass.getUInt32(at: 0) {
                other.append("vendor_class=")
                other.append(Int(enterprise))
                // vendor-class-data: length-prefixed opaque strings (§21.16).
                var reader = ByteReader(message.vendorClass.dropFirst(4))
                var strings = 0
                while strings < 16, let length = reader.readUInt16(), let data = reader.readView(count: Int(length)) {
                    other.appendByte(UInt8(ascii: strings == 0 ? ":" : ","))
                    other.appendText(data)
                    strings += 1
                }
            }
            if !message.clientIdentifier.isEmpty {
                if !other.isEmpty { other.append("; ") }
                other.append("client_id=")
                other.appendHex(message.clientIdentifier)
            }
            if message.optionRequest.count >= 2 {
                if !other.isEmpty { other.append("; ") }
                other.append("oro=")
                var index = 0
                while let code = message.optionRequest.getUInt16(at: index) {
                    if index > 0 { other.appendByte(UInt8(ascii: ",")) }
                    other.append(Int(code))
                    index += 2
                }
            }
            if !other.isEmpty { events.addFact(.other, other.text(in: events)) }
        }
        event.identityCount = events.nextFactIndex - event.identityStart
        events.emit(event, context: context)
    }
}
