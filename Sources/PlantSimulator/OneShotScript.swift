/// A fixed list of exchanges sent once (identification reads, attack steps), on any protocol.
final class OneShotScript: SessionScript {
    private let makeOpening: (inout SplitMix64) -> [Exchange]
    private let makeExchanges: (inout SplitMix64) -> [Exchange]

    init(
        opening: @escaping (inout SplitMix64) -> [Exchange] = { _ in [] },
        exchanges: @escaping (inout SplitMix64) -> [Exchange]
    ) {
        self.makeOpening = opening
        self.makeExchanges = exchanges
    }

    func opening(random: inout SplitMix64) -> [Exchange] { makeOpening(&random) }
    func poll(cycle: Int, random: inout SplitMix64) -> [Exchange] { cycle == 0 ? makeExchanges(&random) : [] }
}
