import Access
import AssetInventory
import EventModel
import Testing

/// The access matrix of the peers `mixed` capture against its README: the HMI only reads, the
/// rogue laptop writes, commands and programs every controller it attacks.
@Suite struct AccessMatrixTests {
    func entry(_ report: AccessReport, actor: String, controller: String, _ protocolName: String) -> AccessMatrixEntry?
    {
        report.matrix.first {
            $0.actor.address == actor && $0.controller.address == controller && $0.protocolName == protocolName
        }
    }

    @Test(.enabled(if: corpusAvailable))
    func theHMIOnlyReadsThePLCs() throws {
        let report = try #require(mixedCapture).report()
        let modbus = try #require(entry(report, actor: PeerHosts.hmi, controller: PeerHosts.plc1, "modbus"))
        // FC3, FC4 and FC1 every second and FC2 every five seconds for 60 s.
        #expect(modbus.count(.read) == 192)
        #expect(!modbus.changesController)
        #expect(modbus.actor.role == .hmi)
        #expect(modbus.controller.role == .controller)
        #expect(modbus.serverPorts == [502])
        let s7 = try #require(entry(report, actor: PeerHosts.hmi, controller: PeerHosts.plc2, "s7comm"))
        #expect(s7.count(.read) == 180)
        #expect(!s7.changesController)
    }

    @Test(.enabled(if: corpusAvailable))
    func theRogueWritesCommandsAndProgramsTheControllers() throws {
        let report = try #require(mixedCapture).report()
        let modbus = try #require(entry(report, actor: PeerHosts.rogue, controller: PeerHosts.plc1, "modbus"))
        // FC6, FC16, FC5, FC15, FC23; FC8/1 restart and FC8/4 listen-only.
        #expect(modbus.count(.write) == 5)
        #expect(modbus.count(.control) == 2)
        let s7 = try #require(entry(report, actor: PeerHosts.rogue, controller: PeerHosts.plc2, "s7comm"))
        // Write var DB1 and MB0, set clock; STOP, hot and cold start; uploads, download, delete.
        #expect(s7.count(.write) == 3)
        #expect(s7.count(.control) == 3)
        #expect(s7.count(.program) == 8)
        let enip = try #require(entry(report, actor: PeerHosts.rogue, controller: PeerHosts.plc3, "enip"))
        #expect(enip.count(.write) == 3)
        #expect(enip.flows == 4)
        let actorsChanging = Set(report.matrix.filter(\.changesController).map(\.actor.address))
        #expect(actorsChanging == [PeerHosts.rogue])
    }

    @Test(.enabled(if: corpusAvailable))
    func controllersAreTheControlDevicesAndWhateverReceivedWrites() throws {
        let report = try #require(mixedCapture).report()
        let controllers = Set(report.matrix.map(\.controller.address))
        // plc1-3, the RTU, the BACnet controller, and the OPC UA server the rogue wrote to.
        #expect(
            controllers == [PeerHosts.plc1, PeerHosts.plc2, PeerHosts.plc3, PeerHosts.rtu, "10.77.2.50", "10.77.3.10"])
        // Address resolution is no access to a controller.
        #expect(!report.matrix.contains { $0.protocolName == "arp" })
        // MQTT between the gateway and the broker involves no controller.
        #expect(!report.matrix.contains { $0.protocolName == "mqtt" })
    }

    @Test(.enabled(if: corpusAvailable))
    func zonesComeFromTheCallersLookup() throws {
        let zones = AccessZones(
            zoneOf: { $0.description.hasPrefix("10.77.2.") ? "control" : nil }, operationalZones: ["control"])
        let report = try #require(mixedCapture).report(zones: zones)
        let modbus = try #require(entry(report, actor: PeerHosts.hmi, controller: PeerHosts.plc1, "modbus"))
        #expect(modbus.controller.zone == "control")
        #expect(modbus.actor.zone == nil)
    }
}
