import ARP
import PacketLayers

/// An ARP sweep (as `arp-scan` or `nmap -sn` on a local segment): one request per address, 2 ms
/// apart; the hosts that exist answer.
final class ARPSweep: Activity {
    let scanner: Device
    let targets: [IPAddress]
    let label: TruthLabel
    private var random: SplitMix64

    init(scanner: Device, subnets: [String], hosts: ClosedRange<Int>, label: TruthLabel, random: SplitMix64) {
        self.scanner = scanner
        self.targets = subnets.flatMap { subnet in hosts.compactMap { IPAddress("\(subnet).\($0)") } }
        self.label = label
        self.random = random
    }

    func run(at time: Int64, in simulation: Simulation) -> Int64? {
        var now = time
        for target in targets {
            simulation.layer2(
                from: scanner, to: .broadcast, etherType: ARPEncoder.etherType,
                payload: ARPEncoder.request(senderMAC: scanner.mac, senderIP: scanner.ip, targetIP: target), at: now)
            if target == targets.first {
                simulation.record(label, at: now, source: scanner, destination: target.description, port: nil)
            }
            if let host = simulation.plant.devices.first(where: { $0.ip == target && $0.vlan == scanner.vlan }) {
                simulation.layer2(
                    from: host, to: scanner.mac, etherType: ARPEncoder.etherType,
                    payload: ARPEncoder.reply(
                        senderMAC: host.mac, senderIP: host.ip, targetMAC: scanner.mac, targetIP: scanner.ip),
                    at: now + random.int(in: 150...900))
            }
            now += random.int(in: 1_800...2_400)
        }
        return nil
    }
}
