import AssetInventory
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Builds small classic-pcap captures in memory: Ethernet + IPv4 + TCP with a payload.
struct SyntheticCapture {
    private(set) var bytes: [UInt8] = [
        0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 1, 0, 0, 0,
    ]
    private var second: UInt32 = 1_700_000_000

    static func mac(_ text: String) -> [UInt8] { text.split(separator: ":").map { UInt8($0, radix: 16)! } }
    static func ipv4(_ text: String) -> [UInt8] { text.split(separator: ".").map { UInt8($0)! } }

    mutating func tcp(
        from sourceMAC: String, _ source: String, _ sourcePort: UInt16, to destinationMAC: String,
        _ destination: String, _ destinationPort: UInt16, sequence: UInt32, flags: UInt8, payload: [UInt8] = []
    ) {
        var frame = Self.mac(destinationMAC) + Self.mac(sourceMAC) + [0x08, 0x00]
        let totalLength = 20 + 20 + payload.count
        frame += [0x45, 0, UInt8(totalLength >> 8), UInt8(totalLength & 0xFF), 0, 1, 0x40, 0, 64, 6, 0, 0]
        frame += Self.ipv4(source) + Self.ipv4(destination)
        frame += [
            UInt8(sourcePort >> 8), UInt8(sourcePort & 0xFF), UInt8(destinationPort >> 8),
            UInt8(destinationPort & 0xFF),
        ]
        frame += withUnsafeBytes(of: sequence.bigEndian, Array.init) + [0, 0, 0, 1]
        frame += [0x50, flags, 0xFF, 0xFF, 0, 0, 0, 0] + payload
        second += 1
        bytes += withUnsafeBytes(of: second.littleEndian, Array.init) + [0, 0, 0, 0]
        bytes += withUnsafeBytes(of: UInt32(frame.count).littleEndian, Array.init)
        bytes += withUnsafeBytes(of: UInt32(frame.count).littleEndian, Array.init)
        bytes += frame
    }

    static func ipv6(_ text: String) -> [UInt8] {
        var address = in6_addr()
        precondition(inet_pton(AF_INET6, text, &address) == 1)
        return withUnsafeBytes(of: &address, Array.init)
    }

    mutating func udp6(
        from sourceMAC: String, _ source: String, to destinationMAC: String, _ destination: String, port: UInt16
    ) {
        let payload: [UInt8] = [1, 2, 3, 4]
        var frame = Self.mac(destinationMAC) + Self.mac(sourceMAC) + [0x86, 0xDD]
        let length = 8 + payload.count
        frame += [0x60, 0, 0, 0, UInt8(length >> 8), UInt8(length & 0xFF), 17, 64]
        frame += Self.ipv6(source) + Self.ipv6(destination)
        frame += [0xC0, 0x00, UInt8(port >> 8), UInt8(port & 0xFF), UInt8(length >> 8), UInt8(length & 0xFF), 0, 0]
        frame += payload
        second += 1
        bytes += withUnsafeBytes(of: second.littleEndian, Array.init) + [0, 0, 0, 0]
        bytes += withUnsafeBytes(of: UInt32(frame.count).littleEndian, Array.init)
        bytes += withUnsafeBytes(of: UInt32(frame.count).littleEndian, Array.init)
        bytes += frame
    }

    /// A Modbus/TCP read of ten holding registers and its answer, with the handshake.
    mutating func modbusPoll(
        clientMAC: String, client: String, serverMAC: String, server: String, clientPort: UInt16
    ) {
        let syn: UInt8 = 0x02
        let ack: UInt8 = 0x10
        let psh: UInt8 = 0x08
        tcp(from: clientMAC, client, clientPort, to: serverMAC, server, 502, sequence: 100, flags: syn)
        tcp(from: serverMAC, server, 502, to: clientMAC, client, clientPort, sequence: 500, flags: syn | ack)
        let request: [UInt8] = [0, 1, 0, 0, 0, 6, 1, 3, 0, 0, 0, 10]
        tcp(
            from: clientMAC, client, clientPort, to: serverMAC, server, 502, sequence: 101, flags: psh | ack,
            payload: request)
        let response: [UInt8] = [0, 1, 0, 0, 0, 23, 1, 3, 20] + [UInt8](repeating: 0, count: 20)
        tcp(
            from: serverMAC, server, 502, to: clientMAC, client, clientPort, sequence: 501, flags: psh | ack,
            payload: response)
    }

