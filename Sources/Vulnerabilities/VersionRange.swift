import Foundation

/// A CSAF version expression as CISA writes it: `vers:all/*`, `vers:generic/>=1.0|<2.0`,
/// `<V2.9.4`, `<=20.011`, `>=v2.011|<v2.012`, lists (`8.001|8.002`), ranges (`20-33`),
/// per-train bounds (`<v36.011_v35.013_v34.014`), wildcards (`12.3.x`), and exact versions.
///
/// `|` joins constraints as in the `vers` specification: exact versions are alternatives, and the
/// comparators, sorted by version, pair into intervals (`>=` followed by `<` is one interval; a
/// lone `<` is open below, a lone `>=` open above). Text the parser cannot read is kept, so a
/// version it cannot place is reported as possible, never as a silent hit or miss.
public struct VersionRange: Sendable, Hashable, CustomStringConvertible {
    public enum Comparator: String, Sendable, Hashable {
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case equal = "="
    }

    public enum Constraint: Sendable, Hashable {
        case all
        case compare(Comparator, VendorVersion)
        /// Exact, by prefix: `V28` covers 28.x, `12.3.x` covers 12.3.*.
        case exact(VendorVersion)
        /// Inclusive `lower-upper` (the upper bound by prefix: `20-33` covers 33.x).
        case between(VendorVersion, VendorVersion)
        /// One upper bound per major release train: below the bound of the version's train, and
        /// every version of a train older than all listed ones.
        case belowTrains([VendorVersion])
    }

    public var constraints: [Constraint] = []
    /// Parts of the expression that could not be read.
    public var unparsed: [String] = []
    /// Words around a readable bound that may narrow it (`only if …`, `NMC2`, `(1.29 for NX7)`).
    public var conditions: [String] = []
    public var original: String

    public var description: String { original }
    public var coversAllVersions: Bool { constraints.contains(.all) }

    static let maximumLength = 1024
    static let maximumParts = 64

