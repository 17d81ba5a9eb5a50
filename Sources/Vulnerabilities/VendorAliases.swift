import Foundation

/// Vendor names to canonical vendor keys. The CSAF vendor strings are inconsistent (trailing
/// spaces, "Rockwell Automation" vs "Allen-Bradley", "Schneider Electric Software, LLC", product
/// brands such as Modicon), and devices name themselves differently again.
public enum VendorAliases {
    /// Canonical key → the word sequences (normalised) that name it, brands included.
    static let aliases: [(canonical: String, names: [String])] = [
        ("rockwell", ["rockwell automation", "rockwell", "allen bradley", "allenbradley", "a b"]),
        (
            "schneider",
            ["schneider electric", "schneider", "modicon", "telemecanique", "square d", "apc", "merten", "clipsal"]
        ),
        ("siemens", ["siemens"]),
        ("mitsubishi", ["mitsubishi electric", "mitsubishi", "melsec"]),
        ("phoenix contact", ["phoenix contact", "innominate"]),
        ("ge", ["general electric", "ge digital", "ge vernova", "ge healthcare", "ge"]),
        ("hitachi energy", ["hitachi energy", "hitachi abb"]),
        ("abb", ["abb"]),
        ("omron", ["omron"]),
        ("emerson", ["emerson", "fisher rosemount"]),
        ("honeywell", ["honeywell", "matrikon"]),
        ("yokogawa", ["yokogawa"]),
        ("wago", ["wago"]),
        ("beckhoff", ["beckhoff"]),
        ("moxa", ["moxa"]),
        ("codesys", ["codesys", "3s smart software solutions", "3s"]),
        ("b&r", ["b r industrial automation", "b&r", "b and r", "bernecker rainer"]),
        ("iconics", ["iconics"]),
    ]

    /// Words that say nothing about who the vendor is.
    static let legalWords: Set<String> = [
        "inc", "incorporated", "gmbh", "ag", "co", "kg", "ltd", "llc", "corp", "corporation", "company", "sa", "se",
        "s", "a", "the", "and", "software", "technologies", "group", "india",
    ]

    /// Lowercase words with punctuation turned into spaces (`&` kept for B&R).
    public static func normalize(_ name: String) -> String {
        let mapped = name.lowercased().unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) || scalar == "&" ? Character(scalar) : " "
        }
        return String(mapped).split(separator: " ").joined(separator: " ")
    }

    /// Canonical keys named by `name` (several for "ABB, Phoenix Contact, … and WAGO"); an
    /// unknown vendor is its normalised name without legal words.
    public static func canonicalVendors(_ name: String) -> Set<String> {
        let normalized = " " + normalize(name) + " "
        var keys: Set<String> = []
        for (canonical, names) in aliases where names.contains(where: { normalized.contains(" " + $0 + " ") }) {
            keys.insert(canonical)
        }
        if keys.isEmpty {
            let words = normalize(name).split(separator: " ").filter { !legalWords.contains(String($0)) }
            if !words.isEmpty { keys.insert(words.joined(separator: " ")) }
        }
        return keys
    }

    /// Vendors implied by an order number: Siemens MLFBs start with 6ES7/6AG/6GK/6AV/6ED/6SL.
    static func vendorImplied(byOrderNumber orderNumber: String) -> String? {
        let compact = orderNumber.uppercased().filter { !$0.isWhitespace }
        for prefix in ["6ES", "6AG", "6GK", "6AV", "6ED", "6SL", "6EP", "6GT"] where compact.hasPrefix(prefix) {
            return "siemens"
        }
        return nil
    }
}
