import BinaryParsing
import EventModel
import Foundation
import Monitor
import PacketLayers
import Testing

/// The byte-writing formatter against the String-appending one it replaced
/// (ReferenceEventFormatter.swift): every event must format to the same bytes.
@Suite("The event formatter writes what the old one wrote")
struct FormatterEquivalenceTests {
    /// Captures with many kinds of events: identity and related identity (TLS, DNS, DHCP, SMB,
    /// SSH, HTTP, LLDP, CDP, SNMP), targets of every ICS kind, anomalies, layer-2 events, SMB paths
    /// with backslashes. (No corpus text holds control characters: the synthetic test covers those.)
    static let captures = [
        "peers/mixed.pcap", "it/tls_ja4.pcap", "it/dhcp_eve_extended.pcap", "it/http_all_headers.pcap",
        "it/smb2_at_schedule.pcap", "it/ssh_hassh.pcap", "it/snmp_v2c_get.pcap", "it/lldp_detailed.pcap",
        "it/cdp_v2.pcap", "it/EIP-SoftwareDownloadFailure.pcap", "bacnet/bacnet_services.pcap",
        "enip/EIP-ControlProtocolChangeAttempt.pcap", "bench-src/it-smb2-small.pcap",
        "opcua/opcua_with-gap_with-handshake.pcap",
        "opcua/open62541_client-server_mainloop.pcap", "peers/s7-attack.pcap", "peers/modbus-attack.pcap",
        "peers/dnp3-attack.pcap", "peers/mqtt-normal.pcap", "peers/enip-attack.pcap", "peers/iec104-attack.pcap",
    ]

    @Test(
        "Corpus events format identically", .enabled(if: Paths.corpusAvailable, "shared corpus not found"),
        arguments: captures)
    func corpusEvents(_ file: String) {
        let lines = Locked<[(new: String, old: String)]>([])
        var configuration = MonitorConfiguration()
        configuration.collectEvents = true
        let analyzer = CaptureAnalyzer(configuration: configuration)
        let result = analyzer.run([Paths.corpusFile(file)]) { _, batch in
            let pairs = batch.events.map {
                (EventFormatter.jsonLine($0, in: batch), ReferenceEventFormatter.jsonLine($0, in: batch))
            }
            lines.withLock { $0 += pairs }
        }
        #expect(result.errors.isEmpty)
        let formatted = lines.withLock { $0 }
        #expect(formatted.count > 0, "\(file): no events")
        var differences = 0
        for (new, old) in formatted where new != old {
            differences += 1
            if differences <= 3 { Issue.record("\(file):\n new \(new)\n old \(old)") }
        }
        #expect(differences == 0, "\(file): \(differences) of \(formatted.count) lines differ")
    }

    @Test("The corpus exercises identity, related identity, anomalies and escapes")
    func corpusCoverage() {
        guard Paths.corpusAvailable else { return }
        let lines = Locked<[String]>([])
        var configuration = MonitorConfiguration()
        configuration.collectEvents = true
        _ = CaptureAnalyzer(configuration: configuration).run(Self.captures.map(Paths.corpusFile)) { _, batch in
            let formatted = batch.events.map { EventFormatter.jsonLine($0, in: batch) }
            lines.withLock { $0 += formatted }
        }
        let all = lines.withLock { $0 }
        #expect(all.count > 5000)
        #expect(all.contains { $0.contains("\"identity\":{") })
        #expect(all.contains { $0.contains(/"identity":\{[^}]*:\[/) })  // a repeated key
        #expect(all.contains { $0.contains("\"related_identity\":[") })
        #expect(all.contains { $0.contains("\"anomaly\":{") })
        #expect(all.contains { $0.contains(#"\\"#) })
    }

