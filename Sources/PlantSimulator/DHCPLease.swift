import ARP
import DHCP
import PacketLayers

/// An IT client booting: DHCP Discover, Offer, Request, ACK with the domain controller (RFC 2131
/// §3.1; the client broadcasts from 0.0.0.0, the server answers unicast to the offered address),
/// then the client's gratuitous ARP for its new address (RFC 5227 announcement).
final class DHCPLease: Activity {
    let client: Device
    let server: Device
    private var random: SplitMix64

    static let limitedBroadcast = IPAddress("255.255.255.255")!
    static let unspecified = IPAddress("0.0.0.0")!

    init(client: Device, server: Device, random: SplitMix64) {
        self.client = client
        self.server = server
        self.random = random
    }

    func run(at time: Int64, in simulation: Simulation) -> Int64? {
        let transaction = UInt32(truncatingIfNeeded: random.next())
        let name = client.identity.stationName
        let vendorClass = client.identity.software
        let mask = IPAddress("255.255.255.0")!
        var now = time
        simulation.udpBroadcast(
            from: client, sourceIP: Self.unspecified, to: Self.limitedBroadcast, sourcePort: DHCPEncoder.clientPort,
            destinationPort: DHCPEncoder.serverPort,
            payload: DHCPEncoder.discover(
                transactionID: transaction, clientMAC: client.mac, hostName: name, vendorClass: vendorClass),
            at: now)
        now += random.int(in: 1_000...8_000)
        simulation.udp(
            from: server, to: client, sourcePort: DHCPEncoder.serverPort, destinationPort: DHCPEncoder.clientPort,
            payload: DHCPEncoder.offer(
                transactionID: transaction, clientMAC: client.mac, yourAddress: client.ip, server: server.ip,
                subnetMask: mask, domainNameServers: [server.ip]),
            at: now)
        now += random.int(in: 2_000...20_000)
        simulation.udpBroadcast(
            from: client, sourceIP: Self.unspecified, to: Self.limitedBroadcast, sourcePort: DHCPEncoder.clientPort,
            destinationPort: DHCPEncoder.serverPort,
            payload: DHCPEncoder.request(
                transactionID: transaction, clientMAC: client.mac, requestedAddress: client.ip, server: server.ip,
                hostName: name, vendorClass: vendorClass),
            at: now)
        now += random.int(in: 1_000...8_000)
        simulation.udp(
            from: server, to: client, sourcePort: DHCPEncoder.serverPort, destinationPort: DHCPEncoder.clientPort,
            payload: DHCPEncoder.ack(
                transactionID: transaction, clientMAC: client.mac, yourAddress: client.ip, server: server.ip,
                subnetMask: mask, domainNameServers: [server.ip], hostName: name),
            at: now)
        simulation.layer2(
            from: client, to: .broadcast, etherType: ARPEncoder.etherType,
            payload: ARPEncoder.gratuitous(senderMAC: client.mac, ip: client.ip),
            at: now + random.int(in: 5_000...50_000))
        return nil
    }
}
