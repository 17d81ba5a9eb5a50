/// Escaping for the report formats: statements carry names from the wire, which must stay text.
enum ReportText {
    /// HTML text and attribute content: the five characters that could open markup or end a quote.
    static func html(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(isControl(scalar) ? " " : scalar)
            }
        }
        return result
    }

    /// Markdown inline text: every character that opens emphasis, code, links, raw HTML, entities
    /// or a GFM table cell is backslash-escaped, and so are those that would start a block where
    /// the text begins (headings, list items); line breaks become spaces.
    static func markdown(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        if let first = text.unicodeScalars.first, "-+#=".unicodeScalars.contains(first) { result += "\\" }
        // "12. " or "3) " at the start would open an ordered list; "10.77.1.20" does not.
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let afterMarker = text.dropFirst(digits.count + 1).first
        let opensList = !digits.isEmpty && (afterMarker == nil || afterMarker == " ")
        var index = 0
        for scalar in text.unicodeScalars {
            defer { index += 1 }
            if isControl(scalar) {
                result += " "
            } else if "\\`*_[]<>|~&".unicodeScalars.contains(scalar)
                || (opensList && index == digits.count && (scalar == "." || scalar == ")"))
            {
                result += "\\"
                result.unicodeScalars.append(scalar)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }
}
