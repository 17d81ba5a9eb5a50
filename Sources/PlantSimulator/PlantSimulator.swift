import PacketCrafting

/// Writes a deterministic capture of the simulated plant (see docs/simulator.md): the same
/// arguments always give the same bytes.
public enum PlantSimulator {
    /// 2026-01-05T06:00:00Z, in µs since the Unix epoch.
    public static let defaultStart: Int64 = 1_767_592_800 * 1_000_000

    /// The plant as simulated, with the rogue laptop when `attack` is set.
    public static func plant(attack: Bool) -> PlantModel { PlantModel.standard(rogue: attack) }

    /// Simulates `minutes` of traffic from `start` into a classic pcap at `path`; with `attack`,
    /// the attack sequence runs from 30 % of the duration. Returns what was injected.
    @discardableResult
    public static func write(
        to path: String, minutes: Double = 10, seed: UInt64 = 1, attack: Bool = false, start: Int64 = defaultStart
    ) throws -> GroundTruth {
        let duration = Int64(minutes * 60_000_000)
        let simulation = Simulation(plant: plant(attack: attack), startTime: start, duration: duration, seed: seed)
        NormalTraffic.schedule(in: simulation)
        if attack { AttackScenario.schedule(in: simulation, at: start + duration * 3 / 10, duration: duration) }
        let writer = try PcapWriter(path: path)
        try simulation.run(into: writer)
        try writer.close()
        return simulation.truth
    }
}
