// Per-protocol fuzz targets: the input goes straight into one protocol's decoder, without capture
// framing or flow identification, so the fuzzer spends its time inside the decoder. Compiled into
// the libFuzzer binary by `fuzz/run.sh` (selected with PALISADE_FUZZ_TARGET=<protocol>) and
// replayed for every seed by `FuzzSeedReplayTests`. Public API only; no Foundation here.
import BinaryParsing
import EventModel
import Monitor
import PacketLayers

enum DecoderFuzzTargets {
    /// Every protocol with a decoder, by name (`modbus`, `s7comm`, `tls`, …).
    static let registrations: [(name: String, registration: ProtocolRegistration)] = ProtocolCatalog.standard
        .filter { $0.makeStreamDecoder != nil || $0.makeDatagramDecoder != nil || $0.makeFrameDecoder != nil }
        .map { ($0.protocolID.name, $0) }

    static func registration(named name: String) -> ProtocolRegistration? {
        registrations.first { $0.name == name }?.registration
    }

    /// Feeds `input` to the decoders of `registration`.
    /// - Stream decoders: the first byte seeds how the rest is cut into segments, which direction
    ///   each goes and where a gap (lost bytes) falls; `finish` at the end.
    /// - Datagram decoders: the rest as datagrams `[length: UInt16 BE][bytes]…` alternating
    ///   directions (the whole input as one datagram first).
    /// - Frame decoders: the whole input as one frame's payload.
    @discardableResult
    static func run(_ registration: ProtocolRegistration, _ input: ByteView) -> Int {
        let events = EventBatch(collecting: true, capacity: 256)
        var context = PacketContext()
        context.source = IPAddress(ipv4: 0x0A00_0001)
        context.destination = IPAddress(ipv4: 0x0A00_0002)
        context.sourcePort = 40000
        context.destinationPort = registration.tcpPorts.first ?? registration.udpPorts.first ?? 1
        context.hasPorts = true
        var digest = 0
        if let make = registration.makeStreamDecoder {
            let decoder = make()
            var seed = UInt32(input.count > 0 ? input[0] : 0) | 0x100
            var offset = min(1, input.count)
            var frame: UInt64 = 0
            while offset < input.count {
                seed = seed &* 1_103_515_245 &+ 12345
                let length = min(input.count - offset, Int(seed >> 16 & 0x3F) + 1)
                frame &+= 1
                context.frame = frame
                context.fromClient = seed >> 24 & 0x03 != 0
                if seed >> 26 & 0x1F == 0 {
                    decoder.gap(length, context: context, events: events)
                } else {
                    let segment = input.slice(from: offset, count: length) ?? .empty
                    _ = decoder.startsMessage(segment)
                    decoder.receive(segment, context: context, events: events)
                }
                offset += length
                digest &+= drain(events)
            }
            decoder.finish(events: events)
        }
        if let make = registration.makeDatagramDecoder {
            let decoder = make()
            decoder.receive(input, context: context, events: events)
            var offset = 0
            var fromClient = true
            while offset + 2 <= input.count {
                let length = Int(input.getUInt16(at: offset) ?? 0)
                let datagram = input.slice(from: offset + 2, count: min(length, input.count - offset - 2)) ?? .empty
                offset += 2 + datagram.count
                context.fromClient = fromClient
                fromClient.toggle()
                decoder.receive(datagram, context: context, events: events)
                digest &+= drain(events)
            }
            decoder.finish(events: events)
        }
        if let make = registration.makeFrameDecoder {
            let decoder = make()
            var packet = DecodedPacket()
            packet.linkPayload = input
            packet.etherType = registration.etherTypes.first ?? 0
            decoder.receive(input, packet: packet, context: context, events: events)
        }
        return digest &+ drain(events)
    }

    /// Formats every event (touching all text and facts) and empties the batch.
    private static func drain(_ events: EventBatch) -> Int {
        var digest = 0
        for event in events.events {
            digest &+= EventFormatter.jsonLine(event, in: events).utf8.count
        }
        events.reset()
        return digest
    }

    /// Every decoder on one input (seed replay).
    @discardableResult
    static func runAll(_ input: ByteView) -> Int {
        registrations.reduce(0) { $0 &+ run($1.registration, input) }
    }
}
