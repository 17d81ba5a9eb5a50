import BinaryParsing
import PacketLayers

/// Builds DHCPv4 messages (RFC 2131 §2 BOOTP fixed part with the RFC 2132 options) for the traffic
/// simulator: the UDP payload, client port 68 → server port 67 and back. Messages shorter than the
/// 300-byte BOOTP minimum (RFC 1542 §3.1.1) are padded with zeros after the End option, as real
/// clients send them.
public enum DHCPEncoder {
    public static let serverPort: UInt16 = 67
    public static let clientPort: UInt16 = 68

    /// Option 53 values (RFC 2132 §9.6).
    public enum MessageType {
        public static let discover: UInt8 = 1
        public static let offer: UInt8 = 2
        public static let request: UInt8 = 3
        public static let decline: UInt8 = 4
        public static let ack: UInt8 = 5
        public static let nak: UInt8 = 6
        public static let release: UInt8 = 7
        public static let inform: UInt8 = 8
    }

    /// The parameter request list a Windows client sends (subnet mask, router, DNS, domain name, …).
    public static let defaultParameterRequestList: [UInt8] = [1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252]

    /// One option: code, then its value (the length byte is written from `value.count`, at most 255).
    public struct Option: Sendable, Equatable {
        public var code: UInt8
        public var value: [UInt8]

        public init(code: UInt8, value: [UInt8]) {
            self.code = code
            self.value = Array(value.prefix(255))
        }

        public static func subnetMask(_ mask: IPAddress) -> Option { Option(code: 1, value: ipv4(mask)) }
        public static func router(_ routers: [IPAddress]) -> Option { Option(code: 3, value: routers.flatMap(ipv4)) }
        public static func domainNameServers(_ servers: [IPAddress]) -> Option {
            Option(code: 6, value: servers.flatMap(ipv4))
        }
        public static func hostName(_ name: String) -> Option { Option(code: 12, value: Array(name.utf8)) }
        public static func domainName(_ name: String) -> Option { Option(code: 15, value: Array(name.utf8)) }
        public static func requestedAddress(_ address: IPAddress) -> Option { Option(code: 50, value: ipv4(address)) }
        /// Lease time in seconds (option 51).
        public static func leaseTime(_ seconds: UInt32) -> Option { Option(code: 51, value: bigEndian(seconds)) }
        public static func messageType(_ type: UInt8) -> Option { Option(code: 53, value: [type]) }
        public static func serverIdentifier(_ server: IPAddress) -> Option { Option(code: 54, value: ipv4(server)) }
        public static func parameterRequestList(_ codes: [UInt8]) -> Option { Option(code: 55, value: codes) }
        /// T1 and T2 (options 58, 59), seconds.
        public static func renewalTime(_ seconds: UInt32) -> Option { Option(code: 58, value: bigEndian(seconds)) }
        public static func rebindingTime(_ seconds: UInt32) -> Option { Option(code: 59, value: bigEndian(seconds)) }
        public static func vendorClass(_ text: String) -> Option { Option(code: 60, value: Array(text.utf8)) }
        /// Option 61 as clients send it: hardware type 1 (Ethernet), then the MAC (RFC 2132 §9.14).
        public static func clientIdentifier(_ mac: MACAddress) -> Option {
            Option(code: 61, value: [1] + DHCPEncoder.bytes(of: mac))
        }
    }

    /// DHCPDISCOVER, broadcast from 0.0.0.0: client id, host name, vendor class, parameter request list.
    public static func discover(
        transactionID: UInt32, clientMAC: MACAddress, hostName: String? = nil, vendorClass: String? = nil,
        parameterRequestList: [UInt8] = defaultParameterRequestList, seconds: UInt16 = 0
    ) -> [UInt8] {
        var options: [Option] = [.clientIdentifier(clientMAC)]
        if let hostName { options.append(.hostName(hostName)) }
        if let vendorClass { options.append(.vendorClass(vendorClass)) }
        options.append(.parameterRequestList(parameterRequestList))
        return message(
            type: MessageType.discover, transactionID: transactionID, clientMAC: clientMAC, seconds: seconds,
            options: options)
    }

    /// DHCPREQUEST in the SELECTING state (RFC 2131 §4.3.2): the offered address in option 50 and the
    /// chosen server in option 54, ciaddr zero.
    public static func request(
        transactionID: UInt32, clientMAC: MACAddress, requestedAddress: IPAddress, server: IPAddress,
        hostName: String? = nil, vendorClass: String? = nil,
        parameterRequestList: [UInt8] = defaultParameterRequestList, seconds: UInt16 = 0
    ) -> [UInt8] {
        var options: [Option] = [
            .clientIdentifier(clientMAC), .requestedAddress(requestedAddress), .serverIdentifier(server),
        ]
        if let hostName { options.append(.hostName(hostName)) }
        if let vendorClass { options.append(.vendorClass(vendorClass)) }
        options.append(.parameterRequestList(parameterRequestList))
        return message(
            type: MessageType.request, transactionID: transactionID, clientMAC: clientMAC, seconds: seconds,
            options: options)
    }

