/// A problem in a zone/conduit file, with where it is: `zones.yaml:12: zones[1].cidrs[0]:
/// '10.77.1.0/33' is not an IPv4 or IPv6 network such as 10.77.1.0/24`.
public struct ZonePolicyError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    /// The field's path (`conduits[2].from`).
    public var field: String?
    public var message: String

    public init(file: String, line: Int?, field: String?, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "\(field): " }
        return text + message
    }
}
