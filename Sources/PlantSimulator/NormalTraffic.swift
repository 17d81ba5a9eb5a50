import Modbus
import S7Comm

/// The plant's everyday traffic: who polls whom, over what, how often (docs/simulator.md).
enum NormalTraffic {
    static func schedule(in simulation: Simulation) {
        let plant = simulation.plant
        let start = simulation.startTime
        var random = simulation.random.split()

        func session(
            _ client: String, _ server: String, port: UInt16, every interval: Int64, script: any SessionScript,
            cycles: Int? = nil, after delay: ClosedRange<Int64> = 0...5_000_000
        ) {
            let activity = TCPSession(
                client: plant.device(client), server: plant.device(server), serverPort: port, interval: interval,
                script: script, cycles: cycles, random: random.split())
            simulation.schedule(activity, at: start + random.int(in: delay))
        }

        // Packaging HMI: S7 Read Var of two DB areas every 500 ms from each CPU (OP connection).
        for plc in ["plc-pack-1", "plc-pack-2"] {
            let items = [
                S7CommEncoder.Item(dbNumber: 10, byteAddress: 0, length: 16),
                S7CommEncoder.Item(dbNumber: 11, byteAddress: 4, length: 8),
            ]
            let script = S7Script(
                connectionType: 2, firstReference: UInt16(truncatingIfNeeded: random.next()),
                cycle: { script, cycle, random in [script.read(items, cycle: cycle, random: &random)] })
            session("hmi-pack", plc, port: 102, every: 500_000, script: script)
        }
        // Filling HMI: CIP Read Tag through Unconnected Send every 500 ms.
        for (plc, tags) in [
            ("plc-fill-1", ["Filler_Speed", "Tank1_Level", "Valve3_Open"]),
            ("plc-fill-2", ["Capper_Torque", "Line_State"]),
        ] {
            let script = EtherNetIPScript(
                tags: tags, session: UInt32(truncatingIfNeeded: random.next()), firstContext: random.next())
            session("hmi-fill", plc, port: 44818, every: 500_000, script: script)
        }
        // Utilities HMI: holding registers and coils every second.
        for plc in ["plc-util-1", "plc-util-2"] {
            let script = ModbusPollScript(
                reads: [
                    .init(function: .readHoldingRegisters, start: 0, count: 20),
                    .init(function: .readCoils, start: 0, count: 16),
                ],
                firstTransaction: UInt16(truncatingIfNeeded: random.next()))
            session("hmi-util", plc, port: 502, every: 1_000_000, script: script)
        }
        // The IIoT gateway reads input registers every 5 s; the OPC UA server mirrors plc-util-2 every 2 s.
        session(
            "iiot-gw-1", "plc-util-1", port: 502, every: 5_000_000,
            script: ModbusPollScript(
                reads: [.init(function: .readInputRegisters, start: 100, count: 10)],
                firstTransaction: UInt16(truncatingIfNeeded: random.next())))
        session(
            "opcua-1", "plc-util-2", port: 502, every: 2_000_000,
            script: ModbusPollScript(
                unitID: 255, reads: [.init(function: .readHoldingRegisters, start: 40, count: 8)],
                firstTransaction: UInt16(truncatingIfNeeded: random.next())))
        // SCADA: DNP3 event polls every 5 s (integrity every 12th), IEC 104 spontaneous data every 2 s.
        session(
            "scada-1", "rtu-sub-1", port: 20000, every: 5_000_000,
            script: DNP3PollScript(master: 3, outstation: 10, integrityEvery: 12))
        session("scada-1", "rtu-sub-2", port: 2404, every: 2_000_000, script: IEC104Script(commonAddress: 47))

        // The gateway publishes to the historian's broker every 5 s.
        session(
            "iiot-gw-1", "historian-1", port: 1883, every: 5_000_000,
            script: MQTTPublishScript(
                clientID: plant.device("iiot-gw-1").identity.stationName,
                topics: ["plant/utilities/pump1/flow", "plant/utilities/pump1/pressure", "plant/utilities/alarm"]))

        // The historian reads four tags from the OPC UA server every second.
        let opcua = plant.device("opcua-1")
        session(
            "historian-1", "opcua-1", port: 4840, every: 1_000_000,
            script: OPCUAReadScript(
                server: .init(
                    applicationURI: "urn:\(opcua.identity.stationName):BeckhoffAutomation:TcOpcUaServer",
                    productURI: "urn:BeckhoffAutomation:TcOpcUaServer", applicationName: opcua.identity.product),
                client: .init(
                    applicationURI: "urn:historian-1:Historian", productURI: "urn:plant:historian",
                    applicationName: "Historian OPC UA Collector", applicationType: 1),
                endpointURL: "opc.tcp://\(opcua.ip):4840",
                nodes: (1...4).map { .string(namespace: 4, "MAIN.Line\($0).Rate") },
                channelID: UInt32(truncatingIfNeeded: random.next() | 1), start: start, interval: 1_000_000))

        // IT clients lease their address at boot, then look names up at the domain controller.
        let names = NameLookups.names(in: plant)
        let controller = plant.device("dc-it-1")
        for client in plant.devices(of: .itClient) {
            let boot = start + random.int(in: 500_000...8_000_000)
            simulation.schedule(DHCPLease(client: client, server: controller, random: random.split()), at: boot)
            simulation.schedule(
                NameLookups(client: client, server: controller, names: names, random: random.split()),
                at: boot + random.int(in: 2_000_000...20_000_000))
        }

        // The BMS front end reads the building controller every 10 s.
        simulation.schedule(
            BACnetPolling(
                client: plant.device("bms-ws"), controller: plant.device("bms-1"), every: 10_000_000,
                random: random.split()), at: start + random.int(in: 1_000_000...4_000_000))

        // Switches announce themselves with LLDP every 30 s.
        for (index, device) in plant.devices(of: .networkSwitch).enumerated() {
            simulation.schedule(
                LLDPAnnouncements(device: device, port: "GigabitEthernet1/0/\(index + 1)"),
                at: start + random.int(in: 0...30_000_000))
        }

        EngineeringTraffic.schedule(in: simulation, random: &random)
    }
}
