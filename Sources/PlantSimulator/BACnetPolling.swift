import BACnet
import PacketLayers

/// A BMS front end and its BACnet/IP controller (UDP 47808): the controller announces itself with
/// an I-Am broadcast, the front end reads the device object's identity properties once, then
/// present values every cycle. (The front end sends no Who-Is: the inventory would take a
/// broadcast identification request for an engineering sweep.)
final class BACnetPolling: Activity {
    let client: Device
    let controller: Device
    let interval: Int64
    private var random: SplitMix64
    private var invokeID: UInt8 = 0
    private var cycle = 0

    static let broadcast = IPAddress("10.10.255.255")!

    init(client: Device, controller: Device, every interval: Int64, random: SplitMix64) {
        self.client = client
        self.controller = controller
        self.interval = interval
        self.random = random
    }

    func run(at time: Int64, in simulation: Simulation) -> Int64? {
        var now = time
        let identity = controller.identity
        let device = BACnetEncoder.ObjectIdentifier.device(identity.deviceInstance)
        if cycle == 0 {
            simulation.udpBroadcast(
                from: controller, to: Self.broadcast, sourcePort: BACnetEncoder.port,
                destinationPort: BACnetEncoder.port,
                payload: BACnetEncoder.iAm(deviceInstance: identity.deviceInstance, vendorID: identity.vendorID),
                at: now)
            now = simulation.resolve(client, controller, at: now + random.int(in: 5_000...50_000))
            let properties: [(UInt32, BACnetEncoder.Value)] = [
                (BACnetEncoder.PropertyIdentifier.objectName, .characterString(identity.stationName)),
                (BACnetEncoder.PropertyIdentifier.vendorName, .characterString(identity.vendor)),
                (BACnetEncoder.PropertyIdentifier.modelName, .characterString(identity.model)),
                (BACnetEncoder.PropertyIdentifier.firmwareRevision, .characterString(identity.firmware)),
            ]
            for (property, value) in properties {
                now = read(device, property, value, at: now, in: simulation)
            }
        }
        for instance in 0..<3 {
            let object = BACnetEncoder.ObjectIdentifier(
                type: BACnetEncoder.ObjectType.analogInput, instance: UInt32(instance))
            let value = ProcessValues.analog(
                base: 21 + Double(instance), amplitude: 0.8, cycle: cycle, period: 30, random: &random)
            now = read(
                object, BACnetEncoder.PropertyIdentifier.presentValue, .real(Float(value)), at: now, in: simulation)
        }
        cycle += 1
        return time + random.jitter(interval, fraction: 0.03)
    }

    /// A Who-Is broadcast from `sender`.
    static func whoIs(from sender: Device, at time: Int64, in simulation: Simulation) {
        simulation.udpBroadcast(
            from: sender, to: broadcast, sourcePort: BACnetEncoder.port, destinationPort: BACnetEncoder.port,
            payload: BACnetEncoder.whoIs(), at: time)
    }

    private func read(
        _ object: BACnetEncoder.ObjectIdentifier, _ property: UInt32, _ value: BACnetEncoder.Value, at time: Int64,
        in simulation: Simulation
    ) -> Int64 {
        invokeID &+= 1
        simulation.udp(
            from: client, to: controller, sourcePort: BACnetEncoder.port, destinationPort: BACnetEncoder.port,
            payload: BACnetEncoder.readProperty(invokeID: invokeID, object: object, property: property), at: time)
        let reply = time + random.int(in: 3_000...15_000)
        simulation.udp(
            from: controller, to: client, sourcePort: BACnetEncoder.port, destinationPort: BACnetEncoder.port,
            payload: BACnetEncoder.readPropertyAck(
                invokeID: invokeID, object: object, property: property, value: value),
            at: reply)
        return reply + random.int(in: 2_000...6_000)
    }
}
