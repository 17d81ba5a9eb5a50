import EtherNetIP
import PacketLayers

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
