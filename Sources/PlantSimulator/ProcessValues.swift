import Foundation

/// Plausible process values: a slow sine around a set point plus a little noise, so polled
/// registers change the way tank levels and temperatures do.
enum ProcessValues {
    static func analog(base: Double, amplitude: Double, cycle: Int, period: Double, random: inout SplitMix64) -> Double
    {
        base + amplitude * sin(Double(cycle) * 2 * Double.pi / period) + (random.unit() - 0.5) * amplitude * 0.1
    }

    static func registers(count: Int, cycle: Int, seedOffset: Int, random: inout SplitMix64) -> [UInt16] {
        (0..<count).map { index in
            let value = analog(
                base: 1_000 + Double(index * 250 + seedOffset), amplitude: 120, cycle: cycle + index * 7,
                period: 90, random: &random)
            return UInt16(clamping: Int(value.rounded()))
        }
    }

    static func bits(count: Int, cycle: Int, random: inout SplitMix64) -> [Bool] {
        (0..<count).map { index in (cycle / (5 + index)) % 2 == 0 || random.below(50) == 0 }
    }
}
