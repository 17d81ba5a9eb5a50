import AssetInventory
import Foundation
import Testing

/// The hosts of ../shared/peers/README.md ("Hosts"), with the role a monitor should give each.
struct PeerHost: Sendable {
    var name: String
    var ip: String
    var mac: String
    var ouiVendor: String
    var role: AssetRole

    static let all: [PeerHost] = [
        PeerHost(
            name: "ews", ip: "10.77.1.10", mac: "00:14:22:77:01:10", ouiVendor: "Dell", role: .engineeringWorkstation),
        PeerHost(name: "hmi", ip: "10.77.1.20", mac: "00:d0:c9:77:01:20", ouiVendor: "ADVANTECH", role: .hmi),
        PeerHost(
            name: "historian", ip: "10.77.1.30", mac: "3c:d9:2b:77:01:30", ouiVendor: "Hewlett Packard",
            role: .historian),
        PeerHost(
            name: "plc1", ip: "10.77.2.10", mac: "00:80:f4:77:02:10", ouiVendor: "TELEMECANIQUE", role: .controller),
        PeerHost(name: "plc2", ip: "10.77.2.20", mac: "00:1b:1b:77:02:20", ouiVendor: "Siemens", role: .controller),
        PeerHost(name: "plc3", ip: "10.77.2.30", mac: "00:00:bc:77:02:30", ouiVendor: "Rockwell", role: .controller),
        PeerHost(name: "rtu", ip: "10.77.2.40", mac: "00:a0:45:77:02:40", ouiVendor: "PHOENIX CONTACT", role: .rtu),
        PeerHost(name: "bms", ip: "10.77.2.50", mac: "00:30:de:77:02:50", ouiVendor: "WAGO", role: .controller),
        PeerHost(name: "rtu2", ip: "10.77.2.60", mac: "00:30:a7:77:02:60", ouiVendor: "SCHWEITZER", role: .rtu),
        PeerHost(name: "opcsrv", ip: "10.77.3.10", mac: "00:01:05:77:03:10", ouiVendor: "Beckhoff", role: .opcServer),
        PeerHost(name: "iiotgw", ip: "10.77.3.20", mac: "00:90:e8:77:03:20", ouiVendor: "MOXA", role: .iiotGateway),
        // The rogue laptop runs every attack; whatever it is called, it is not a controller.
        PeerHost(name: "rogue", ip: "10.77.9.66", mac: "b8:27:eb:77:09:66", ouiVendor: "Raspberry Pi", role: .unknown),
    ]
    static func named(_ name: String) -> PeerHost { all.first { $0.name == name }! }
}

/// A scenario of the peers README: its hosts and its client → server pairs (protocol, port).
struct PeerScenario: Sendable, CustomTestStringConvertible {
    var name: String
    var pairs: [(client: String, server: String, protocolName: String, port: UInt16)]
    var testDescription: String { name }

    var hosts: Set<String> { Set(pairs.flatMap { [$0.client, $0.server] }) }

