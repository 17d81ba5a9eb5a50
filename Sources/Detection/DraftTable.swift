/// Drafts by key, held in an array with an index of slots: a draft is read and changed where it
/// lies. A dictionary can hand out its values only as copies, and copying a draft retains every
/// string and array it holds: judging hundreds of thousands of rate buckets spent a fifth of its
/// time on copies made just to compare a count.
struct DraftTable {
    /// The keys, slot by slot.
    private(set) var keys: [DraftKey] = []
    /// The drafts, slot by slot.
    private(set) var drafts: [Draft] = []
    private var slots: [DraftKey: Int] = [:]

    var count: Int { drafts.count }
    var isEmpty: Bool { drafts.isEmpty }

    /// The slot of `key`'s draft, nil when there is none.
    func slot(of key: DraftKey) -> Int? { slots[key] }

    /// Adds the draft of a key that has none yet; returns its slot.
    mutating func append(_ draft: Draft, for key: DraftKey) -> Int {
        let slot = drafts.count
        slots[key] = slot
        keys.append(key)
        drafts.append(draft)
        return slot
    }

    /// Changes the draft at `slot` in place.
    mutating func update<Result>(_ slot: Int, _ body: (inout Draft) -> Result) -> Result {
        body(&drafts[slot])
    }

    /// Lends the drafts to `body` without copying any of them.
    func withDrafts<Result>(_ body: (UnsafeBufferPointer<Draft>) -> Result) -> Result {
        drafts.withUnsafeBufferPointer(body)
    }

    /// Folds `other` in: the drafts of keys both hold are merged, the others added.
    mutating func merge(_ other: consuming DraftTable) {
        // The first worker's table is taken whole: nothing to merge it with.
        guard !isEmpty else {
            self = other
            return
        }
        slots.reserveCapacity(count + other.count)
        other.withDrafts { theirs in
            for index in theirs.indices {
                let key = other.keys[index]
                if let slot = slots[key] {
                    drafts[slot].merge(theirs[index])
                } else {
                    _ = append(theirs[index], for: key)
                }
            }
        }
    }

    /// Removes the drafts `isPassed` picks; the others keep their order.
    mutating func removeAll(where isPassed: (DraftKey, borrowing Draft) -> Bool) {
        var kept = 0
        // Swapped through the buffers: `Array.swapAt` would copy both drafts.
        drafts.withUnsafeMutableBufferPointer { drafts in
            keys.withUnsafeMutableBufferPointer { keys in
                for index in drafts.indices where !isPassed(keys[index], drafts[index]) {
                    if index != kept {
                        drafts.swapAt(kept, index)
                        keys.swapAt(kept, index)
                    }
                    kept += 1
                }
            }
        }
        guard kept < drafts.count else { return }
        drafts.removeLast(drafts.count - kept)
        keys.removeLast(keys.count - kept)
        slots.removeAll(keepingCapacity: true)
        for (slot, key) in keys.enumerated() { slots[key] = slot }
    }
}
