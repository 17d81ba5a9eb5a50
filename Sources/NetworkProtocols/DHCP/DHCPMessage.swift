import BinaryParsing
import EventModel
import PacketLayers

/// DHCP message type, option 53 (RFC 2132 §9.6; 9–13 from RFC 3203 and RFC 4388).
enum DHCPMessageType {
    static func name(_ type: Int) -> StaticString {
        switch type {
        case 1: "DHCP Discover"
        case 2: "DHCP Offer"
        case 3: "DHCP Request"
        case 4: "DHCP Decline"
        case 5: "DHCP ACK"
        case 6: "DHCP NAK"
        case 7: "DHCP Release"
        case 8: "DHCP Inform"
        case 9: "DHCP Force Renew"
        case 10: "DHCP Lease query"
        case 11: "DHCP Lease Unassigned"
        case 12: "DHCP Lease Unknown"
        case 13: "DHCP Lease Active"
        default: "DHCP Unknown"
        }
    }

    /// Discover/Offer/Inform look for servers and configuration; Request/ACK/NAK/Decline/Release
    /// manage a lease (documented in Tests/DHCPTests/README.md).
    static func operation(_ type: Int) -> Operation {
        switch type {
        case 1, 2, 8: .discovery
        case 3, 4, 5, 6, 7: .session
        default: .other
        }
    }
}

/// The fields of one BOOTP/DHCP message that events use. Views borrow the datagram.
struct DHCPMessage {
    /// Fixed BOOTP header, RFC 2131 §2 (op … file), before the magic cookie.
    static let headerLength = 236
    static let magicCookie: UInt32 = 0x6382_5363

    var op: UInt8 = 0
    var hardwareType: UInt8 = 0
    var transactionID: UInt32 = 0
    var clientAddress: UInt32 = 0
    var yourAddress: UInt32 = 0
    var serverAddress: UInt32 = 0
    var relayAddress: UInt32 = 0
    var clientHardwareAddress = ByteView.empty
    var hasCookie = false
    var messageType = -1
    var requestedAddress: UInt32?
    var hostName = ByteView.empty
    var fqdnName = ByteView.empty
    var vendorClass = ByteView.empty
    var clientIdentifier = ByteView.empty
    var parameterRequestList = ByteView.empty
    var anomaly: Anomaly?

    /// Parses `datagram`; fields it cannot reach stay empty and `anomaly` says why.
    static func parse(_ datagram: ByteView) -> DHCPMessage {
        var message = DHCPMessage()
        var reader = ByteReader(datagram)
        guard datagram.count >= headerLength,
            let op = reader.readUInt8(),
            let hardwareType = reader.readUInt8(),
            let hardwareLength = reader.readUInt8(),
            reader.skip(1),  // hops
            let transactionID = reader.readUInt32(),
            reader.skip(4),  // secs, flags
            let ciaddr = reader.readUInt32(), let yiaddr = reader.readUInt32(),
            let siaddr = reader.readUInt32(), let giaddr = reader.readUInt32(),
            let chaddr = reader.readView(count: 16),
            let sname = reader.readView(count: 64),
            let file = reader.readView(count: 128)
        else {
            message.anomaly = Anomaly(
                DHCPAnomaly.truncated, "shorter than the BOOTP header", value: Int64(datagram.count))
            return message
        }
        message.op = op
        message.hardwareType = hardwareType
        message.transactionID = transactionID
        message.clientAddress = ciaddr
        message.yourAddress = yiaddr
        message.serverAddress = siaddr
        message.relayAddress = giaddr
        message.clientHardwareAddress = chaddr.prefix(min(Int(hardwareLength), 16))
        if op != 1 && op != 2 {
            message.anomaly = Anomaly(DHCPAnomaly.invalidOp, "op not 1 or 2", value: Int64(op))
        }
        guard reader.readUInt32() == magicCookie else {
            message.anomaly = message.anomaly ?? Anomaly(DHCPAnomaly.missingMagicCookie, "BOOTP without DHCP options")
            return message
        }
        message.hasCookie = true
        var options = DHCPOptions()
        let overload = options.read(reader.rest, into: &message)
        // Option 52 (RFC 2132 §9.3): 1 = file holds options, 2 = sname, 3 = both; file first.
        if overload & 1 != 0 { _ = options.read(file, into: &message) }
        if overload & 2 != 0 { _ = options.read(sname, into: &message) }
        if message.anomaly == nil, message.messageType < 0 {
            message.anomaly = Anomaly(DHCPAnomaly.missingMessageType, "no option 53")
        }
        return message
    }