    @Test("Synthetic events: hostile text, repeated keys, every subject and target kind, IPv6")
    func syntheticEvents() {
        var random = SplitMix(seed: 0x5EED_F0E7)
        let batch = EventBatch(capacity: 1 << 16)
        let operations = Operation.allCases
        let protocols = ApplicationProtocol.all
        let names: [StaticString] = ["", "Read Coils", "x", "quote\"d", "tab\there"]
        let anomalies: [Anomaly?] = [
            nil, Anomaly(AnomalyKind("test.truncated")), Anomaly(AnomalyKind("test.odd"), "length \"7\" over\\limit"),
        ]
        for index in 0..<20_000 {
            var context = PacketContext()
            context.frame = random.next()
            context.timestamp = Int64(bitPattern: random.next())
            context.source = randomAddress(&random)
            context.destination = randomAddress(&random)
            context.sourcePort = UInt16(truncatingIfNeeded: random.next())
            context.destinationPort = UInt16(truncatingIfNeeded: random.next())
            context.hasPorts = random.next() & 1 == 0
            context.sourceMAC = randomMAC(&random)
            context.destinationMAC = randomMAC(&random)
            context.hasMACs = random.next() & 1 == 0
            context.vlan = UInt16(truncatingIfNeeded: random.next() & 0xFFF)
            context.hasVLAN = random.next() & 3 == 0
            var event = ProtocolEvent()
            event.protocolID = protocols[Int(random.next() % UInt64(protocols.count))]
            event.function = randomNumber(&random)
            event.functionGroup = randomNumber(&random)
            event.subfunction = randomNumber(&random)
            event.functionName = names[Int(random.next() % UInt64(names.count))]
            event.direction = EventDirection(rawValue: UInt8(random.next() % 4)) ?? .request
            event.operation = operations[Int(random.next() % UInt64(operations.count))]
            var target = EventTarget(
                kind: EventTarget.Kind(rawValue: UInt8(random.next() % 16)) ?? .text, randomNumber(&random),
                randomNumber(&random), randomNumber(&random), randomNumber(&random))
            if target.kind == .modbusRange { target.first = Int64(random.next() % 7) - 1 }
            if random.next() & 1 == 0 { target.text = randomText(&random, in: batch) }
            event.target = target
            switch random.next() % 3 {
            case 0: event.result = .absent
            case 1: event.result = .ok
            default:
                event.result.status = .error
                event.result.code = randomNumber(&random)
                event.result.name = names[Int(random.next() % UInt64(names.count))]
            }
            event.anomaly = anomalies[Int(random.next() % UInt64(anomalies.count))]
            let start = batch.nextFactIndex
            let keys = IdentityKey.allCases
            for _ in 0..<Int(random.next() % 6) {
                let subject: FactSubject =
                    switch random.next() % 6 {
                    case 0: .destination
                    case 1: .address(randomAddress(&random))
                    case 2: .mac(randomMAC(&random))
                    default: .source
                    }
                // Few keys, so that keys repeat within an event and become arrays.
                let key = keys[Int(random.next() % 3)]
                batch.addFact(key, randomText(&random, in: batch), about: subject)
            }
            event.identityStart = start
            event.identityCount = batch.nextFactIndex - start
            batch.emit(event, context: context, layer2: random.next() % 4 == 0)
            if index % 1000 == 999 || batch.needsFlush {
                compare(batch)
                batch.reset()
            }
        }
        compare(batch)
    }

    private func compare(_ batch: EventBatch) {
        var differences = 0
        for event in batch.events {
            let new = EventFormatter.jsonLine(event, in: batch)
            let old = ReferenceEventFormatter.jsonLine(event, in: batch)
            if new != old {
                differences += 1
                if differences <= 3 { Issue.record("\n new \(new)\n old \(old)") }
            }
        }
        #expect(differences == 0)
    }

    @Test("Address text: as before, for random and edge-case addresses")
    func addresses() {
        var random = SplitMix(seed: 7)
        var macs: [MACAddress] = [.zero, .broadcast, MACAddress(rawValue: 0x0A0B_0C0D_0E0F)]
        var addresses: [IPAddress] = [
            .unspecified, IPAddress(high: 0, low: 1), IPAddress(high: 0, low: 0x0000_FFFF_0000_0000),
            IPAddress(ipv4: 0), IPAddress(ipv4: 0xFFFF_FFFF), IPAddress(high: .max, low: .max),
            IPAddress(high: 0x2001_0DB8_0000_0000, low: 0x0000_0000_0000_0001),
            IPAddress(high: 0x2001_0DB8_0000_0001, low: 0x0000_0000_0001_0000),
            IPAddress(high: 0x0001_0000_0000_0001, low: 0x0000_0000_0000_0001),
            IPAddress(high: 0, low: 0x0000_0000_0A00_0001), IPAddress(high: 0xFE80_0000_0000_0000, low: 0x1),
        ]
        for _ in 0..<20_000 {
            macs.append(MACAddress(rawValue: random.next()))
            addresses.append(randomAddress(&random))
            addresses.append(IPAddress(high: random.next(), low: random.next()))
        }
        for mac in macs {
            #expect(mac.description == mac.referenceDescription)
            var bytes: [UInt8] = [0x41]
            mac.write(into: &bytes)
            #expect(bytes == [0x41] + Array(mac.referenceDescription.utf8))
        }
        for address in addresses {
            #expect(address.description == address.referenceDescription)
            var bytes: [UInt8] = []
            address.write(into: &bytes)
            #expect(bytes == Array(address.referenceDescription.utf8))
        }
    }

