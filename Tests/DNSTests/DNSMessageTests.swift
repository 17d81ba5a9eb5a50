import BinaryParsing
import DNS
import EventModel
import PacketLayers
import Testing

/// Header (RFC 1035 §4.1.1): id, flags, QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT.
func header(
    id: UInt16 = 0x1234, flags: UInt16, questions: UInt16 = 1, answers: UInt16 = 0, authority: UInt16 = 0,
    additional: UInt16 = 0
) -> [UInt8] {
    let fields: [UInt16] = [id, flags, questions, answers, authority, additional]
    var bytes: [UInt8] = []
    for field in fields { bytes += [UInt8(field >> 8), UInt8(field & 0xFF)] }
    return bytes
}

/// A name in wire format, uncompressed.
func name(_ dotted: String) -> [UInt8] {
    var bytes: [UInt8] = []
    for label in dotted.split(separator: ".") { bytes += [UInt8(label.utf8.count)] + Array(label.utf8) }
    return bytes + [0]
}

/// NetBIOS first-level encoding (RFC 1001 §14.1) of a 15-character name plus suffix, as a label.
func netbiosName(_ text: String, suffix: UInt8) -> [UInt8] {
    let padded = Array(text.utf8) + [UInt8](repeating: 0x20, count: 15 - text.utf8.count) + [suffix]
    var label: [UInt8] = [32]
    for byte in padded { label += [0x41 + (byte >> 4), 0x41 + (byte & 0x0F)] }
    return label + [0]
}

@Suite struct DNSMessageTests {
    /// Standard query, recursion desired: www.example.com A.
    static let query = header(flags: 0x0100) + name("www.example.com") + [0x00, 0x01, 0x00, 0x01]  // type A, class IN

    /// Its answer: a CNAME then an A record, owners compressed to the question (pointer 0xC00C).
    static let response =
        header(flags: 0x8180, answers: 2) + name("www.example.com") + [0x00, 0x01, 0x00, 0x01]
        + [0xC0, 0x0C, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x0E, 0x10, 0x00, 0x06]  // owner ->12, CNAME, IN, TTL, rdlength 6
        + [0x03, 0x77, 0x65, 0x62, 0xC0, 0x10]  // "web" + pointer to "example.com"
        + [0xC0, 0x2D, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x0E, 0x10, 0x00, 0x04]  // owner ->45 (web.example.com), A
        + [93, 184, 216, 34]  // address

    @Test func queryNamesItsTarget() {
        let event = decode([Self.query])[0]
        #expect(event.function == 1)
        #expect(event.name == "A")
        #expect(event.direction == .request)
        #expect(event.operation == .discovery)
        #expect(event.target == "www.example.com")
        #expect(event.result == .absent)
    }

    @Test func responseListsAnswersButNamesNoOne() {
        let event = decode([Self.response])[0]
        #expect(event.direction == .response)
        #expect(event.result == .ok)
        #expect(event.target == "www.example.com www.example.com=web.example.com, web.example.com=93.184.216.34")
        #expect(event.identity.isEmpty)  // a DNS server's answers describe other hosts
        #expect(event.anomaly == "")
    }

    @Test func nxdomainIsAnError() {
        let event = decode([header(flags: 0x8183) + name("nope.example") + [0x00, 0x1C, 0x00, 0x01]])[0]
        #expect(event.name == "AAAA")
        #expect(event.result == .error)
    }

    /// mDNS announcement (no question) whose A record is the sender's own address: names the sender.
    @Test func mdnsAnnouncementNamesTheSender() {
        let announcement =
            header(id: 0, flags: 0x8400, questions: 0, answers: 1) + name("plc-7.local")
            + [0x00, 0x01, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x04, 10, 0, 0, 2]  // A, cache-flush IN, TTL 120
        let multicast = IPAddress(ipv4: 0xE000_00FB)
        let event = decode([announcement], registration: DNSProtocol.mdns, destination: multicast)[0]
        #expect(event.function == 1)
        #expect(event.direction == .unsolicited)
        #expect(event.identity["name"] == "plc-7.local")
        let other = decode([announcement], registration: DNSProtocol.mdns, source: IPAddress(ipv4: 0x0A00_0009))[0]
        #expect(other.identity.isEmpty)  // an answer about another host
    }

    @Test func nbnsQueryAndRegistration() {
        let query = header(flags: 0x0110) + netbiosName("WORKGROUP", suffix: 0x1D) + [0x00, 0x20, 0x00, 0x01]  // NB, IN
        let event = decode([query], registration: DNSProtocol.nbns, destination: IPAddress(ipv4: 0x0A00_00FF))[0]
        #expect(event.function == 0)
        #expect(event.name == "Name query")
        #expect(event.direction == .request)
        #expect(event.target == "WORKGROUP<1d>")
        // Registration (opcode 5): question plus an additional NB record with the sender's address.
        let registration =
            header(flags: 0x2910, additional: 1) + netbiosName("HMI-01", suffix: 0x20) + [0x00, 0x20, 0x00, 0x01]
            + [0xC0, 0x0C, 0x00, 0x20, 0x00, 0x01, 0x00, 0x04, 0x93, 0xE0, 0x00, 0x06]  // NB, IN, TTL, rdlength 6
            + [0x00, 0x00, 10, 0, 0, 2]  // NB flags, address = source
        let registered = decode([registration], registration: DNSProtocol.nbns)[0]
        #expect(registered.function == 5)
        #expect(registered.name == "Registration")
        #expect(registered.target == "HMI-01<20>")
        #expect(registered.identity["name"] == "HMI-01<20>")
    }