    /// The client's MAC, when chaddr holds an Ethernet address (htype 1, hlen 6; RFC 1700 hardware
    /// types) that is not all zeros.
    var clientMAC: MACAddress? {
        guard hardwareType == 1, clientHardwareAddress.count == 6, let high = clientHardwareAddress.getUInt32(at: 0),
            let low = clientHardwareAddress.getUInt16(at: 4)
        else { return nil }
        let mac = MACAddress(rawValue: UInt64(high) << 16 | UInt64(low))
        return mac == .zero ? nil : mac
    }
}

/// The option walk (RFC 2132 §2): code, length, value; 0 pads, 255 ends. Bounded by the area and
/// by `maximumOptions` across all areas of a message.
struct DHCPOptions {
    static let maximumOptions = 255
    private var seen = 0

    /// Reads one option area; returns the option overload value (option 52) found there, or 0.
    mutating func read(_ area: ByteView, into message: inout DHCPMessage) -> UInt8 {
        var reader = ByteReader(area)
        var overload: UInt8 = 0
        while let code = reader.readUInt8() {
            if code == 0 { continue }
            if code == 255 { break }
            seen += 1
            guard seen <= Self.maximumOptions else {
                message.anomaly = message.anomaly ?? Anomaly(DHCPAnomaly.tooManyOptions, "more than 255 options")
                break
            }
            guard let length = reader.readUInt8(), let value = reader.readView(count: Int(length)) else {
                message.anomaly =
                    message.anomaly
                    ?? Anomaly(DHCPAnomaly.optionOverrun, "option length past the end", value: Int64(code))
                break
            }
            switch code {
            case 12: message.hostName = value
            case 50: if value.count == 4 { message.requestedAddress = value.getUInt32(at: 0) }
            case 52: if value.count == 1 { overload = value[0] }
            case 53: if value.count >= 1 { message.messageType = Int(value[0]) }
            case 55: message.parameterRequestList = value
            case 60: message.vendorClass = value
            case 61: message.clientIdentifier = value
            case 81:
                // Client FQDN (RFC 4702 §2): flags, RCODE1, RCODE2, then the name (ASCII or wire).
                if value.count > 3 { message.fqdnName = value.dropFirst(3) }
            default: break
            }
        }
        return overload
    }
}

/// One decoder per UDP flow; DHCP is stateless here (pairing by xid adds nothing to the events).
final class DHCPDatagramDecoder: DatagramDecoder {
    func receive(_ datagram: ByteView, context: PacketContext, events: EventBatch) {
        let message = DHCPMessage.parse(datagram)
        var event = ProtocolEvent()
        event.protocolID = .dhcp
        event.anomaly = message.anomaly
        if message.messageType >= 0 {
            event.function = Int64(message.messageType)
            event.functionName = DHCPMessageType.name(message.messageType)
            event.operation = DHCPMessageType.operation(message.messageType)
        } else {
            event.functionName = message.op == 2 ? "BOOTP Reply" : "BOOTP Request"
            event.operation = .other
        }
        let isReply = message.op == 2
        if isReply {
            event.direction = .response
            switch message.messageType {
            case 6: event.result = .error(6, "NAK")
            default: event.result = .ok
            }
        } else {
            event.direction = context.destination.isBroadcast ? .broadcast : .request
        }
        guard events.isCollecting else {
            events.emit(event, context: context)
            return
        }
        var target = TextBuilder()
        if isReply {
            if message.yourAddress != 0 {
                target.append("assigned ")
                target.appendIPv4(message.yourAddress)
            }
        } else if let requested = message.requestedAddress {
            target.append("requested ")
            target.appendIPv4(requested)
        } else if message.clientAddress != 0 {
            target.append("client ")
            target.appendIPv4(message.clientAddress)
        }
        if !message.clientHardwareAddress.isEmpty, message.hasCookie || message.op == 1 {
            if !target.isEmpty { target.appendByte(UInt8(ascii: " ")) }
            target.append("chaddr ")
            target.appendHex(message.clientHardwareAddress)
        }
        if message.relayAddress != 0 {
            if !target.isEmpty { target.appendByte(UInt8(ascii: " ")) }
            target.append("relay ")
            target.appendIPv4(message.relayAddress)
        }
        if !target.isEmpty {
            event.target.kind = .text
            event.target.text = target.text(in: events)
        }
        event.identityStart = events.nextFactIndex
        addClientFacts(message, isReply: isReply, events: events)
        event.identityCount = events.nextFactIndex - event.identityStart
        events.emit(event, context: context)
    }