    static let all: [PeerScenario] = [
        PeerScenario(name: "modbus-normal", pairs: [("hmi", "plc1", "modbus", 502)]),
        PeerScenario(name: "modbus-attack", pairs: [("hmi", "plc1", "modbus", 502), ("rogue", "plc1", "modbus", 502)]),
        PeerScenario(name: "s7-normal", pairs: [("hmi", "plc2", "s7comm", 102)]),
        PeerScenario(name: "s7-attack", pairs: [("hmi", "plc2", "s7comm", 102), ("rogue", "plc2", "s7comm", 102)]),
        PeerScenario(name: "enip-normal", pairs: [("hmi", "plc3", "enip", 44818)]),
        PeerScenario(name: "enip-attack", pairs: [("hmi", "plc3", "enip", 44818), ("rogue", "plc3", "enip", 44818)]),
        PeerScenario(name: "opcua-normal", pairs: [("historian", "opcsrv", "opcua", 4840)]),
        PeerScenario(
            name: "opcua-attack", pairs: [("historian", "opcsrv", "opcua", 4840), ("rogue", "opcsrv", "opcua", 4840)]),
        PeerScenario(name: "iec104-normal", pairs: [("hmi", "rtu", "iec104", 2404)]),
        PeerScenario(name: "iec104-attack", pairs: [("hmi", "rtu", "iec104", 2404), ("rogue", "rtu", "iec104", 2404)]),
        PeerScenario(name: "bacnet-normal", pairs: [("ews", "bms", "bacnet", 47808)]),
        PeerScenario(
            name: "bacnet-attack", pairs: [("ews", "bms", "bacnet", 47808), ("rogue", "bms", "bacnet", 47808)]),
        PeerScenario(
            name: "mqtt-normal", pairs: [("iiotgw", "historian", "mqtt", 1883), ("hmi", "historian", "mqtt", 1883)]),
        PeerScenario(name: "dnp3-normal", pairs: [("hmi", "rtu2", "dnp3", 20000)]),
        PeerScenario(name: "dnp3-attack", pairs: [("hmi", "rtu2", "dnp3", 20000), ("rogue", "rtu2", "dnp3", 20000)]),
        PeerScenario(
            name: "mixed",
            pairs: [
                ("hmi", "plc1", "modbus", 502), ("hmi", "plc2", "s7comm", 102), ("hmi", "plc3", "enip", 44818),
                ("hmi", "rtu", "iec104", 2404), ("historian", "opcsrv", "opcua", 4840),
                ("iiotgw", "historian", "mqtt", 1883), ("hmi", "historian", "mqtt", 1883),
                ("ews", "bms", "bacnet", 47808), ("rogue", "plc1", "modbus", 502), ("rogue", "plc2", "s7comm", 102),
                ("rogue", "plc3", "enip", 44818), ("rogue", "opcsrv", "opcua", 4840), ("rogue", "rtu", "iec104", 2404),
                ("rogue", "bms", "bacnet", 47808),
            ]),
    ]
}

