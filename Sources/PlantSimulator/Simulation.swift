import ARP
import PacketCrafting
import PacketLayers

/// The engine: a queue of activities and frames ordered by time, the hosts' ARP caches and IP
/// identification counters, and the ground truth. Frames leave the queue in time order straight
/// into the writer, so memory holds only what is due within the next poll cycle.
final class Simulation {
    let plant: PlantModel
    let startTime: Int64
    let endTime: Int64
    var random: SplitMix64
    private(set) var truth = GroundTruth()

    private var queue = EmissionQueue()
    private var activities: [any Activity] = []
    private var identifications: [MACAddress: UInt16] = [:]
    /// (asker MAC, target IP) → when the asker last resolved the target.
    private var arpCache: [ARPKey: Int64] = [:]
    /// How long a resolved address is used before it is asked for again (µs).
    static let arpLifetime: Int64 = 240_000_000

    private struct ARPKey: Hashable {
        var asker: MACAddress
        var target: IPAddress
    }

    init(plant: PlantModel, startTime: Int64, duration: Int64, seed: UInt64) {
        self.plant = plant
        self.startTime = startTime
        self.endTime = startTime + duration
        self.random = SplitMix64(seed: seed)
    }

    /// Activities stop being run a second before the end, so that exchanges finish in the capture.
    var lastActivityTime: Int64 { endTime - 1_000_000 }

    func schedule(_ activity: any Activity, at time: Int64) {
        activities.append(activity)
        queue.push(.activity(activities.count - 1), at: time)
    }

    func emit(_ frame: TimedFrame) { queue.push(.frame(frame.bytes), at: frame.time) }

    func emit(_ frames: [TimedFrame]) { for frame in frames { emit(frame) } }

    /// The next IP identification of `device` (one counter per host, seeded from its MAC).
    func nextIdentification(_ device: Device) -> UInt16 {
        let value = identifications[device.mac] ?? UInt16(truncatingIfNeeded: device.mac.rawValue &* 2_654_435_761)
        identifications[device.mac] = value &+ 1
        return value
    }

    func udp(
        from source: Device, to destination: Device, sourcePort: UInt16, destinationPort: UInt16,
        payload: [UInt8], at time: Int64
    ) {
        emit(
            TimedFrame(
                time: time,
                bytes: UDPFrame.build(
                    from: source.endpoint, to: destination.endpoint, sourcePort: sourcePort,
                    destinationPort: destinationPort, identification: nextIdentification(source), vlan: source.vlan,
                    payload: payload)))
    }

    /// A UDP datagram to a broadcast or multicast IP and MAC (`ip` given), or to the limited broadcast.
    func udpBroadcast(
        from source: Device, sourceIP: IPAddress? = nil, to ip: IPAddress, mac: MACAddress = .broadcast,
        sourcePort: UInt16, destinationPort: UInt16, payload: [UInt8], at time: Int64
    ) {
        let sender = NetworkEndpoint(mac: source.mac, ip: sourceIP ?? source.ip)
        emit(
            TimedFrame(
                time: time,
                bytes: UDPFrame.build(
                    from: sender, to: NetworkEndpoint(mac: mac, ip: ip), sourcePort: sourcePort,
                    destinationPort: destinationPort, identification: nextIdentification(source), vlan: source.vlan,
                    payload: payload)))
    }

    /// A frame with its own EtherType (ARP, LLDP, PROFINET DCP).
    func layer2(from source: Device, to destination: MACAddress, etherType: UInt16, payload: [UInt8], at time: Int64) {
        emit(
            TimedFrame(
                time: time,
                bytes: EthernetFrame.build(
                    destination: destination, source: source.mac, vlan: source.vlan, etherType: etherType,
                    payload: payload)))
    }

    /// Makes sure `asker` knows `target`'s MAC: an ARP request and reply when it never asked or
    /// asked too long ago. Returns when the asker can send. The target learns the asker from the
    /// request, as stacks do.
    func resolve(_ asker: Device, _ target: Device, at time: Int64) -> Int64 {
        let key = ARPKey(asker: asker.mac, target: target.ip)
        if let last = arpCache[key], time - last < Self.arpLifetime { return time }
        arpCache[key] = time
        arpCache[ARPKey(asker: target.mac, target: asker.ip)] = time
        layer2(
            from: asker, to: .broadcast, etherType: ARPEncoder.etherType,
            payload: ARPEncoder.request(senderMAC: asker.mac, senderIP: asker.ip, targetIP: target.ip), at: time)
        let replyTime = time + random.int(in: 150...900)
        layer2(
            from: target, to: asker.mac, etherType: ARPEncoder.etherType,
            payload: ARPEncoder.reply(
                senderMAC: target.mac, senderIP: target.ip, targetMAC: asker.mac, targetIP: asker.ip),
            at: replyTime)
        return replyTime + random.int(in: 50...300)
    }

    /// Records an injected step.
    func record(_ label: TruthLabel, at time: Int64, source: Device, destination: String, port: UInt16?) {
        truth.steps.append(
            GroundTruthStep(
                time: GroundTruth.timestamp(time), timeMicroseconds: time, step: label.step, technique: label.technique,
                techniqueName: label.techniqueName, sourceIP: source.ip.description,
                sourceMAC: source.mac.description, destinationIP: destination, destinationPort: port,
                protocolName: label.protocolName, operation: label.operation, function: label.function,
                functionName: label.functionName, detail: label.detail))
    }

    /// Runs every activity until the end time, writing frames in time order.
    func run(into writer: PcapWriter) throws {
        while let (time, item) = queue.pop() {
            switch item {
            case .frame(let bytes):
                guard time <= endTime else { continue }
                try writer.write(TimedFrame(time: time, bytes: bytes))
                if truth.frameCount == 0 { truth.firstTime = time }
                truth.frameCount += 1
                truth.lastTime = time
            case .activity(let index):
                guard time <= lastActivityTime else { continue }
                if let next = activities[index].run(at: time, in: self) { queue.push(.activity(index), at: next) }
            }
        }
        truth.steps.sort { $0.timeMicroseconds < $1.timeMicroseconds }
    }
}