    /// Facts about the client, keyed on its MAC (chaddr): a Discover comes from 0.0.0.0 and a relayed
    /// request from the relay agent's address, but chaddr always names the client.
    ///
    /// - Client messages: `name` = host name (option 12) and client FQDN (option 81), `vendor_class`
    ///   (option 60), `other` = `client_id=<option 61 hex>; prl=<option 55 codes>`, and `ip` = ciaddr for
    ///   a Request or Inform from a client that holds an address.
    /// - ACK and plain BOOTP replies: `ip` = yiaddr (the lease), `name` = the host name / FQDN the server
    ///   gives the client.
    ///
    /// Without an Ethernet chaddr, a client message that is not relayed describes its sender (`.source`,
    /// one name); replies then say nothing.
    private func addClientFacts(_ message: DHCPMessage, isReply: Bool, events: EventBatch) {
        let subject: FactSubject
        if let mac = message.clientMAC {
            subject = .mac(mac)
        } else if !isReply && message.relayAddress == 0 {
            subject = .source
        } else {
            return
        }
        let hostName = message.hostName.trimmedNUL()
        var fqdn = TextBuilder()
        if !message.fqdnName.trimmedNUL().isEmpty { appendFQDN(message.fqdnName, to: &fqdn) }
        // The sender's identity object holds one value per key; facts about a MAC may hold both names.
        func addNames() {
            if !hostName.isEmpty {
                var name = TextBuilder()
                name.appendText(hostName)
                events.addFact(.name, name.text(in: events), about: subject)
            }
            if !fqdn.isEmpty, hostName.isEmpty || subject != .source {
                events.addFact(.name, fqdn.text(in: events), about: subject)
            }
        }
        func addAddress(_ address: UInt32) {
            var text = TextBuilder()
            text.appendIPv4(address)
            events.addFact(.ipAddress, text.text(in: events), about: subject)
        }
        if isReply {
            guard message.messageType == 5 || message.messageType < 0, message.yourAddress != 0 else { return }
            addAddress(message.yourAddress)
            addNames()
            return
        }
        addNames()
        if !message.vendorClass.trimmedNUL().isEmpty {
            var vendorClass = TextBuilder()
            vendorClass.appendText(message.vendorClass)
            events.addFact(.vendorClass, vendorClass.text(in: events), about: subject)
        }
        var other = TextBuilder()
        if !message.clientIdentifier.isEmpty {
            other.append("client_id=")
            other.appendHex(message.clientIdentifier)
        }
        if !message.parameterRequestList.isEmpty {
            if !other.isEmpty { other.append("; ") }
            other.append("prl=")
            for index in 0..<message.parameterRequestList.count {
                if index > 0 { other.appendByte(UInt8(ascii: ",")) }
                other.append(Int(message.parameterRequestList[index]))
            }
        }
        if !other.isEmpty { events.addFact(.other, other.text(in: events), about: subject) }
        // RFC 2131 §4.3.2/§4.3.5: ciaddr is filled only by a client that holds (and answers ARP for) it.
        if message.clientAddress != 0, message.messageType == 3 || message.messageType == 8, subject != .source {
            addAddress(message.clientAddress)
        }
    }
}

/// Option 81's name: DNS wire format (labels; RFC 4702 §2.3.1) or, from old clients, plain ASCII.
func appendFQDN(_ name: ByteView, to text: inout TextBuilder) {
    var reader = ByteReader(name)
    var isWire = true
    var probe = reader
    var labels = 0
    while let length = probe.readUInt8(), length != 0 {
        guard length <= 63, probe.skip(Int(length)), labels < 128 else {
            isWire = false
            break
        }
        labels += 1
    }
    guard isWire, labels > 0 else {
        text.appendText(name)
        return
    }
    var first = true
    while let length = reader.readUInt8(), length != 0, let label = reader.readView(count: Int(length)) {
        if !first { text.appendByte(UInt8(ascii: ".")) }
        first = false
        text.appendText(label)
    }
}