    @Test("Timestamps across the whole Int64 range")
    func timestamps() {
        var random = SplitMix(seed: 42)
        var values: [Int64] = [
            0, -1, 1, 999, 1000, -1000, -999_999_999, 1_000_000_000, .min, .max, 951_782_400_000_000_000,
            1_795_000_000_123_456_789,
        ]
        for _ in 0..<20_000 { values.append(Int64(bitPattern: random.next())) }
        for value in values { #expect(rfc3339(value) == referenceRFC3339(value), "\(value)") }
        #expect(rfc3339(0) == "1970-01-01T00:00:00.000000Z")
        #expect(rfc3339(-1) == "1969-12-31T23:59:59.999999Z")
        #expect(rfc3339(951_782_400_000_000_000) == "2000-02-29T00:00:00.000000Z")
    }

    @Test("JSON writer: integers, escapes, nesting, deep nesting")
    func writer() {
        var json = JSONWriter()
        json.beginObject()
        json.field("min", Int64.min)
        json.field("max", UInt64.max)
        json.field("zero", 0)
        json.field("negative", -42)
        json.field("byte", UInt8(255))
        json.field("text", "a\"b\\c\n\r\t\u{01}\u{1F}\u{7F}é😀\u{85}")
        json.key("list")
        json.beginArray()
        json.value(true)
        json.value(1.5)
        json.value(Double.nan)
        json.null()
        json.beginObject()
        json.endObject()
        json.beginArray()
        json.endArray()
        json.endArray()
        json.endObject()
        #expect(
            json.output
                == #"{"min":-9223372036854775808,"max":18446744073709551615,"zero":0,"negative":-42,"byte":255,"#
                + #""text":"a\"b\\c\n\r\t\u0001\u001f\u007fé😀"# + "\u{85}" + #"","list":[true,1.5,null,null,{},[]]}"#)

        // Deeper than the 64 levels kept in a word.
        var deep = JSONWriter()
        var reference = ReferenceJSONWriter()
        for level in 0..<100 {
            deep.beginArray()
            reference.beginArray()
            deep.value(level)
            reference.value(level)
        }
        for _ in 0..<100 {
            deep.value("end")
            reference.value("end")
            deep.endArray()
            reference.endArray()
        }
        deep.value(1)
        reference.value(1)
        #expect(deep.output == reference.output)

        var invalid = JSONWriter()
        let bytes: [UInt8] = [0x41, 0xFF, 0x22, 0xE2, 0x82, 0x0A, 0xC3, 0xA9]
        bytes.withUnsafeBytes { invalid.value(decodingUTF8: $0) }
        var old = ReferenceJSONWriter()
        old.value(String(decoding: bytes, as: UTF8.self))
        #expect(invalid.output == old.output)
    }
}

/// What the worker callbacks hand over, behind a lock.
private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

/// A seeded generator, so that a failure reproduces.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func randomNumber(_ random: inout SplitMix) -> Int64 {
    switch random.next() % 5 {
    case 0: -1
    case 1: Int64(random.next() % 10)
    case 2: Int64(random.next() % 100_000)
    case 3: Int64(bitPattern: random.next())
    default: Int64(random.next() % 0x1_0000)
    }
}

/// Addresses with zero groups in every place (IPv6 compression), IPv4 and IPv4-mapped.
private func randomAddress(_ random: inout SplitMix) -> IPAddress {
    if random.next() % 3 == 0 { return IPAddress(ipv4: UInt32(truncatingIfNeeded: random.next())) }
    var high: UInt64 = 0
    var low: UInt64 = 0
    for index in 0..<8 {
        let group: UInt64 =
            switch random.next() % 4 {
            case 0, 1: 0
            case 2: random.next() & 0xF
            default: random.next() & 0xFFFF
            }
        if index < 4 { high = high << 16 | group } else { low = low << 16 | group }
    }
    return IPAddress(high: high, low: low)
}

private func randomMAC(_ random: inout SplitMix) -> MACAddress {
    switch random.next() % 4 {
    case 0: .zero
    case 1: .broadcast
    default: MACAddress(rawValue: random.next())
    }
}

/// Text with quotes, backslashes, controls, DEL, multi-byte UTF-8 and invalid UTF-8.
private func randomText(_ random: inout SplitMix, in batch: EventBatch) -> TextRef {
    let pieces: [[UInt8]] = [
        Array("plain".utf8), [0x22], [0x5C], [0x0A], [0x0D], [0x09], [0x00], [0x01], [0x1F], [0x7F], [0x20],
        Array("é".utf8), Array("😀".utf8), [0xC2, 0x85], [0xFF], [0xE2, 0x82], [0xC3], [0xED, 0xA0, 0x80],
        Array("PLC-01.plant.local".utf8),
    ]
    var bytes: [UInt8] = []
    for _ in 0..<Int(random.next() % 8) { bytes += pieces[Int(random.next() % UInt64(pieces.count))] }
    // Mostly ASCII, as on the wire.
    if random.next() % 3 != 0 { bytes.removeAll { $0 >= 0x80 } }
    return bytes.withUnsafeBytes { batch.text(ByteView($0)) }
}
