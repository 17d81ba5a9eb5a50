import FlowTracking
import PacketLayers
import Testing

private let second: Int64 = 1_000_000_000

/// A packet with just the fields `FlowKey.of` reads.
private func packet(
    _ source: String, _ sourcePort: UInt16, _ destination: String, _ destinationPort: UInt16, ipProtocol: UInt8 = 6,
    vlan: UInt16 = 0
) -> DecodedPacket {
    var packet = DecodedPacket()
    packet.network = source.contains(":") ? .ipv6 : .ipv4
    packet.source = IPAddress(source)!
    packet.destination = IPAddress(destination)!
    packet.sourcePort = sourcePort
    packet.destinationPort = destinationPort
    packet.ipProtocol = ipProtocol
    packet.transport = ipProtocol == 6 ? .tcp : .udp
    packet.outerVLAN = vlan
    packet.vlanCount = vlan == 0 ? 0 : 1
    return packet
}

/// A distinct key per number (IPv4, UDP or TCP), with few distinct hosts so keys share prefixes.
private func key(_ n: Int, ipProtocol: UInt8 = 17) -> FlowKey {
    let a = IPAddress(ipv4: 0x0A00_0000 | UInt32(n % 7))
    let b = IPAddress(ipv4: 0xC0A8_0000 | UInt32((n / 7) % 5))
    return FlowKey(
        addressA: a, portA: UInt16(truncatingIfNeeded: 1024 + n / 35), addressB: b, portB: 502,
        ipProtocol: ipProtocol, vlan: 0)
}

@discardableResult
private func insert(_ table: FlowTable, _ key: FlowKey, time: Int64, frame: UInt64 = 1) -> Int32 {
    let slot = table.insert(
        key, hash: key.fastHash, frame: frame, time: time, initiatorIsA: true, isTCP: key.ipProtocol == 6)
    table.touch(slot, time: time)
    return slot
}

@Suite("Flow table")
struct FlowTableTests {
    @Test func bothDirectionsGiveTheSameKeyAndSlot() {
        let forward = FlowKey.of(packet("10.0.0.2", 40_000, "10.0.0.1", 502))
        let backward = FlowKey.of(packet("10.0.0.1", 502, "10.0.0.2", 40_000))
        #expect(forward.key == backward.key)
        #expect(forward.key.fastHash == backward.key.fastHash)
        #expect(forward.fromA != backward.fromA)
        #expect(forward.key.addressA == IPAddress("10.0.0.1")!)
        #expect(forward.key.portA == 502)

        // Same addresses, the port decides the order.
        let samePair1 = FlowKey.of(packet("10.0.0.1", 2000, "10.0.0.1", 1000))
        let samePair2 = FlowKey.of(packet("10.0.0.1", 1000, "10.0.0.1", 2000))
        #expect(samePair1.key == samePair2.key)

        // IPv6 too.
        let v6a = FlowKey.of(packet("fe80::1", 5000, "fe80::2", 20_000, ipProtocol: 17))
        let v6b = FlowKey.of(packet("fe80::2", 20_000, "fe80::1", 5000, ipProtocol: 17))
        #expect(v6a.key == v6b.key)

        let table = FlowTable()
        let slot = insert(table, forward.key, time: 0)
        #expect(table.find(backward.key, hash: backward.key.fastHash) == slot)
        #expect(table.find(forward.key, hash: forward.key.fastHash) == slot)

        // Different VLAN, protocol or port: a different flow.
        let otherVLAN = FlowKey.of(packet("10.0.0.2", 40_000, "10.0.0.1", 502, vlan: 7)).key
        let otherProtocol = FlowKey.of(packet("10.0.0.2", 40_000, "10.0.0.1", 502, ipProtocol: 17)).key
        let otherPort = FlowKey.of(packet("10.0.0.2", 40_001, "10.0.0.1", 502)).key
        #expect(otherVLAN != forward.key)
        #expect(table.find(otherVLAN, hash: otherVLAN.fastHash) == nil)
        #expect(table.find(otherProtocol, hash: otherProtocol.fastHash) == nil)
        #expect(table.find(otherPort, hash: otherPort.fastHash) == nil)
    }

