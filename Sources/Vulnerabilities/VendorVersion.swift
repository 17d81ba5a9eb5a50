import Foundation

/// A firmware or software version in any of the vendors' styles, compared component-wise:
/// Siemens `V2.9.4`, Rockwell `20.011` (= `20.11`: the minor revision is a number), Schneider
/// `v3.20` / `SV3.20`, `Firmware__20.011`, `FW 01`, `R9.85`, `V4.0 SP2` (service packs, updates and
/// hotfixes order after their release), `01.07.13(10)` (a build number), `1.275M` (a letter suffix).
public struct VendorVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// One dotted component: its number and any letters after it (`275M` → 275, "m").
    public struct Component: Sendable, Hashable, Comparable {
        public var number: Int
        public var suffix: String
        public static func < (lhs: Component, rhs: Component) -> Bool {
            lhs.number != rhs.number ? lhs.number < rhs.number : lhs.suffix < rhs.suffix
        }
    }

    public var release: [Component]
    /// Service pack / update / hotfix numbers after the release (`V4.0 SP2` → [2]).
    public var patch: [Int]
    /// Where an `x`/`*` wildcard stood in the release (`12.3.x` → 2): everything after is any.
    public var wildcardIndex: Int?
    /// Words after the version that are not a qualifier the parser knows (`only if …`).
    public var remainder: String
    /// The number goes on with `-` or `/` and more characters (`750-82xx/xxx-xxx`): a part
    /// number in a version field, or a packaging revision (`5.1.1-1`) the parser does not order.
    public var continuesAsPartNumber: Bool
    /// The prefix removed before the number (`fw`, `v`, `sv`, `r`, …; empty when none).
    public var prefix: String
    public var original: String

    public var description: String { original }

    static let prefixes = [
        "firmware", "version", "ver.", "ver", "rev.", "rev", "fw", "sv", "v.", "v", "r",
    ]
    static let patchWords = ["sp", "update", "upd", "hotfix", "hf", "fp", "sr", "ru", "patch", "p"]
    /// A component number beyond this is not a version (dates in build numbers are up to 8 digits).
    static let maximumComponentDigits = 12
    static let maximumComponents = 16

    /// `nil` when the text does not start (after a known prefix) with a number.
    public static func parse(_ text: String) -> VendorVersion? {
        let original = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var rest = Substring(original.lowercased())
        let prefix = stripPrefix(&rest)
        guard let first = rest.first, first.isASCII, first.isNumber else { return nil }

        var release: [Component] = []
        var wildcardIndex: Int?
        while let character = rest.first, release.count < maximumComponents {
            if character == "x" || character == "*" {
                wildcardIndex = release.count
                rest.removeFirst()
                break
            }
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, digits.count <= maximumComponentDigits, let number = Int(digits) else { break }
            rest.removeFirst(digits.count)
            // Letters glued to the number (`275M`, `04.09.00C`, `02A04`) belong to the component,
            // unless they start a patch word (`4.3.11SP`).
            var suffix = ""
            let letters = rest.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber) })
            let startsPatchWord = patchWords.contains { word in
                letters.hasPrefix(word)
                    && (letters.count == word.count || letters.dropFirst(word.count).first!.isNumber)
            }
            if !letters.isEmpty, !startsPatchWord {
                suffix = String(letters)
                rest.removeFirst(letters.count)
            }
            release.append(Component(number: number, suffix: suffix))
            if rest.first == ".", let next = rest.dropFirst().first, next.isNumber || next == "x" || next == "*" {
                rest.removeFirst()
            } else {
                break
            }
        }
        guard !release.isEmpty || wildcardIndex != nil else { return nil }

        var patch: [Int] = []
        let continuesAsPartNumber =
            (rest.first == "-" || rest.first == "/")
            && rest.dropFirst().first.map { $0.isLetter || $0.isNumber } == true
        var remainder = rest.trimmingCharacters(in: CharacterSet(charactersIn: " _-"))
        // A build number in parentheses right after the release: WAGO `01.07.13(10)`.
        if remainder.hasPrefix("("), let close = remainder.firstIndex(of: ")"),
            let build = Int(remainder[remainder.index(after: remainder.startIndex)..<close])
        {
            release.append(Component(number: build, suffix: ""))
            remainder = String(remainder[remainder.index(after: close)...]).trimmingCharacters(in: .whitespaces)
        }
        while let word = patchWords.first(where: { remainder.hasPrefix($0) }) {
            var after = Substring(remainder.dropFirst(word.count))
            after = after.drop(while: { $0 == " " || $0 == "_" || $0 == "." })
            let digits = after.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, digits.count <= maximumComponentDigits, let number = Int(digits) else { break }
            patch.append(number)
            remainder = String(after.dropFirst(digits.count)).trimmingCharacters(in: CharacterSet(charactersIn: " _-"))
        }
        return VendorVersion(
            release: release, patch: patch, wildcardIndex: wildcardIndex, remainder: remainder,
            continuesAsPartNumber: continuesAsPartNumber, prefix: prefix,
            original: original)
    }

    @discardableResult
    private static func stripPrefix(_ rest: inout Substring) -> String {
        var stripped = ""
        for _ in 0..<3 {
            rest = rest.drop(while: { $0 == " " || $0 == "_" || $0 == ":" })
            guard let prefix = prefixes.first(where: { rest.hasPrefix($0) }) else { break }
            let after = rest.dropFirst(prefix.count).drop(while: { $0 == " " || $0 == "_" || $0 == ":" || $0 == "." })
            guard let next = after.first, next.isNumber else { break }
            rest = after
            stripped = prefix
        }
        return stripped
    }

    /// WAGO-style `FW16` counts firmware releases; it cannot be compared with a dotted `03.10.08`.
    func isComparable(with other: VendorVersion) -> Bool {
        func isReleaseCount(_ version: VendorVersion) -> Bool { version.prefix == "fw" && version.release.count == 1 }
        return isReleaseCount(self) == isReleaseCount(other) || (release.count == 1 && other.release.count == 1)
    }

    /// Release padded with zeros (`20.11` = `20.11.0`), then the patch level.
    public static func < (lhs: VendorVersion, rhs: VendorVersion) -> Bool {
        compare(lhs, rhs, upTo: nil) < 0
    }

    public static func == (lhs: VendorVersion, rhs: VendorVersion) -> Bool { compare(lhs, rhs, upTo: nil) == 0 }

    public func hash(into hasher: inout Hasher) {
        var trimmed = release
        while trimmed.last == Component(number: 0, suffix: "") { trimmed.removeLast() }
        var trimmedPatch = patch
        while trimmedPatch.last == 0 { trimmedPatch.removeLast() }
        hasher.combine(trimmed)
        hasher.combine(trimmedPatch)
    }

    /// -1, 0, 1; with `upTo`, only that many release components count (a bound `V28` covers 28.x).
    static func compare(_ lhs: VendorVersion, _ rhs: VendorVersion, upTo count: Int?) -> Int {
        let length = count ?? max(lhs.release.count, rhs.release.count)
        let zero = Component(number: 0, suffix: "")
        for index in 0..<length {
            let left = index < lhs.release.count ? lhs.release[index] : zero
            let right = index < rhs.release.count ? rhs.release[index] : zero
            if left != right { return left < right ? -1 : 1 }
        }
        if count != nil { return 0 }
        for index in 0..<max(lhs.patch.count, rhs.patch.count) {
            let left = index < lhs.patch.count ? lhs.patch[index] : 0
            let right = index < rhs.patch.count ? rhs.patch[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        return 0
    }

    /// True when `self` starts with `prefix`'s release components (and its patch level, if any).
    func hasPrefix(_ prefix: VendorVersion) -> Bool {
        let count = prefix.wildcardIndex ?? prefix.release.count
        guard Self.compare(self, prefix, upTo: count) == 0 else { return false }
        return prefix.patch.isEmpty || patch == prefix.patch
    }
}
