import Foundation
import Testing

@testable import Monitor

/// How packets are split between workers: `SharedShards` (file workers, claimed while running)
/// and `ShardBalancer` (the live dispatcher).
@Suite("Shard assignment")
struct ShardAssignmentTests {
    /// A plant-like stream: a few heavy address pairs and many light ones, as shard hashes. With
    /// `arriving`, the light pairs are short-lived and new ones keep appearing (hosts joining,
    /// a capture of many cells merged); otherwise all 2,000 appear early and stay.
    static func skewedHashes(count: Int, arriving: Bool = false, seed: UInt64 = 7) -> [UInt64] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        let heavy = (0..<6).map { _ in next() }
        let light = (0..<2_000).map { _ in next() }
        return (0..<count).map { index in
            // Half the packets belong to six pairs, one of them twice as busy as the others.
            if index % 2 == 0 {
                let pick = Int(next() >> 61)
                return heavy[pick < 6 ? pick : 0]
            }
            if arriving { return (UInt64(index / 400) &+ 1) &* 0x9E37_79B9_7F4A_7C15 }
            return light[Int(next() >> 40) % light.count]
        }
    }

    @Test func balancerKeepsAPairOnOneWorkerAndSplitsSkewedTrafficEvenly() {
        let hashes = Self.skewedHashes(count: 200_000)
        let balancer = ShardBalancer(workers: 2)
        var ownerOfHash: [UInt64: Int] = [:]
        var packets = [0, 0]
        for hash in hashes {
            let owner = balancer.owner(of: hash)
            #expect(ownerOfHash[hash, default: owner] == owner)
            ownerOfHash[hash] = owner
            packets[owner] += 1
        }
        #expect(packets[0] + packets[1] == hashes.count)
        #expect(balancer.load(of: 0) == UInt64(packets[0]))
        let share = Double(packets[0]) / Double(hashes.count)
        #expect(share > 0.35 && share < 0.65, "worker 0 got \(share)")
        // The same stream gives the same split (a restart or a second dispatcher agrees).
        let again = ShardBalancer(workers: 2)
        #expect(hashes.allSatisfy { again.owner(of: $0) == ownerOfHash[$0] })
    }

    @Test func balancerWithOneWorkerOwnsEverything() {
        let balancer = ShardBalancer(workers: 1)
        #expect(Self.skewedHashes(count: 1_000).allSatisfy { balancer.owner(of: $0) == 0 })
    }

    /// Workers running side by side on real threads: every packet has exactly one owner, and a
    /// pair's packets all go to the same worker.
    @Test func concurrentWorkersPartitionEveryPacketConsistently() async {
        let hashes = Self.skewedHashes(count: 300_000)
        for workers in [2, 3] {
            let shards = SharedShards(workers: workers)
            let owned = await withTaskGroup(of: (Int, [Bool]).self) { group in
                for worker in 0..<workers {
                    group.addTask {
                        let picker = ShardPicker(shards: shards, worker: worker)
                        return (worker, hashes.map { picker.isOwn($0) })
                    }
                }
                var owned = Array(repeating: [Bool](), count: workers)
                for await (worker, flags) in group { owned[worker] = flags }
                return owned
            }
            var ownerOfHash: [UInt64: Int] = [:]
            for (index, hash) in hashes.enumerated() {
                let owners = (0..<workers).filter { owned[$0][index] }
                #expect(owners.count == 1, "packet \(index) owned by \(owners)")
                guard let owner = owners.first else { continue }
                #expect(ownerOfHash[hash, default: owner] == owner, "pair split at packet \(index)")
                ownerOfHash[hash] = owner
            }
        }
    }

    /// A worker that runs far ahead (its core is faster) takes the pairs it meets, up to 1.5× its
    /// fair share; the one that comes later processes what was left to it, and nothing is lost.
    @Test func aWorkerThatLeadsTakesMoreButNotEverything() {
        let hashes = Self.skewedHashes(count: 400_000, arriving: true)
        let shards = SharedShards(workers: 2)
        let fast = ShardPicker(shards: shards, worker: 0)
        let slow = ShardPicker(shards: shards, worker: 1)
        // The slow worker reads a little, then stalls while the fast one reads everything.
        let slowStart = 1_000
        var fastOwned = 0
        var slowOwned = 0
        for hash in hashes[..<slowStart] where slow.isOwn(hash) { slowOwned += 1 }
        for hash in hashes where fast.isOwn(hash) { fastOwned += 1 }
        for hash in hashes[slowStart...] where slow.isOwn(hash) { slowOwned += 1 }
        #expect(fastOwned + slowOwned == hashes.count)
        let share = Double(fastOwned) / Double(hashes.count)
        #expect(share > 0.6 && share <= 0.8, "the leading worker got \(share)")
    }

    /// Workers in lockstep (equal speed) split by share: close to half each, even with heavy pairs.
    @Test func workersInStepSplitEvenly() {
        let hashes = Self.skewedHashes(count: 200_000)
        let shards = SharedShards(workers: 2)
        let pickers = [ShardPicker(shards: shards, worker: 0), ShardPicker(shards: shards, worker: 1)]
        var owned = [0, 0]
        for hash in hashes {
            for worker in 0..<2 where pickers[worker].isOwn(hash) { owned[worker] += 1 }
        }
        #expect(owned[0] + owned[1] == hashes.count)
        let share = Double(owned[0]) / Double(hashes.count)
        #expect(share > 0.35 && share < 0.65, "worker 0 got \(share)")
        #expect(pickers[0].read == hashes.count && pickers[0].owned == owned[0])
    }
}
