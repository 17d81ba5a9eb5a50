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

/// A ListIdentity request broadcast on UDP 44818 and the replies of every EtherNet/IP device.
final class ListIdentityBrowse: Activity {
    let browser: Device
    let interval: Int64
    let label: TruthLabel?
    private var random: SplitMix64

    init(browser: Device, every interval: Int64, label: TruthLabel? = nil, random: SplitMix64) {
        self.browser = browser
        self.interval = interval
        self.label = label
        self.random = random
    }

    static let subnetBroadcast = IPAddress("10.10.255.255")!

    func run(at time: Int64, in simulation: Simulation) -> Int64? {
        let port = UInt16(truncatingIfNeeded: random.int(in: 49152...65535))
        simulation.udpBroadcast(
            from: browser, to: Self.subnetBroadcast, sourcePort: port, destinationPort: 44818,
            payload: EtherNetIPEncoder.listIdentityRequest(context: random.next()), at: time)
        if let label {
            simulation.record(
                label, at: time, source: browser, destination: Self.subnetBroadcast.description, port: 44818)
        }
        var now = time
        let responders = simulation.plant.devices.filter { $0.kind == .logixPLC || $0.kind == .cipAdapter }
        for device in responders {
            // Replies are unicast: each device first resolves the browser.
            now = simulation.resolve(device, browser, at: now + random.int(in: 200...3_000))
            simulation.udp(
                from: device, to: browser, sourcePort: 44818, destinationPort: port,
                payload: EtherNetIPEncoder.listIdentityResponse(
                    address: device.ip, identity: device.identity.cipIdentity),
                at: now)
        }
        return label == nil ? time + interval : nil
    }
}
