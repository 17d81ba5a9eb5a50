import DNS
import PacketLayers

/// An IT client resolving names at its DNS server (UDP 53): a lookup every 20–60 s from a short
/// list, as browsers, mail and update services do.
final class NameLookups: Activity {
    let client: Device
    let server: Device
    let names: [(name: String, answer: DNSEncoder.RecordData?)]
    private var random: SplitMix64

    init(client: Device, server: Device, names: [(name: String, answer: DNSEncoder.RecordData?)], random: SplitMix64) {
        self.client = client
        self.server = server
        self.names = names
        self.random = random
    }

    func run(at time: Int64, in simulation: Simulation) -> Int64? {
        let now = simulation.resolve(client, server, at: time)
        let entry = names[Int(random.below(UInt64(names.count)))]
        let id = UInt16(truncatingIfNeeded: random.next())
        let port = UInt16(truncatingIfNeeded: random.int(in: 49152...65535))
        simulation.udp(
            from: client, to: server, sourcePort: port, destinationPort: DNSEncoder.port,
            payload: DNSEncoder.query(id: id, name: entry.name, type: DNSEncoder.RecordType.a), at: now)
        let answers = entry.answer.map { [DNSEncoder.Record(name: entry.name, ttl: 3600, data: $0)] } ?? []
        simulation.udp(
            from: server, to: client, sourcePort: DNSEncoder.port, destinationPort: port,
            payload: DNSEncoder.response(
                id: id, name: entry.name, type: DNSEncoder.RecordType.a, answers: answers,
                responseCode: answers.isEmpty ? 3 : 0, authoritative: true),
            at: now + random.int(in: 200...1_500))
        return time + random.int(in: 20_000_000...60_000_000)
    }

    /// Names of the IT domain: the servers answer, a stale WPAD name does not exist.
    static func names(in plant: PlantModel) -> [(name: String, answer: DNSEncoder.RecordData?)] {
        let server = plant.device("dc-it-1")
        return [
            ("dc-it-1.corp.local", .a(server.ip)),
            ("_ldap._tcp.dc._msdcs.corp.local", nil),
            ("wpad.corp.local", nil),
            ("fileserver.corp.local", .a(server.ip)),
        ]
    }
}
