import EtherNetIP
import Modbus
import PacketLayers

/// The engineering workstation going online: SZL reads of the Siemens CPUs (PG connection),
/// device identification of the Modbus controllers, and an EtherNet/IP ListIdentity broadcast
/// as RSLinx browses, repeated every few minutes.
enum EngineeringTraffic {
    static func schedule(in simulation: Simulation, random: inout SplitMix64) {
        let plant = simulation.plant
        let ews = plant.device("ews-1")
        let start = simulation.startTime
        for (index, plc) in plant.devices(of: .siemensPLC).enumerated() {
            let script = S7Script(
                connectionType: 1, firstReference: UInt16(truncatingIfNeeded: random.next()),
                once: { script, _ in script.identificationReads(plc.identity) })
            let session = TCPSession(
                client: ews, server: plc, serverPort: 102, interval: 1_000_000, script: script, cycles: 1,
                random: random.split())
            simulation.schedule(session, at: start + 8_000_000 + Int64(index) * 1_500_000)
        }
        for (index, plc) in plant.devices(of: .modbusPLC).enumerated() {
            let script = ModbusPollScript(reads: [], firstTransaction: UInt16(truncatingIfNeeded: random.next()))
            let identify = OneShotScript { _ in
                [
                    script.exchange(
                        ModbusEncoder.readDeviceIdentificationRequestPDU(),
                        ModbusEncoder.readDeviceIdentificationResponsePDU(objects: plc.identity.modbusObjects))
                ]
            }
            let session = TCPSession(
                client: ews, server: plc, serverPort: 502, interval: 1_000_000, script: identify, cycles: 1,
                random: random.split())
            simulation.schedule(session, at: start + 12_000_000 + Int64(index) * 1_000_000)
        }
        simulation.schedule(
            ProfinetDiscovery(requester: ews, every: 300_000_000, random: random.split()), at: start + 3_000_000)
        simulation.schedule(
            ListIdentityBrowse(browser: ews, every: 300_000_000, random: random.split()), at: start + 5_000_000)
    }
}
