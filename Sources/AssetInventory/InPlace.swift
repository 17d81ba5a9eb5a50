/// Runs `body` on `value` in one access: a dictionary value or array element is changed in place,
/// not copied out and back (which copied, and retained, its sets and arrays).
@inline(__always)
func updateInPlace<Value>(_ value: inout Value, _ body: (inout Value) -> Void) { body(&value) }