@Suite struct PeerInventoryTests {
    @Test(arguments: PeerScenario.all)
    func hostsRolesAndPairs(_ scenario: PeerScenario) throws {
        let path = peerCapture(scenario.name)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        // The dnp3 scenarios are empty where the opendnp3 wheel is missing (peers README).
        try #require(data.count > 24 || scenario.name.hasPrefix("dnp3"))
        guard data.count > 24 else { return }
        let result = inventory(of: path)
        for name in scenario.hosts {
            let host = PeerHost.named(name)
            let asset = try #require(result.asset(ip: host.ip), "\(scenario.name): \(name) missing")
            #expect(asset.macs.map(\.description) == [host.mac], "\(scenario.name): \(name)")
            #expect(asset.ips.map(\.description) == [host.ip], "\(scenario.name): \(name)")
            #expect(asset.id == "mac:\(host.mac)")
            #expect(
                asset.macVendor?.localizedCaseInsensitiveContains(host.ouiVendor) == true,
                "\(scenario.name): \(name) OUI vendor \(asset.macVendor ?? "none")")
            if name == "rogue" {
                #expect(![.controller, .rtu, .opcServer, .ioDevice].contains(asset.role), "rogue: \(asset.role)")
            } else {
                #expect(asset.role == host.role, "\(scenario.name): \(name) is \(asset.role): \(asset.roleReasons)")
            }
        }
        // No other device: only the scenario's hosts (broadcasts are map nodes, not assets).
        #expect(result.assets.count == scenario.hosts.count, "\(scenario.name): \(result.assets.map(\.id))")
        for pair in scenario.pairs {
            let client = "mac:" + PeerHost.named(pair.client).mac
            let server = "mac:" + PeerHost.named(pair.server).mac
            #expect(
                result.map.edges.contains {
                    $0.client == client && $0.server == server && $0.protocolName == pair.protocolName
                        && $0.serverPort == pair.port
                }, "\(scenario.name): \(pair.client) → \(pair.server) \(pair.protocolName)")
        }
        // Servers never appear as clients of the scenario's protocols.
        let servers = Set(scenario.pairs.map { "mac:" + PeerHost.named($0.server).mac })
        let clients = Set(scenario.pairs.map { "mac:" + PeerHost.named($0.client).mac })
        for edge in result.map.edges
        where edge.transport != "l2" && servers.contains(edge.client) && !clients.contains(edge.client) {
            Issue.record("\(scenario.name): server \(edge.client) is the client of \(edge.server) \(edge.protocolName)")
        }
    }

    @Test func identitiesOfTheMixedPlant() throws {
        let result = inventory(of: peerCapture("mixed"), workers: 2)
        let plc1 = try #require(result.asset(ip: "10.77.2.10"))
        #expect(plc1.identity.vendor == "Schneider Electric")
        #expect(plc1.identity.product == "Modicon M340 (pymodbus sim)")
        #expect(plc1.identity.model == "BMX P34 2020")
        #expect(plc1.identity.firmware == "3.20")
        #expect(result.facts(plc1, "product_code") == ["BMXP342020"])
        #expect(result.facts(plc1, "url") == ["http://www.se.com"])
        #expect(result.facts(plc1, "application_name") == ["Line1-Filler"])
        let modbusFacts = plc1.facts.filter { $0.protocolName == "modbus" }
        #expect(modbusFacts.count >= 6)
        #expect(modbusFacts.allSatisfy { $0.confidence == .high && $0.firstFrame > 0 && $0.lastFrame >= $0.firstFrame })
        // ARP: the PLC's own claim of its address, about its MAC.
        #expect(plc1.facts.contains { $0.protocolName == "arp" && $0.key.name == "ip" && $0.value == "10.77.2.10" })

        let plc2 = try #require(result.asset(ip: "10.77.2.20"))
        #expect(plc2.identity.orderNumber == "6ES7 315-2EH14-0AB0")
        #expect(plc2.identity.modules == ["CPU 315-2 PN/DP"])
        #expect(plc2.identity.serial == "S C-C2UR28922012")
        #expect(plc2.names.map(\.name).contains("SNAP7-SERVER"))
        #expect(result.facts(plc2, "copyright") == ["Original Siemens Equipment"])

        let plc3 = try #require(result.asset(ip: "10.77.2.30"))
        #expect(plc3.identity.vendor == "Rockwell Automation/Allen-Bradley")
        #expect(plc3.identity.product == "1756-L61/B LOGIX5561")
        #expect(plc3.identity.firmware == "20.11")
        #expect(plc3.identity.serial == "0x006c061a")
        #expect(plc3.identity.deviceType == "14")
        #expect(Set(result.facts(plc3, "product_code")) == ["54"])

        let bms = try #require(result.asset(ip: "10.77.2.50"))
        #expect(bms.names.map(\.name).contains("AHU-1-Controller"))
        #expect(bms.identity.vendor == "WAGO Kontakttechnik (bacpypes3 sim)")
        #expect(bms.identity.model == "750-8212 PFC200")
        #expect(bms.identity.firmware == "03.10.08")
        #expect(result.facts(bms, "vendor_id").contains("999"))

        let opc = try #require(result.asset(ip: "10.77.3.10"))
        #expect(opc.names.map(\.name).contains("Line1 OPC UA Server (asyncua)"))

        // Purdue levels follow the roles.
        #expect(plc1.purdueLevel == 1)
        #expect(result.asset(ip: "10.77.1.20")?.purdueLevel == 2)
        #expect(result.asset(ip: "10.77.1.30")?.purdueLevel == 3)
        // Reasons say why.
        #expect(plc1.roleReasons == ["serves controller protocols: modbus"])
        #expect(result.asset(ip: "10.77.9.66")?.roleReasons.contains { $0.contains("program operations") } == true)
    }

    /// The same inventory whatever the number of workers.
    @Test func workerCountDoesNotChangeTheInventory() {
        let one = InventoryFormatter.json(inventory(of: peerCapture("mixed"), workers: 1))
        let three = InventoryFormatter.json(inventory(of: peerCapture("mixed"), workers: 3))
        #expect(one == three)
    }
}