    @Test func fullTableEvictsTheLeastRecentlySeen() {
        var configuration = FlowTableConfiguration()
        configuration.capacity = 4
        let table = FlowTable(configuration: configuration)
        let keys = (0..<5).map { key($0) }
        for i in 0..<4 { insert(table, keys[i], time: Int64(i) * second, frame: UInt64(i + 1)) }
        // Flow 0 is seen again, so flow 1 is now the least recently seen.
        table.touch(table.find(keys[0], hash: keys[0].fastHash)!, time: 10 * second)
        #expect(table.count == 4)
        insert(table, keys[4], time: 11 * second, frame: 5)
        #expect(table.evictions == 1)
        #expect(table.count == 4)
        #expect(table.ended.count == 1)
        #expect(table.ended.first?.reason == .evicted)
        #expect(table.ended.first?.entry.key == keys[1])
        #expect(table.find(keys[1], hash: keys[1].fastHash) == nil)
        for i in [0, 2, 3, 4] { #expect(table.find(keys[i], hash: keys[i].fastHash) != nil) }
        #expect(table.liveEntries.map(\.key) == [keys[2], keys[3], keys[0], keys[4]])
        #expect(table.created == 5)
    }

    @Test func idleFlowsExpireAsTimeAdvances() {
        var configuration = FlowTableConfiguration()
        configuration.udpIdleTimeout = 120 * second
        configuration.tcpIdleTimeout = 600 * second
        let table = FlowTable(configuration: configuration)
        let base: Int64 = 1_700_000_000_000_000_000  // a realistic capture time
        let udp = key(1, ipProtocol: 17)
        let tcp = key(2, ipProtocol: 6)
        let busyUDP = key(3, ipProtocol: 17)
        table.advanceTime(to: base)
        insert(table, udp, time: base)
        insert(table, tcp, time: base)
        insert(table, busyUDP, time: base)
        let from: Int64 = base + 10 * second
        let through: Int64 = base + 130 * second
        let step = Int(10 * second)
        for t in stride(from: from, through: through, by: step) {
            table.touch(table.find(busyUDP, hash: busyUDP.fastHash)!, time: t)
            table.advanceTime(to: t)
        }
        #expect(table.expired == 1)
        #expect(table.ended.count == 1)
        #expect(table.ended.first?.reason == .idleTimeout)
        #expect(table.ended.first?.entry.key == udp)
        #expect(table.find(udp, hash: udp.fastHash) == nil)
        #expect(table.find(tcp, hash: tcp.fastHash) != nil)
        #expect(table.find(busyUDP, hash: busyUDP.fastHash) != nil)
        table.ended.removeAll()

        let later: Int64 = base + 601 * second
        table.advanceTime(to: later)
        #expect(table.expired == 3)
        #expect(Set(table.ended.map(\.entry.key)) == [tcp, busyUDP])
        #expect(table.ended.allSatisfy { $0.reason == .idleTimeout })
        #expect(table.count == 0)
    }

    @Test func endAllEndsEveryFlowOldestFirst() {
        let table = FlowTable()
        let keys = (0..<10).map { key($0) }
        for (i, k) in keys.enumerated() { insert(table, k, time: Int64(i) * second) }
        table.endAll()
        #expect(table.count == 0)
        #expect(table.ended.map(\.entry.key) == keys)
        #expect(table.ended.allSatisfy { $0.reason == .endOfCapture })
        #expect(table.liveEntries.isEmpty)
        for k in keys { #expect(table.find(k, hash: k.fastHash) == nil) }
        // The table is usable afterwards.
        insert(table, keys[0], time: 100 * second)
        #expect(table.find(keys[0], hash: keys[0].fastHash) != nil)
    }

    @Test func removalKeepsCollidingKeysFindable() {
        // Force every key into a handful of home positions: real keys, hashes chosen to collide.
        let table = FlowTable()
        let keys = (0..<200).map { key($0) }
        func hash(_ i: Int) -> UInt64 { UInt64(i % 3) &* 0x1_0000_0000 &+ UInt64(i % 3) }
        var slots: [Int: Int32] = [:]
        for i in keys.indices {
            let slot = table.insert(keys[i], hash: hash(i), frame: 1, time: 0, initiatorIsA: true, isTCP: false)
            slots[i] = slot
        }
        for i in stride(from: 0, to: 200, by: 3) { table.end(slots[i]!, reason: .closed) }
        for i in keys.indices {
            let found = table.find(keys[i], hash: hash(i))
            if i % 3 == 0 {
                #expect(found == nil, "key \(i)")
            } else {
                #expect(found == slots[i], "key \(i)")
            }
        }
    }

    @Test func backwardShiftDeletionMatchesADictionaryModel() {
        var configuration = FlowTableConfiguration()
        configuration.capacity = 5000
        let table = FlowTable(configuration: configuration)
        var model: [FlowKey: Int32] = [:]
        var generator = SplitMix64(seed: 0xF10A_7AB1E)
        // Keys from a small space so that inserts, re-finds and removals of the same keys mix.
        func randomKey() -> FlowKey {
            let n = Int(generator.next() % 6000)
            return FlowKey(
                addressA: IPAddress(ipv4: 0x0A00_0000 | UInt32(n % 61)), portA: UInt16(n / 61),
                addressB: IPAddress(ipv4: 0x0A00_0100), portB: 502, ipProtocol: 6, vlan: UInt32(n % 2))
        }
        for step in 0..<20_000 {
            let k = randomKey()
            let action = generator.next() % 10
            if action < 6 {
                if let slot = table.find(k, hash: k.fastHash) {
                    #expect(model[k] == slot, "step \(step)")
                } else {
                    #expect(model[k] == nil, "step \(step)")
                    if table.count < configuration.capacity {
                        model[k] = insert(table, k, time: Int64(step))
                    }
                }
            } else if let slot = model[k] {
                table.end(slot, reason: .closed)
                model[k] = nil
            }
            if step % 1000 == 999 {
                // Every key of the model is findable at its slot; the counts agree.
                #expect(table.count == model.count)
                for (k, slot) in model { #expect(table.find(k, hash: k.fastHash) == slot) }
            }
        }
        // A sweep with a different key stream: absent keys are absent.
        for n in 6000..<7000 {
            let k = FlowKey(
                addressA: IPAddress(ipv4: 0x0A00_0000 | UInt32(n % 61)), portA: UInt16(n / 61),
                addressB: IPAddress(ipv4: 0x0A00_0100), portB: 502, ipProtocol: 6, vlan: UInt32(n % 2))
            #expect(table.find(k, hash: k.fastHash) == nil)
        }
        for (k, slot) in model { #expect(table[slot].key == k) }
        table.endAll()
        #expect(table.ended.count >= model.count)
        #expect(table.count == 0)
    }

    @Test func growingPastTheInitialStorageKeepsEveryFlow() {
        var configuration = FlowTableConfiguration()
        configuration.capacity = 5000
        let table = FlowTable(configuration: configuration)
        let keys = (0..<4000).map { n in
            FlowKey(
                addressA: IPAddress(ipv4: UInt32(0x0A00_0000 + n)), portA: 1, addressB: IPAddress(ipv4: 0xC0A8_0001),
                portB: 2, ipProtocol: 17, vlan: 0)
        }
        var slots: [Int32] = []
        for (i, k) in keys.enumerated() { slots.append(insert(table, k, time: Int64(i))) }
        #expect(table.count == 4000)
        #expect(table.evictions == 0)
        for (i, k) in keys.enumerated() { #expect(table.find(k, hash: k.fastHash) == slots[i]) }
    }
}

/// A small deterministic generator for reproducible random tests.
struct SplitMix64: RandomNumberGenerator {
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
