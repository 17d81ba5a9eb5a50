/// Runs `body` on `value` in one access: a dictionary value or array element is changed in place,
/// not copied out and back (which copied, and retained, its sets and arrays).
@inline(__always)
func updateInPlace<Value>(_ value: inout Value, _ body: (inout Value) -> Void) { body(&value) }

extension Array {
    /// `transform` of every element, each read where it lies: `map` takes each element out
    /// through an iterator, and for an asset that copy retains and releases every string and
    /// array it holds.
    @inline(__always)
    func mapInPlace<Result>(_ transform: (borrowing Element) -> Result) -> [Result] {
        withUnsafeBufferPointer { buffer in
            var results: [Result] = []
            results.reserveCapacity(buffer.count)
            for index in buffer.indices { results.append(transform(buffer[index])) }
            return results
        }
    }
}
