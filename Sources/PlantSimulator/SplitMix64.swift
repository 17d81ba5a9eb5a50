/// SplitMix64 (Steele, Lea, Flood 2014): a small, fast PRNG whose whole output follows from the
/// seed, so a seed always yields the same capture. Every random choice of the simulator comes
/// from here, through these methods only (the standard library's `random(in:using:)` may change
/// its algorithm between releases).
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// Uniform in `0..<bound` (multiply-high; the bias is below 2^-32 for the bounds used here).
    public mutating func below(_ bound: UInt64) -> UInt64 {
        guard bound > 0 else { return 0 }
        return next().multipliedFullWidth(by: bound).high
    }

    /// Uniform in `range`.
    public mutating func int(in range: ClosedRange<Int64>) -> Int64 {
        range.lowerBound + Int64(below(UInt64(range.upperBound - range.lowerBound) + 1))
    }

    /// `value` ± `fraction` of itself.
    public mutating func jitter(_ value: Int64, fraction: Double) -> Int64 {
        let spread = Int64(Double(value) * fraction)
        return spread > 0 ? value + int(in: -spread...spread) : value
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A generator of its own for one activity, so that adding an activity does not shift the
    /// random choices of the others.
    public mutating func split() -> SplitMix64 { SplitMix64(seed: next()) }
}
