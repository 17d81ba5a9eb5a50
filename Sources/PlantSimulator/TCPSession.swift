import PacketCrafting

/// A client's TCP connection to a server, driven by a script: opened on the first run (ARP if
/// needed, handshake, the script's opening exchanges), then one poll cycle per run, as HMIs and
/// SCADA masters keep their sessions open. With `cycles` set, the client closes the connection
/// after that many cycles (engineering and attack sessions).
final class TCPSession: Activity {
    let client: Device
    let server: Device
    let serverPort: UInt16
    let interval: Int64
    let script: any SessionScript
    let cycles: Int?
    private var random: SplitMix64
    private var conversation: TCPConversation?
    private var cycle = 0

    init(
        client: Device, server: Device, serverPort: UInt16, interval: Int64, script: any SessionScript,
        cycles: Int? = nil, random: SplitMix64
    ) {
        self.client = client
        self.server = server
        self.serverPort = serverPort
        self.interval = interval
        self.script = script
        self.cycles = cycles
        self.random = random
    }

    func run(at time: Int64, in simulation: Simulation) -> Int64? {
        var now = time
        var exchanges: [Exchange]
        if var conversation {
            exchanges = script.poll(cycle: cycle, random: &random)
            now = play(exchanges, on: &conversation, at: now, in: simulation)
            self.conversation = conversation
        } else {
            now = simulation.resolve(client, server, at: now)
            var opened = TCPConversation(
                client: client.endpoint, server: server.endpoint,
                clientPort: UInt16(truncatingIfNeeded: random.int(in: 49152...65535)), serverPort: serverPort,
                clientInitialSequence: UInt32(truncatingIfNeeded: random.next()),
                serverInitialSequence: UInt32(truncatingIfNeeded: random.next()),
                clientIdentification: simulation.nextIdentification(client),
                serverIdentification: simulation.nextIdentification(server), vlan: client.vlan)
            let handshake = opened.open(at: now, roundTrip: random.int(in: 200...1_200))
            simulation.emit(handshake)
            now = (handshake.last?.time ?? now) + random.int(in: 100...2_000)
            exchanges = script.opening(random: &random)
            exchanges += script.poll(cycle: cycle, random: &random)
            now = play(exchanges, on: &opened, at: now, in: simulation)
            conversation = opened
        }
        cycle += 1
        if let cycles, cycle >= cycles, var conversation {
            simulation.emit(conversation.close(from: .client, at: now + 20_000, roundTrip: random.int(in: 200...900)))
            self.conversation = conversation
            return nil
        }
        return time + random.jitter(interval, fraction: 0.03)
    }

    /// Emits the exchanges one after the other; returns the time after the last frame. The asker
    /// acknowledges the last reply of the batch on its own; earlier replies are acknowledged by
    /// the next request.
    private func play(
        _ exchanges: [Exchange], on conversation: inout TCPConversation, at start: Int64,
        in simulation: Simulation
    ) -> Int64 {
        var now = start
        for (position, exchange) in exchanges.enumerated() {
            let asker: TCPConversation.Side = exchange.fromClient ? .client : .server
            let answerer: TCPConversation.Side = exchange.fromClient ? .server : .client
            let request = conversation.send(exchange.request, from: asker, at: now)
            simulation.emit(request)
            let requestTime = request.last?.time ?? now
            if let label = exchange.truth {
                let sender = exchange.fromClient ? client : server
                let receiver = exchange.fromClient ? server : client
                simulation.record(
                    label, at: requestTime, source: sender, destination: receiver.ip.description,
                    port: exchange.fromClient ? serverPort : conversation.clientPort)
            }
            now = requestTime + random.jitter(exchange.latency, fraction: 0.4)
            if exchange.replies.isEmpty {
                simulation.emit(conversation.acknowledge(from: answerer, at: now))
            }
            for reply in exchange.replies {
                let frames = conversation.send(reply, from: answerer, at: now)
                simulation.emit(frames)
                now = (frames.last?.time ?? now) + random.int(in: 30...200)
            }
            if position == exchanges.count - 1, !exchange.replies.isEmpty {
                simulation.emit(conversation.acknowledge(from: asker, at: now + random.int(in: 100...400)))
            }
            now += random.int(in: 300...1_500)
        }
        return now
    }
}
