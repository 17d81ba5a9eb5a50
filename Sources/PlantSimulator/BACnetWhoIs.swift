import BACnet

/// One Who-Is broadcast (an attack step: device discovery).
final class BACnetWhoIs: Activity {
    let sender: Device
    let label: TruthLabel

    init(sender: Device, label: TruthLabel) {
        self.sender = sender
        self.label = label
    }

    func run(at time: Int64, in simulation: Simulation) -> Int64? {
        BACnetPolling.whoIs(from: sender, at: time, in: simulation)
        simulation.record(
            label, at: time, source: sender, destination: BACnetPolling.broadcast.description, port: BACnetEncoder.port)
        return nil
    }
}