    public init(parsing expression: String) {
        original = expression
        var text = expression.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count <= Self.maximumLength else {
            unparsed = ["expression longer than \(Self.maximumLength) characters"]
            return
        }
        if text.lowercased().hasPrefix("vers:"), let slash = text.firstIndex(of: "/") {
            text = String(text[text.index(after: slash)...])
        }
        let lowered = text.lowercased()
        for allVersions in ["all versions", "all_versions", "all"] where lowered.hasPrefix(allVersions) {
            let rest = text.dropFirst(allVersions.count).trimmingCharacters(in: CharacterSet(charactersIn: " _"))
            if rest.isEmpty || rest == "*" {
                constraints = [.all]
                return
            }
            if rest.first.map({ "<>=".contains($0) }) == true {
                text = rest
            } else {
                constraints = [.all]
                conditions.append(rest.replacingOccurrences(of: "_", with: " "))
                return
            }
            break
        }
        if text.hasPrefix("*") {
            constraints = [.all]
            let rest = text.dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: " _"))
            if !rest.isEmpty { conditions.append(rest.replacingOccurrences(of: "_", with: " ")) }
            return
        }
        for part in Self.splitConstraints(text).prefix(Self.maximumParts) {
            parsePart(part)
        }
        if constraints.isEmpty && unparsed.isEmpty { unparsed.append(expression) }
    }

    /// Splits on `|`, and `>=A<B` written without one.
    static func splitConstraints(_ text: String) -> [String] {
        var parts: [String] = []
        for piece in text.split(separator: "|") {
            var current = ""
            var previous: Character = " "
            for character in piece {
                if character == "<" || character == ">", previous != "<", previous != ">", previous != "=",
                    !current.trimmingCharacters(in: .whitespaces).isEmpty,
                    current.last.map({ $0.isNumber || $0.isLetter || $0 == " " }) == true,
                    // Only after a bound (`>=V21.9<V21.9.4`), not after a qualifier (`NMC2 <= 6.9.6`).
                    VendorVersion.parse(current.trimmingCharacters(in: CharacterSet(charactersIn: "<>= "))) != nil
                {
                    parts.append(current)
                    current = ""
                }
                current.append(character)
                previous = character
            }
            parts.append(current)
        }
        return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private mutating func parsePart(_ rawPart: String) {
        var part = Substring(rawPart)
        // Words before the comparator (`NMC2 <= 6.9.6`) qualify the bound.
        if let comparatorStart = part.firstIndex(where: { "<>=".contains($0) }), comparatorStart != part.startIndex {
            let before = part[..<comparatorStart].trimmingCharacters(in: .whitespaces)
            if !before.isEmpty, VendorVersion.parse(before) == nil {
                conditions.append(before)
                part = part[comparatorStart...]
            }
        }
        var comparator: Comparator?
        for (token, value) in [
            ("<=", Comparator.lessOrEqual), ("=<", .lessOrEqual), (">=", .greaterOrEqual), ("=>", .greaterOrEqual),
            ("<", .less), (">", .greater), ("=", .equal),
        ] where part.hasPrefix(token) {
            comparator = value
            part = part.dropFirst(token.count)
            break
        }
        var body = part.trimmingCharacters(in: .whitespaces)
        if body.hasPrefix("("), body.hasSuffix(")") { body = String(body.dropFirst().dropLast()) }  // `<=(R4.02)`
        if body == "*" {
            constraints.append(.all)
            return
        }
        if comparator == .less || comparator == .lessOrEqual, let trains = Self.trains(body) {
            constraints.append(.belowTrains(trains))
            return
        }
        if comparator == nil, let (lower, upper) = Self.between(body) {
            constraints.append(.between(lower, upper))
            return
        }
        // `750-82xx/xxx-xxx` is a part number in the version field, not a version.
        guard let version = VendorVersion.parse(body), !version.continuesAsPartNumber else {
            unparsed.append(rawPart.trimmingCharacters(in: .whitespaces))
            return
        }
        if !version.remainder.isEmpty {
            conditions.append(version.remainder.replacingOccurrences(of: "_", with: " "))
        }
        switch comparator {
        case nil, .equal: constraints.append(.exact(version))
        case .some(let comparator): constraints.append(.compare(comparator, version))
        }
    }

    /// `v36.011_v35.013_v34.014`: every piece a version, each from a different major release.
    static func trains(_ body: String) -> [VendorVersion]? {
        let pieces = body.split(separator: "_").map(String.init)
        guard pieces.count >= 2 else { return nil }
        let versions = pieces.compactMap(VendorVersion.parse)
        guard versions.count == pieces.count, versions.allSatisfy({ $0.remainder.isEmpty && !$0.release.isEmpty })
        else {
            return nil
        }
        let majors = Set(versions.map { $0.release[0].number })
        return majors.count == versions.count ? versions : nil
    }

    /// `20-33`, `28  - 32`, `12.0.1-12.0.13`, `1.275M—1.280S`: both sides versions of one style.
    static func between(_ body: String) -> (VendorVersion, VendorVersion)? {
        for separator in [" - ", " -", "- ", "—", "–", "-"] {
            let pieces = body.components(separatedBy: separator)
            guard pieces.count == 2 else { continue }
            guard let lower = VendorVersion.parse(pieces[0]), let upper = VendorVersion.parse(pieces[1]),
                lower.remainder.isEmpty, upper.remainder.isEmpty, !(upper < lower)
            else { continue }
            return (lower, upper)
        }
        return nil
    }

    public enum Verdict: Sendable, Hashable {
        case inRange
        /// In range only if a condition holds that the matcher cannot check.
        case inRangeIf(String)
        case outOfRange
        case unknown(String)
    }

    /// Whether `version` (as the device reported it; `nil` when not known) is in this range.
    public func contains(_ versionText: String?) -> Verdict {
        let condition = conditions.isEmpty ? nil : conditions.joined(separator: "; ")
        func hit() -> Verdict { condition.map { .inRangeIf($0) } ?? .inRange }
        if coversAllVersions { return hit() }
        guard let versionText, !versionText.isEmpty else { return .unknown("the firmware version is not known") }
        guard let version = VendorVersion.parse(versionText) else {
            return .unknown("the firmware version '\(versionText)' is not a version the matcher can compare")
        }
        if let bound = bounds.first(where: { !$0.isComparable(with: version) }) {
            return .unknown("the bound '\(bound.original)' and the firmware '\(versionText)' use different numbering")
        }
        if Self.evaluate(constraints, version) { return hit() }
        if !unparsed.isEmpty {
            return .unknown("the advisory's version bound '\(unparsed.joined(separator: " | "))' could not be parsed")
        }
        return .outOfRange
    }

    var bounds: [VendorVersion] {
        constraints.flatMap { constraint -> [VendorVersion] in
            switch constraint {
            case .all: []
            case .compare(_, let bound), .exact(let bound): [bound]
            case .between(let lower, let upper): [lower, upper]
            case .belowTrains(let bounds): bounds
            }
        }
    }

    static func evaluate(_ constraints: [Constraint], _ version: VendorVersion) -> Bool {
        var comparisons: [(Comparator, VendorVersion)] = []
        for constraint in constraints {
            switch constraint {
            case .all: return true
            case .exact(let bound): if version.hasPrefix(bound) { return true }
            case .between(let lower, let upper):
                if !(version < lower) && (version < upper || version.hasPrefix(upper)) { return true }
            case .belowTrains(let bounds):
                let major = version.release.first?.number ?? 0
                if let bound = bounds.first(where: { $0.release[0].number == major }) {
                    if version < bound { return true }
                } else if bounds.allSatisfy({ $0.release[0].number > major }) {
                    return true  // a train older than every fixed train has no fix
                }
            case .compare(.equal, let bound): if version.hasPrefix(bound) { return true }
            case .compare(let comparator, let bound): comparisons.append((comparator, bound))
            }
        }
        // Sorted comparators pair into intervals: a lower bound with the upper bound after it.
        comparisons.sort { $0.1 < $1.1 }
        var pendingLower: (Comparator, VendorVersion)?
        for (comparator, bound) in comparisons {
            switch comparator {
            case .greater, .greaterOrEqual:
                if let lower = pendingLower, satisfies(version, lower) { return true }
                pendingLower = (comparator, bound)
            case .less, .lessOrEqual:
                let belowUpper = satisfies(version, (comparator, bound))
                if let lower = pendingLower {
                    if belowUpper && satisfies(version, lower) { return true }
                    pendingLower = nil
                } else if belowUpper {
                    return true
                }
            case .equal: break
            }
        }
        if let lower = pendingLower, satisfies(version, lower) { return true }
        return false
    }

    static func satisfies(_ version: VendorVersion, _ constraint: (Comparator, VendorVersion)) -> Bool {
        let (comparator, bound) = constraint
        let wildcard = bound.wildcardIndex
        switch comparator {
        case .less:
            if let wildcard { return VendorVersion.compare(version, bound, upTo: wildcard) < 0 }
            return version < bound
        case .lessOrEqual:
            // `<= 3.1` includes 3.1.x; `<= 11.x` includes all of 11.
            return version < bound || version.hasPrefix(bound)
        case .greater:
            if let wildcard { return VendorVersion.compare(version, bound, upTo: wildcard) > 0 }
            return bound < version
        case .greaterOrEqual:
            if let wildcard { return VendorVersion.compare(version, bound, upTo: wildcard) >= 0 }
            return !(version < bound)
        case .equal: return version.hasPrefix(bound)
        }
    }
}
