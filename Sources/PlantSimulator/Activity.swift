/// Something in the plant that acts at scheduled times: a polling session, a broadcaster, an
/// attack step. `run` emits frames at or after `time` into the simulation and returns when it
/// wants to run again (`nil`: never).
protocol Activity: AnyObject {
    func run(at time: Int64, in simulation: Simulation) -> Int64?
}

/// One request and its replies on a TCP session. `fromClient` says who asks; the replies come
/// from the other side. `truth` labels an injected attack step (recorded at the time of the
/// request's last segment, the frame on which a decoder reports it).
struct Exchange {
    var request: [UInt8]
    var replies: [[UInt8]] = []
    var fromClient = true
    var truth: TruthLabel?
    /// Server think time before the first reply, µs.
    var latency: Int64 = 1_500
}

/// What a TCP session says: the exchanges after the handshake, then those of each poll cycle.
protocol SessionScript: AnyObject {
    func opening(random: inout SplitMix64) -> [Exchange]
    func poll(cycle: Int, random: inout SplitMix64) -> [Exchange]
}
