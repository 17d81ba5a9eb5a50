import BinaryParsing
import EventModel
import PacketLayers

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
    /// The options of the innermost message (walked again for IA_NA/IA_TA addresses).
    var innerOptions = ByteView.empty
    /// Peer-address of the innermost relay header: the client (§9: "the address of the client or relay
    /// agent from which the message to be relayed was received").
    var peerAddress: IPAddress?
    var anomaly: Anomaly?

    /// Addresses handed out per Reply that become facts.
    static let maximumAssignedAddresses = 8

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
            if isRelay, let high = current.getUInt64(at: 18), let low = current.getUInt64(at: 26) {
                message.peerAddress = IPAddress(high: high, low: low)
            }
            if !isRelay { message.innerOptions = current.dropFirst(headerLength) }
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
            case 1: if clientIdentifier.isEmpty { clientIdentifier = value }
            case 6: optionRequest = value
            case 9: relayed = value
            case 16: vendorClass = value
            case 39: if value.count > 1 { fqdn = value.dropFirst(1) }
            default: break
            }
        }
        return relayed
    }

    /// The link-layer address in a DUID-LLT (type 1: hardware type, time, address) or DUID-LL (type 3:
    /// hardware type, address), RFC 8415 §11.2 and §11.4, when the hardware type is Ethernet (1).
    static func duidMAC(_ duid: ByteView) -> MACAddress? {
        guard let type = duid.getUInt16(at: 0), let hardwareType = duid.getUInt16(at: 2), hardwareType == 1 else {
            return nil
        }
        let offset = type == 1 ? 8 : (type == 3 ? 4 : -1)
        guard offset > 0, duid.count == offset + 6, let high = duid.getUInt32(at: offset),
            let low = duid.getUInt16(at: offset + 4)
        else { return nil }
        let mac = MACAddress(rawValue: UInt64(high) << 16 | UInt64(low))
        return mac == .zero ? nil : mac
    }

    /// Calls `body` with each IAADDR (§21.6: address, preferred and valid lifetime) of each IA_NA
    /// (§21.4: IAID, T1, T2, options) and IA_TA (§21.5: IAID, options) of the innermost message whose
    /// valid lifetime is not zero (a zero lifetime withdraws the address), at most
    /// `maximumAssignedAddresses`.
    func forEachAssignedAddress(_ body: (IPAddress) -> Void) {
        var reader = ByteReader(innerOptions)
        var found = 0
        var count = 0
        while !reader.isAtEnd, count < Self.maximumOptions {
            count += 1
            guard let code = reader.readUInt16(), let length = reader.readUInt16(),
                let value = reader.readView(count: Int(length))
            else { return }
            guard code == 3 || code == 4 else { continue }
            var inner = ByteReader(value.dropFirst(code == 3 ? 12 : 4))
            var innerCount = 0
            while !inner.isAtEnd, innerCount < Self.maximumOptions {
                innerCount += 1
                guard let innerCode = inner.readUInt16(), let innerLength = inner.readUInt16(),
                    let address = inner.readView(count: Int(innerLength))
                else { break }
                guard innerCode == 5, address.count >= 24, let high = address.getUInt64(at: 0),
                    let low = address.getUInt64(at: 8), address.getUInt32(at: 20) != 0
                else { continue }
                body(IPAddress(high: high, low: low))
                found += 1
                if found >= Self.maximumAssignedAddresses { return }
            }
        }
    }
}

final class DHCPv6DatagramDecoder: DatagramDecoder {
    /// Formats assigned IPv6 addresses; kept per flow so formatting does not allocate per message.
    private var scratch = TextScratch()

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
        addFacts(message, events: events)
        event.identityCount = events.nextFactIndex - event.identityStart
        events.emit(event, context: context)
    }

    /// Facts about the client. Its own messages: `name` (Client FQDN, option 39), `vendor_class`
    /// (option 16, `<enterprise>:<data,…>`), `mac` (the link-layer address of a DUID-LL/LLT client id),
    /// `other` (`client_id=<DUID hex>; oro=<codes>`), about the sender (its link-local address), or,
    /// relayed, about the innermost relay header's peer-address. A Reply: `ip` for each address it
    /// assigns (IAADDR in IA_NA/IA_TA) and the FQDN it confirms, about the client's MAC from its DUID
    /// when there is one, else about the peer-address of a Relay-reply or the Reply's destination.
    private func addFacts(_ message: DHCPv6Message, events: EventBatch) {
        let relayed = message.messageType == 12 || message.messageType == 13
        let relayedClient: FactSubject? = message.peerAddress.flatMap { $0.isUnspecified ? nil : .address($0) }
        let duidMAC = DHCPv6Message.duidMAC(message.clientIdentifier)
        var name = TextBuilder()
        if !message.fqdn.isEmpty { appendFQDN(message.fqdn, to: &name) }
        if message.innerType == 7 {
            let subject: FactSubject
            if let duidMAC {
                subject = .mac(duidMAC)
            } else if relayed {
                guard let relayedClient else { return }
                subject = relayedClient
            } else {
                subject = .destination
            }
            message.forEachAssignedAddress { address in
                scratch.reset()
                withUnsafeBytes(of: (address.high.bigEndian, address.low.bigEndian)) {
                    scratch.append(ipv6: ByteView($0))
                }
                events.addFact(.ipAddress, scratch.text(in: events), about: subject)
            }
            if !name.isEmpty { events.addFact(.name, name.text(in: events), about: subject) }
            return
        }
        guard !DHCPv6Message.isFromServer(message.innerType) else { return }
        let subject: FactSubject
        if relayed {
            guard let relayedClient else { return }
            subject = relayedClient
        } else {
            subject = .source
        }
        if !name.isEmpty { events.addFact(.name, name.text(in: events), about: subject) }
        if message.vendorClass.count >= 4, let enterprise = message.vendorClass.getUInt32(at: 0) {
            var vendorClass = TextBuilder()
            vendorClass.append(Int(enterprise))
            // vendor-class-data: length-prefixed opaque strings (§21.16).
            var reader = ByteReader(message.vendorClass.dropFirst(4))
            var strings = 0
            while strings < 16, let length = reader.readUInt16(), let data = reader.readView(count: Int(length)) {
                vendorClass.appendByte(UInt8(ascii: strings == 0 ? ":" : ","))
                vendorClass.appendText(data)
                strings += 1
            }
            events.addFact(.vendorClass, vendorClass.text(in: events), about: subject)
        }
        if let duidMAC {
            var mac = TextBuilder()
            withUnsafeBytes(of: (duidMAC.rawValue << 16).bigEndian) { mac.appendHex(ByteView($0).prefix(6)) }
            events.addFact(.macAddress, mac.text(in: events), about: subject)
        }
        var other = TextBuilder()
        if !message.clientIdentifier.isEmpty {
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
        if !other.isEmpty { events.addFact(.other, other.text(in: events), about: subject) }
    }
}
