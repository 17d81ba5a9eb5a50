import ARP
import LLDP
import PacketCrafting
import PacketLayers

/// A switch announcing itself: a gratuitous ARP for its management address when it comes up,
/// then an LLDPDU every 30 s (IEEE 802.1AB msgTxInterval) on its uplink port, untagged.
final class LLDPAnnouncements: Activity {
    let device: Device
    let port: String
    private var announced = false

    init(device: Device, port: String) {
        self.device = device
        self.port = port
    }

    func run(at time: Int64, in simulation: Simulation) -> Int64? {
        if !announced {
            announced = true
            simulation.layer2(
                from: device, to: .broadcast, etherType: ARPEncoder.etherType,
                payload: ARPEncoder.gratuitous(senderMAC: device.mac, ip: device.ip), at: time)
        }
        let capabilities: LLDPEncoder.Capabilities = device.name.hasPrefix("sw-core") ? [.bridge, .router] : .bridge
        let frame = LLDPEncoder.lldpdu(
            chassisMAC: device.mac, portID: port, portDescription: "uplink", systemName: device.identity.stationName,
            systemDescription: device.identity.software, capabilities: capabilities, enabledCapabilities: .bridge,
            managementAddress: .ipv4(device.ip))
        simulation.emit(
            TimedFrameBuilder.layer2(
                from: device.mac, to: LLDPEncoder.destination, etherType: LLDPEncoder.etherType, payload: frame,
                at: time + 1_000))
        return time + 30_000_000
    }
}