    /// DHCPOFFER: yiaddr = the offered address, siaddr = the server; server id, lease time, mask, router, DNS.
    public static func offer(
        transactionID: UInt32, clientMAC: MACAddress, yourAddress: IPAddress, server: IPAddress,
        leaseTime: UInt32 = 86_400, subnetMask: IPAddress, router: IPAddress? = nil,
        domainNameServers: [IPAddress] = [], hostName: String? = nil
    ) -> [UInt8] {
        serverReply(
            type: MessageType.offer, transactionID: transactionID, clientMAC: clientMAC, yourAddress: yourAddress,
            server: server, leaseTime: leaseTime, subnetMask: subnetMask, router: router,
            domainNameServers: domainNameServers, hostName: hostName)
    }

    /// DHCPACK: as the offer, committing the lease.
    public static func ack(
        transactionID: UInt32, clientMAC: MACAddress, yourAddress: IPAddress, server: IPAddress,
        leaseTime: UInt32 = 86_400, subnetMask: IPAddress, router: IPAddress? = nil,
        domainNameServers: [IPAddress] = [], hostName: String? = nil
    ) -> [UInt8] {
        serverReply(
            type: MessageType.ack, transactionID: transactionID, clientMAC: clientMAC, yourAddress: yourAddress,
            server: server, leaseTime: leaseTime, subnetMask: subnetMask, router: router,
            domainNameServers: domainNameServers, hostName: hostName)
    }

    static func serverReply(
        type: UInt8, transactionID: UInt32, clientMAC: MACAddress, yourAddress: IPAddress, server: IPAddress,
        leaseTime: UInt32, subnetMask: IPAddress, router: IPAddress?, domainNameServers: [IPAddress],
        hostName: String?
    ) -> [UInt8] {
        var options: [Option] = [.serverIdentifier(server), .leaseTime(leaseTime), .subnetMask(subnetMask)]
        if let router { options.append(.router([router])) }
        if !domainNameServers.isEmpty { options.append(.domainNameServers(domainNameServers)) }
        if let hostName { options.append(.hostName(hostName)) }
        return message(
            type: type, transactionID: transactionID, clientMAC: clientMAC, yourAddress: yourAddress,
            serverAddress: server, options: options)
    }

    /// Any DHCP message: the BOOTP fixed part (op from the message type: 2 for Offer, ACK, NAK), the magic
    /// cookie, option 53, `options` in order, End, and the padding to 300 bytes.
    public static func message(
        type: UInt8, transactionID: UInt32, clientMAC: MACAddress, clientAddress: IPAddress = IPAddress(ipv4: 0),
        yourAddress: IPAddress = IPAddress(ipv4: 0), serverAddress: IPAddress = IPAddress(ipv4: 0),
        relayAddress: IPAddress = IPAddress(ipv4: 0), seconds: UInt16 = 0, broadcast: Bool = false,
        options: [Option]
    ) -> [UInt8] {
        let isReply = type == MessageType.offer || type == MessageType.ack || type == MessageType.nak
        var writer = ByteWriter(capacity: 300)
        writer.append(isReply ? 2 : 1)  // op: BOOTREPLY / BOOTREQUEST
        writer.append(1)  // htype Ethernet
        writer.append(6)  // hlen
        writer.append(0)  // hops
        writer.append(bigEndian: transactionID)
        writer.append(bigEndian: seconds)
        writer.append(bigEndian: UInt16(broadcast ? 0x8000 : 0))
        for address in [clientAddress, yourAddress, serverAddress, relayAddress] {
            writer.append(bigEndian: address.ipv4Value)
        }
        writer.append(bytes(of: clientMAC))
        writer.append(repeating: 0, count: 10)  // chaddr padding to 16
        writer.append(repeating: 0, count: 64 + 128)  // sname, file
        writer.append([0x63, 0x82, 0x53, 0x63])  // magic cookie
        for option in [.messageType(type)] + options {
            writer.append(option.code)
            writer.append(UInt8(option.value.count))
            writer.append(option.value)
        }
        writer.append(255)  // End
        writer.append(repeating: 0, count: 300 - writer.count)
        return writer.bytes
    }

    static func ipv4(_ address: IPAddress) -> [UInt8] {
        bigEndian(address.ipv4Value)
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
    }

    static func bytes(of mac: MACAddress) -> [UInt8] {
        (0..<6).map { UInt8(truncatingIfNeeded: mac.rawValue >> UInt64(40 - 8 * $0)) }
    }
}