    @Test func nbnsNodeStatusResponseNamesTheNode() {
        var entries: [UInt8] = [2]  // number of names
        entries += Array("WORKGROUP      ".utf8) + [0x00, 0x84, 0x00]  // group name: skipped
        entries += Array("PLC-LINE2      ".utf8) + [0x00, 0x04, 0x00]  // unique workstation name
        entries += [UInt8](repeating: 0, count: 46)  // statistics (unit id first)
        let response =
            header(flags: 0x8400, questions: 0, answers: 1) + netbiosName("*", suffix: 0)
            + [0x00, 0x21, 0x00, 0x01, 0, 0, 0, 0, 0x00, UInt8(entries.count)] + entries  // NBSTAT
        let event = decode([response], registration: DNSProtocol.nbns)[0]
        #expect(event.identity["name"] == "PLC-LINE2<00>")
    }

    @Test func malformedNamesAreAnomalies() {
        #expect(decode([[0x12, 0x34, 0x01]])[0].anomaly == "dns.truncated")
        let loop = header(flags: 0x0100) + [0xC0, 0x0C] + [0x00, 0x01, 0x00, 0x01]  // pointer to itself
        #expect(decode([loop])[0].anomaly == "dns.pointer_loop")
        let forward = header(flags: 0x0100) + [0xC0, 0x20] + [0x00, 0x01, 0x00, 0x01]
        #expect(decode([forward])[0].anomaly == "dns.pointer_loop")
        let reserved = header(flags: 0x0100) + [0x41, 0x00] + [0x00, 0x01, 0x00, 0x01]
        #expect(decode([reserved])[0].anomaly == "dns.bad_label")
        let long =
            header(flags: 0x0100)
            + Array(repeating: [UInt8](repeating: 0x61, count: 1).withLabel(63), count: 5).flatMap { $0 } + [
                0, 0, 1, 0, 1,
            ]
        #expect(decode([long])[0].anomaly == "dns.name_too_long")
        #expect(decode([header(flags: 0x0100) + name("a.b")])[0].anomaly == "dns.record_overrun")
        let many = header(flags: 0x0100, questions: 300) + Array(repeating: [0, 0, 1, 0, 1], count: 300).flatMap { $0 }
        #expect(decode([many])[0].anomaly == "dns.too_many_records")
    }

    /// TCP: the same two messages, split at every offset, give the same events.
    @Test func tcpSplitAtEveryOffset() {
        let stream =
            [UInt8(Self.query.count >> 8), UInt8(Self.query.count & 0xFF)] + Self.query
            + [UInt8(Self.response.count >> 8), UInt8(Self.response.count & 0xFF)] + Self.response
        for split in 0...stream.count {
            let batch = EventBatch()
            guard let decoder = DNSProtocol.registration.makeStreamDecoder?() else { return }
            let context = PacketContext()
            ByteView.with(Array(stream[..<split])) { decoder.receive($0, context: context, events: batch) }
            ByteView.with(Array(stream[split...])) { decoder.receive($0, context: context, events: batch) }
            let events = batch.events.map { DecodedEvent($0, in: batch) }
            #expect(events.count == 2, "split \(split)")
            #expect(events.first?.target == "www.example.com", "split \(split)")
            #expect(events.last?.target.hasSuffix("93.184.216.34") == true, "split \(split)")
        }
        // Byte by byte.
        let batch = EventBatch()
        let decoder = DNSProtocol.registration.makeStreamDecoder!()
        for byte in stream { ByteView.with([byte]) { decoder.receive($0, context: PacketContext(), events: batch) } }
        #expect(batch.events.count == 2)
    }

    /// After a gap: a whole message resynchronises, a mid-message fragment does not; the partial
    /// message before the gap is dropped.
    @Test func tcpResynchronisesAfterAGap() {
        let framed = [UInt8(Self.query.count >> 8), UInt8(Self.query.count & 0xFF)] + Self.query
        let decoder = DNSProtocol.registration.makeStreamDecoder!()
        #expect(ByteView.with(framed) { decoder.startsMessage($0) })
        #expect(!ByteView.with(Array(framed.dropFirst(5))) { decoder.startsMessage($0) })
        #expect(!ByteView.with(Array(framed.prefix(10))) { decoder.startsMessage($0) })
        let batch = EventBatch()
        ByteView.with(Array(framed.prefix(9))) { decoder.receive($0, context: PacketContext(), events: batch) }
        decoder.gap(100, context: PacketContext(), events: batch)
        ByteView.with(framed) { decoder.receive($0, context: PacketContext(), events: batch) }
        #expect(batch.events.count == 1)
        #expect(batch.events.first?.anomaly == nil)
    }

    /// Random bytes and mutated valid messages, over UDP for every flavor and over TCP: no trap.
    @Test func garbageNeverTraps() {
        var generator = SeededGenerator(seed: 0xD45)
        var inputs: [[UInt8]] = []
        for index in 0..<3000 {
            var bytes = (0..<Int.random(in: 0...300, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            if index % 2 == 0 {
                bytes = index % 4 == 0 ? Self.response : Self.query
                for _ in 0..<Int.random(in: 1...6, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
                        in: 0...255, using: &generator)
                }
            }
            inputs.append(bytes)
        }
        for registration in [DNSProtocol.registration, DNSProtocol.mdns, DNSProtocol.llmnr, DNSProtocol.nbns] {
            #expect(decode(inputs, registration: registration).count == inputs.count)
        }
        let batch = EventBatch()
        let decoder = DNSProtocol.registration.makeStreamDecoder!()
        for input in inputs { ByteView.with(input) { decoder.receive($0, context: PacketContext(), events: batch) } }
    }
}

extension Array where Element == UInt8 {
    /// A label of `length` copies of the first byte.
    func withLabel(_ length: Int) -> [UInt8] { [UInt8(length)] + [UInt8](repeating: self[0], count: length) }
}
