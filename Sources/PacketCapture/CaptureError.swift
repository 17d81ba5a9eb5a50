/// Why a capture could not be opened or read on: names the file, the byte offset and the problem,
/// so a user can find the damage (`tail -c +OFFSET`, a hex editor) without guessing.
public struct CaptureError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case cannotOpen = "cannot-open"
        case isDirectory = "is-a-directory"
        case empty = "empty-file"
        case notACapture = "not-a-capture"
        case truncated = "truncated"
        case absurdLength = "absurd-length"
        case badBlock = "bad-block"
        case readFailed = "read-failed"
        case compression = "compression"
        case unsupported = "unsupported"
        case live = "live-capture"
    }

    public let code: Code
    public let path: String
    public let offset: Int64?
    public let reason: String

    public init(_ code: Code, path: String, offset: Int64? = nil, _ reason: String) {
        self.code = code
        self.path = path
        self.offset = offset
        self.reason = reason
    }

    /// One line: `FILE: offset N: problem`.
    public var description: String {
        if let offset { return "\(path): offset \(offset): \(reason)" }
        return "\(path): \(reason)"
    }
}
