/// A binary min-heap of things due at a time, ordered by (time, insertion order): frames to write
/// and activities to run. Activities emit frames at or after their own time, so popping in order
/// writes the capture in time order while holding only what is due soon.
struct EmissionQueue {
    enum Item {
        case frame([UInt8])
        case activity(Int)
    }

    private struct Entry {
        var time: Int64
        var order: UInt64
        var item: Item
        func precedes(_ other: Entry) -> Bool { (time, order) < (other.time, other.order) }
    }

    private var heap: [Entry] = []
    private var nextOrder: UInt64 = 0

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }

    mutating func push(_ item: Item, at time: Int64) {
        heap.append(Entry(time: time, order: nextOrder, item: item))
        nextOrder += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (time: Int64, item: Item)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].precedes(heap[smallest]) { smallest = left }
            if right < heap.count, heap[right].precedes(heap[smallest]) { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return (top.time, top.item)
    }
}