    func write() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("palisade-\(UUID().uuidString).pcap")
            .path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

@Suite struct RoutedNetworkTests {
    /// An HMI on the monitored segment polls four PLCs in other subnets through one router: every
    /// packet from them carries the router's MAC. The PLCs must stay four assets keyed by IP, and
    /// the router one asset of its own, not a PLC with five addresses.
    @Test func hostsBehindARouterStaySeparate() throws {
        let hmiMAC = "00:d0:c9:00:00:01"
        let routerMAC = "00:00:0c:aa:bb:cc"  // Cisco OUI
        let remote = ["10.1.0.10", "10.1.0.11", "10.1.0.12", "10.2.0.5"]
        var capture = SyntheticCapture()
        for (index, plc) in remote.enumerated() {
            capture.modbusPoll(
                clientMAC: hmiMAC, client: "10.0.0.5", serverMAC: routerMAC, server: plc,
                clientPort: 40000 + UInt16(index))
        }
        let path = try capture.write()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = inventory(of: path)

        let router = try #require(result.asset(mac: routerMAC))
        #expect(router.role == .networkDevice)
        #expect(router.routedAddresses == 4)
        #expect(router.ips.isEmpty)
        #expect(router.macVendor?.localizedCaseInsensitiveContains("cisco") == true)
        for plc in remote {
            let asset = try #require(result.asset(ip: plc))
            #expect(asset.id == "ip:\(plc)")
            #expect(asset.macs.isEmpty)
            #expect(asset.behindRouter?.description == routerMAC)
            #expect(asset.role == .controller, "\(plc): \(asset.roleReasons)")
            #expect(result.map.edges.contains { $0.server == asset.id && $0.client == "mac:\(hmiMAC)" })
        }
        let hmi = try #require(result.asset(ip: "10.0.0.5"))
        #expect(hmi.id == "mac:\(hmiMAC)")
        #expect(hmi.role == .hmi)
        #expect(result.assets.count == 6)
    }

    /// A dual-stack host: one IPv4 address, a link-local, an EUI-64 and two temporary IPv6
    /// addresses of one prefix. One device, not a router; a MAC carrying three IPv6 prefixes is.
    @Test func dualStackHostIsNotARouter() throws {
        let host = "00:1b:1b:00:00:07"
        let peer = "00:1b:1b:00:00:08"
        var capture = SyntheticCapture()
        capture.modbusPoll(clientMAC: peer, client: "10.0.0.8", serverMAC: host, server: "10.0.0.7", clientPort: 40000)
        for address in ["fe80::21b:1bff:fe00:7", "2001:db8:1::21b:1bff:fe00:7", "2001:db8:1::a1", "2001:db8:1::b2"] {
            capture.udp6(from: host, address, to: peer, "2001:db8:1::8", port: 9999)
        }
        let routerMAC = "00:00:0c:00:00:01"
        for address in ["2001:db8:2::1", "2001:db8:3::1", "2001:db8:4::1"] {
            capture.udp6(from: routerMAC, address, to: peer, "2001:db8:1::8", port: 9999)
        }
        let path = try capture.write()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = inventory(of: path)
        let asset = try #require(result.asset(mac: host))
        #expect(asset.role != .networkDevice)
        #expect(asset.ips.count == 5)
        let router = try #require(result.asset(mac: routerMAC))
        #expect(router.role == .networkDevice)
        #expect(router.routedAddresses == 3)
        #expect(result.asset(ip: "2001:db8:3::1")?.id == "ip:2001:db8:3::1")
    }

    /// Two addresses behind one MAC (a DHCP renumbering, a second address) stay one device.
    @Test func aHostWithTwoAddressesIsOneAsset() throws {
        var capture = SyntheticCapture()
        capture.modbusPoll(
            clientMAC: "00:d0:c9:00:00:01", client: "10.0.0.5", serverMAC: "00:80:f4:00:00:02", server: "10.0.0.20",
            clientPort: 40000)
        capture.modbusPoll(
            clientMAC: "00:d0:c9:00:00:01", client: "10.0.0.6", serverMAC: "00:80:f4:00:00:02", server: "10.0.0.20",
            clientPort: 40001)
        let path = try capture.write()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = inventory(of: path)
        #expect(result.assets.count == 2)
        let hmi = try #require(result.asset(mac: "00:d0:c9:00:00:01"))
        #expect(hmi.ips.map(\.description) == ["10.0.0.5", "10.0.0.6"])
        #expect(hmi.role == .hmi)
    }
}
