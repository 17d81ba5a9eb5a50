import PacketCrafting
import PacketLayers
import Profinet

/// PROFINET DCP Identify All from the engineering workstation (TIA Portal "accessible devices")
/// every five minutes; every PROFINET station answers unicast, spread over a few milliseconds.
final class ProfinetDiscovery: Activity {
    let requester: Device
    let interval: Int64
    private var random: SplitMix64

    init(requester: Device, every interval: Int64, random: SplitMix64) {
        self.requester = requester
        self.interval = interval
        self.random = random
    }

    func run(at time: Int64, in simulation: Simulation) -> Int64? {
        let xid = UInt32(truncatingIfNeeded: random.next())
        simulation.emit(
            TimedFrameBuilder.layer2(
                from: requester.mac, to: DCPEncoder.identifyMulticast, etherType: DCPEncoder.etherType,
                payload: DCPEncoder.identifyAllRequest(xid: xid, responseDelay: 255), at: time))
        var now = time
        for device in simulation.plant.devices where device.kind == .siemensPLC || device.kind == .profinetIODevice {
            now += random.int(in: 1_000...12_000)
            let identity = DCPEncoder.DeviceIdentity(
                nameOfStation: device.identity.stationName,
                deviceVendor: device.kind == .siemensPLC ? "S7-300" : device.identity.model,
                vendorID: 0x002A, deviceID: device.kind == .siemensPLC ? 0x0101 : device.identity.productCode,
                role: device.kind == .siemensPLC ? DCPEncoder.DeviceRole.ioController : DCPEncoder.DeviceRole.ioDevice,
                ipAddress: device.ip, subnetMask: IPAddress("255.255.0.0")!)
            simulation.emit(
                TimedFrameBuilder.layer2(
                    from: device.mac, to: requester.mac, etherType: DCPEncoder.etherType,
                    payload: DCPEncoder.identifyResponse(xid: xid, identity: identity), at: now))
        }
        return time + interval
    }
}
