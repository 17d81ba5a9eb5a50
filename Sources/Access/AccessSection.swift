/// The parts of the access report, to print one or all.
public enum AccessSection: String, Sendable, CaseIterable {
    case matrix, sessions, credentials
}

/// Text from the wire made safe for a terminal or a CSV cell: control characters (escape
/// sequences, line breaks) become `?`, and long values are cut.
enum PrintableText {
    static func clean(_ text: String, limit: Int = 64) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            let isControl =
                scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar.properties.generalCategory == .format
            result.unicodeScalars.append(isControl ? "?" : scalar)
        }
        if text.unicodeScalars.count > limit { result += "…" }
        return result
    }
}
