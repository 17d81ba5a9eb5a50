import Foundation
import PlantSimulator
import Testing

/// The same seed gives the same bytes; another seed gives other timing and values.
@Suite struct DeterminismTests {
    @Test func sameSeedSameBytesOtherSeedOtherBytes() throws {
        let first = SimulatedCapture.path("determinism-a.pcap")
        let second = SimulatedCapture.path("determinism-b.pcap")
        let other = SimulatedCapture.path("determinism-c.pcap")
        let truthA = try PlantSimulator.write(to: first, minutes: 1, seed: 42, attack: true)
        let truthB = try PlantSimulator.write(to: second, minutes: 1, seed: 42, attack: true)
        try PlantSimulator.write(to: other, minutes: 1, seed: 43, attack: true)
        let bytesA = try Data(contentsOf: URL(fileURLWithPath: first))
        let bytesB = try Data(contentsOf: URL(fileURLWithPath: second))
        let bytesC = try Data(contentsOf: URL(fileURLWithPath: other))
        #expect(bytesA.count > 100_000)
        #expect(bytesA == bytesB)
        #expect(bytesA != bytesC)
        #expect(truthA.steps == truthB.steps)
        #expect(truthA.frameCount == truthB.frameCount)
    }

    /// The capture starts at the fixed epoch (or `start`) and covers the simulated minutes.
    @Test func timeSpan() throws {
        let path = SimulatedCapture.path("span.pcap")
        let start: Int64 = 1_700_000_000_000_000
        let truth = try PlantSimulator.write(to: path, minutes: 0.5, seed: 1, start: start)
        #expect(truth.firstTime >= start && truth.firstTime < start + 5_000_000)
        #expect(truth.lastTime <= start + 30_000_000 && truth.lastTime > start + 25_000_000)
        #expect(truth.steps.isEmpty)
        #expect(GroundTruth.timestamp(PlantSimulator.defaultStart) == "2026-01-05T06:00:00.000000Z")
    }

    /// The plant has 30-60 devices on Purdue levels 0-4 with distinct addresses.
    @Test func plantShape() {
        let plant = PlantSimulator.plant(attack: false)
        #expect((30...60).contains(plant.devices.count))
        #expect(Set(plant.devices.compactMap(\.purdueLevel)) == [0, 1, 2, 3, 4])
        #expect(Set(plant.devices.map(\.mac)).count == plant.devices.count)
        #expect(Set(plant.devices.map(\.ip)).count == plant.devices.count)
    }
}
