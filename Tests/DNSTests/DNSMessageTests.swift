import BinaryParsing
import EventModel
import PacketLayers
import Testing

@testable import DNS

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
        #expect(event.related == ["93.184.216.34 name=web.example.com"])
        #expect(event.anomaly == "")
        // A query binds nothing.
        #expect(decode([Self.query])[0].related.isEmpty)
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
        #expect(event.related.isEmpty)  // said once, about the sender
        let other = decode([announcement], registration: DNSProtocol.mdns, source: IPAddress(ipv4: 0x0A00_0009))[0]
        #expect(other.identity.isEmpty)  // an answer about another host
        #expect(other.related == ["10.0.0.2 name=plc-7.local"])
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
        #expect(registered.identity["name"] == "HMI-01")
        #expect(registered.related.isEmpty)
    }

    @Test func nbnsNodeStatusResponseNamesTheNode() {
        var entries: [UInt8] = [2]  // number of names
        entries += Array("WORKGROUP      ".utf8) + [0x00, 0x84, 0x00]  // group name: skipped
        entries += Array("PLC-LINE2      ".utf8) + [0x00, 0x04, 0x00]  // unique workstation name
        entries += [0x00, 0x1b, 0x1b, 0x77, 0x02, 0x20]  // statistics: unit id (MAC) first
        entries += [UInt8](repeating: 0, count: 40)  // rest of the statistics
        let response =
            header(flags: 0x8400, questions: 0, answers: 1) + netbiosName("*", suffix: 0)
            + [0x00, 0x21, 0x00, 0x01, 0, 0, 0, 0, 0x00, UInt8(entries.count)] + entries  // NBSTAT
        let event = decode([response], registration: DNSProtocol.nbns)[0]
        #expect(event.identity["name"] == "PLC-LINE2")
        #expect(event.identity["domain"] == "WORKGROUP")  // group <00>: the workgroup the node is in
        #expect(event.identity["mac"] == "00:1b:1b:77:02:20")
        #expect(event.related.isEmpty)
    }

    /// PTR answers name the address their owner encodes (RFC 1035 §3.5, RFC 3596 §2.5).
    @Test func reverseAnswersNameTheEncodedAddress() {
        let v4 =
            header(flags: 0x8180, answers: 1) + name("5.0.0.10.in-addr.arpa") + [0x00, 0x0C, 0x00, 0x01]  // PTR, IN
            + [0xC0, 0x0C, 0x00, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x0E, 0x10, 0x00, 0x12]  // owner ->12, PTR, rdlength 18
            + name("plc-5.plant.local")
        let event = decode([v4])[0]
        #expect(event.name == "PTR")
        #expect(event.target == "5.0.0.10.in-addr.arpa 5.0.0.10.in-addr.arpa=plc-5.plant.local")
        #expect(event.related == ["10.0.0.5 name=plc-5.plant.local"])
        // 2001:db8::567:89ab, nibbles least significant first, upper-case hex allowed.
        let nibbles = "B.A.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6.arpa"
        let target = name("hmi.plant.local")
        let v6 =
            header(flags: 0x8180, answers: 1) + name(nibbles) + [0x00, 0x0C, 0x00, 0x01]
            + [0xC0, 0x0C, 0x00, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x0E, 0x10, 0x00, UInt8(target.count)] + target
        #expect(decode([v6])[0].related == ["2001:db8::567:89ab name=hmi.plant.local"])
        // A PTR that is not a reverse name (DNS-SD service enumeration) binds nothing.
        let service =
            header(id: 0, flags: 0x8400, questions: 0, answers: 1) + name("_http._tcp.local")
            + [0x00, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x11, 0x94, 0x00, 0x02, 0xC0, 0x0C]  // PTR -> itself
        #expect(decode([service], registration: DNSProtocol.mdns)[0].related.isEmpty)
    }

    @Test func reverseNamesParseOnlyWholeAddresses() {
        func parse(_ text: String) -> String? {
            ByteView.with(Array(text.utf8)) { ReverseName.address($0) }?.description
        }
        #expect(parse("5.0.0.10.in-addr.arpa") == "10.0.0.5")
        #expect(parse("5.0.0.10.IN-ADDR.ARPA.") == "10.0.0.5")
        #expect(parse("0.0.10.in-addr.arpa") == nil)  // a /24 zone, not an address
        #expect(parse("5.0/25.0.0.10.in-addr.arpa") == nil)  // RFC 2317 classless delegation
        #expect(parse("256.0.0.10.in-addr.arpa") == nil)
        #expect(parse("1.2.3.4.5.in-addr.arpa") == nil)
        #expect(parse("in-addr.arpa") == nil)
        #expect(parse("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa") == "::1")
        #expect(parse("g.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa") == nil)
        #expect(parse("0.8.b.d.0.1.0.0.2.ip6.arpa") == nil)
    }

    /// mDNS answers to a PTR query carry the host's A/AAAA records in the additional section.
    @Test func mdnsAdditionalRecordsBindToo() {
        let response =
            header(id: 0, flags: 0x8400, questions: 0, answers: 1, additional: 2)
            + name("_workstation._tcp.local") + [
                0x00, 0x0C, 0x00, 0x01, 0x00, 0x00, 0x11, 0x94, 0x00, 0x02, 0xC0, 0x0C,
            ]
            + name("hmi-3.local") + [0x00, 0x01, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x04, 10, 0, 0, 3]  // A
            + [0xC0, 0x31, 0x00, 0x1C, 0x80, 0x01, 0x00, 0x00, 0x00, 0x78, 0x00, 0x10]  // owner -> hmi-3.local, AAAA
            + [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x1b, 0x1b, 0xff, 0xfe, 0x77, 0x02, 0x03]
        let event = decode([response], registration: DNSProtocol.mdns, destination: IPAddress(ipv4: 0xE000_00FB))[0]
        #expect(event.anomaly == "")
        #expect(event.related == ["10.0.0.3 name=hmi-3.local", "fe80::21b:1bff:fe77:203 name=hmi-3.local"])
    }

    @Test func nbnsBindingsAboutOtherHosts() {
        // Positive name query response (opcode 0, QR 1) from a WINS server (10.0.0.2) for a host at 10.0.0.7,
        // multi-homed: a second address 10.0.1.7.
        let response =
            header(flags: 0x8500, questions: 0, answers: 1) + netbiosName("PLC-7", suffix: 0x00)
            + [0x00, 0x20, 0x00, 0x01, 0x00, 0x04, 0x93, 0xE0, 0x00, 0x0C]  // NB, IN, TTL, rdlength 12
            + [0x00, 0x00, 10, 0, 0, 7] + [0x00, 0x00, 10, 0, 1, 7]  // two unique entries
        let event = decode([response], registration: DNSProtocol.nbns)[0]
        #expect(event.identity.isEmpty)
        #expect(event.related == ["10.0.0.7 name=PLC-7", "10.0.1.7 name=PLC-7"])
        // A group <1e> registration: the domain of the registering node (the source).
        let group =
            header(flags: 0x2910, additional: 1) + netbiosName("PLANT", suffix: 0x1E) + [0x00, 0x20, 0x00, 0x01]
            + [0xC0, 0x0C, 0x00, 0x20, 0x00, 0x01, 0x00, 0x04, 0x93, 0xE0, 0x00, 0x06, 0x80, 0x00, 10, 0, 0, 2]
        let registered = decode([group], registration: DNSProtocol.nbns)[0]
        #expect(registered.identity == ["domain": "PLANT"])
        // Release (opcode 6) and a negative response bind nothing; <03> (messenger, also user names) neither.
        let release =
            header(flags: 0x3010, additional: 1) + netbiosName("HMI-01", suffix: 0x00) + [0x00, 0x20, 0x00, 0x01]
            + [0xC0, 0x0C, 0x00, 0x20, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 10, 0, 0, 2]
        let released = decode([release], registration: DNSProtocol.nbns)[0]
        #expect(released.function == 6)
        #expect(released.identity.isEmpty && released.related.isEmpty)
        let negative =
            header(flags: 0x8503, questions: 0, answers: 1) + netbiosName("PLC-7", suffix: 0x00)
            + [0x00, 0x20, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 10, 0, 0, 7]
        #expect(decode([negative], registration: DNSProtocol.nbns)[0].related.isEmpty)
        let messenger =
            header(flags: 0x2910, additional: 1) + netbiosName("OPERATOR", suffix: 0x03) + [0x00, 0x20, 0x00, 0x01]
            + [0xC0, 0x0C, 0x00, 0x20, 0x00, 0x01, 0x00, 0x04, 0x93, 0xE0, 0x00, 0x06, 0x00, 0x00, 10, 0, 0, 2]
        let user = decode([messenger], registration: DNSProtocol.nbns)[0]
        #expect(user.identity.isEmpty && user.related.isEmpty)
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
