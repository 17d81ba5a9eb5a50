import Foundation

/// What a device says it is: from the inventory's identity facts, or typed by a person.
public struct DeviceIdentity: Sendable, Hashable, Codable {
    public var vendor: String?
    public var product: String?
    public var model: String?
    public var orderNumber: String?
    public var firmware: String?
    public var hardware: String?
    /// CIP Identity object vendor id (1 = Rockwell Automation/Allen-Bradley) and product code.
    public var cipVendorID: Int?
    public var cipProductCode: Int?

    enum CodingKeys: String, CodingKey {
        case vendor, product, model, firmware, hardware
        case orderNumber = "order_number"
        case cipVendorID = "cip_vendor_id"
        case cipProductCode = "cip_product_code"
    }

    public init(
        vendor: String? = nil, product: String? = nil, model: String? = nil, orderNumber: String? = nil,
        firmware: String? = nil, hardware: String? = nil, cipVendorID: Int? = nil, cipProductCode: Int? = nil
    ) {
        self.vendor = vendor
        self.product = product
        self.model = model
        self.orderNumber = orderNumber
        self.firmware = firmware
        self.hardware = hardware
        self.cipVendorID = cipVendorID
        self.cipProductCode = cipProductCode
    }

    /// Canonical vendor keys: the vendor name, else the CIP vendor id, else the order number.
    var canonicalVendors: Set<String> {
        var keys = vendor.map(VendorAliases.canonicalVendors) ?? []
        if cipVendorID == 1 { keys.insert("rockwell") }
        if keys.isEmpty, let implied = orderNumber.flatMap(VendorAliases.vendorImplied(byOrderNumber:)) {
            keys.insert(implied)
        }
        return keys
    }

    var descriptiveText: String { [product, model, orderNumber].compactMap { $0 }.joined(separator: " ") }
}

/// How an advisory product was tied to a device.
public enum ProductMatchStrength: Int, Sendable, Comparable {
    /// Only a product line or family name is shared (`M340`, `S7-1500`, `ControlLogix`).
    case family = 1
    /// The device's catalog number belongs to the named series (1756-L6x = ControlLogix 5560).
    case series = 2
    /// The order or part number itself is listed (with the advisory's wildcards).
    case exact = 3
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

public struct ProductMatch: Sendable, Hashable {
    public var strength: ProductMatchStrength
    public var reason: String
}

/// Product rules, in order (the first that applies decides):
/// 1. Order number: the device's order number (spaces removed) equals one of the product's
///    `model_numbers`, `*`/`?` being wildcards → exact. If the product lists model numbers and
///    the device's order number is none of them, it is another product → no match.
/// 2. Part numbers: catalog-like tokens of the product text (letters and digits, 5+ characters;
///    runs of lowercase `x`/`z` and `*` are wildcards: `BMXP34x`, `1756-L8z`, `140CPU65xxxxx`)
///    against the device's tokens, words joined up to three at a time so `BMX P34 2020` gives
///    `BMXP342020`. A pattern may also be a prefix of the device's token up to a `-` or `/`
///    (`2080-L50E` covers `2080-L50E-24QBB`, but `1756-EN2T` never covers `1756-EN2TR` or
///    `1756-ENBT`) → exact. If both sides have part numbers and none agree → no match.
/// 3. Series: Rockwell Logix catalog numbers to their series name (`1756-L6x`/`LOGIX556x` →
///    ControlLogix 5560, `S` suffix → GuardLogix; `1769-L1/L2/L3` → CompactLogix 5370;
///    `5069-L1/L2/L3` → CompactLogix 5380, `5069-L4` → 5480) → series.
/// 4. Name: the advisory's product name (2+ words) within the device's text → exact; the
///    device's name within a longer product name → family.
/// 5. Family: a shared product-line token (`M340`, `S7-1500`, `ControlLogix`, …) → family.
public enum ProductMatcher {
    static let maximumTextLength = 512

    public static func match(_ identity: DeviceIdentity, _ product: AdvisoryProduct) -> ProductMatch? {
        let productText = String(
            ([product.family, product.productName, product.name].compactMap { $0 }.joined(separator: " "))
                .prefix(maximumTextLength))

        if let orderNumber = identity.orderNumber, !product.modelNumbers.isEmpty {
            let compact = compactPartNumber(orderNumber)
            if let listed = product.modelNumbers.first(where: { wildcardMatch(pattern: compactPartNumber($0), compact) }
            ) {
                return ProductMatch(strength: .exact, reason: "order number \(orderNumber) is listed (\(listed))")
            }
            return nil
        }

        var deviceTokens = partTokens(identity.descriptiveText, patterns: false)
        if let orderNumber = identity.orderNumber { deviceTokens.append(compactPartNumber(orderNumber)) }
        let productPatterns = partTokens(productText, patterns: true)
        deviceTokens.sort { $0.count > $1.count }
        for pattern in productPatterns {
            if let token = deviceTokens.first(where: { partMatches(pattern: pattern, $0) }) {
                return ProductMatch(strength: .exact, reason: "part number \(token) matches '\(pattern)'")
            }
        }
        let deviceHasParts = deviceTokens.contains(where: isSpecificPart)
        let productHasParts = productPatterns.contains(where: isSpecificPart)

        let normalizedProduct = " " + VendorAliases.normalize(splitLetterDigit(productText)) + " "
        for series in logixSeries(of: identity.descriptiveText) where normalizedProduct.contains(" " + series + " ") {
            return ProductMatch(
                strength: .series, reason: "\(identity.descriptiveText) is of the \(displayName(series)) series")
        }
        // Products named in words (software, appliances): the advisory's product name inside the
        // device's text is the product; the device's name inside a longer advisory name, the line.
        let deviceName = " " + VendorAliases.normalize(splitLetterDigit(identity.descriptiveText)) + " "
        if let name = product.productName.map({ VendorAliases.normalize(splitLetterDigit($0)) }),
            name.split(separator: " ").count >= 2
        {
            if deviceName.contains(" " + name + " ") {
                return ProductMatch(
                    strength: .exact, reason: "the product name '\(product.productName ?? name)' matches")
            }
            let trimmedDevice = deviceName.trimmingCharacters(in: .whitespaces)
            if trimmedDevice.split(separator: " ").count >= 2, normalizedProduct.contains(deviceName), !deviceHasParts {
                return ProductMatch(strength: .family, reason: "'\(trimmedDevice)' is part of the product name")
            }
        }
        if deviceHasParts && productHasParts { return nil }

        let productWords = Set(normalizedProduct.split(separator: " ").map(String.init))
        let deviceFamilies = familyTokens(identity.descriptiveText)
        if let family = deviceFamilies.first(where: { familyToken in
            familyToken.split(separator: " ").allSatisfy { productWords.contains(String($0)) }
        }) {
            return ProductMatch(strength: .family, reason: "only the product line '\(family)' matches")
        }
        return nil
    }

    /// Uppercase, without spaces.
    static func compactPartNumber(_ text: String) -> String {
        text.uppercased().filter { !$0.isWhitespace }
    }

    /// `*` any run, `?` any one character; case-insensitive.
    static func wildcardMatch(pattern: String, _ text: String) -> Bool {
        let pattern = Array(pattern.uppercased())
        let text = Array(text.uppercased())
        guard pattern.count <= 256, text.count <= 256 else { return false }
        var patternIndex = 0
        var textIndex = 0
        var starPattern = -1
        var starText = 0
        while textIndex < text.count {
            if patternIndex < pattern.count, pattern[patternIndex] == "?" || pattern[patternIndex] == text[textIndex] {
                patternIndex += 1
                textIndex += 1
            } else if patternIndex < pattern.count, pattern[patternIndex] == "*" {
                starPattern = patternIndex
                starText = textIndex
                patternIndex += 1
            } else if starPattern >= 0 {
                patternIndex = starPattern + 1
                starText += 1
                textIndex = starText
            } else {
                return false
            }
        }
        while patternIndex < pattern.count, pattern[patternIndex] == "*" { patternIndex += 1 }
        return patternIndex == pattern.count
    }

    /// A pattern covers the token, or the token up to a `-`/`/` after the pattern.
    static func partMatches(pattern: String, _ token: String) -> Bool {
        if wildcardMatch(pattern: pattern, token) { return true }
        guard !pattern.contains("*") else { return false }
        let upper = token.uppercased()
        guard upper.hasPrefix(pattern.uppercased()), upper.count > pattern.count else { return false }
        let next = upper[upper.index(upper.startIndex, offsetBy: pattern.count)]
        return next == "-" || next == "/"
    }

    static func isSpecificPart(_ token: String) -> Bool {
        (token.count >= 6 && token.contains(where: \.isNumber) && token.contains(where: \.isLetter))
            || isNumericPart(token)
    }

    /// Digits-only catalog numbers such as WAGO `750-8212` (a hyphen, 6+ digits).
    static func isNumericPart(_ token: String) -> Bool {
        token.contains("-") && token.filter(\.isNumber).count >= 6
            && token.allSatisfy { $0.isNumber || $0 == "-" || $0 == "*" }
    }

    /// Catalog-like tokens: 1–3 adjacent short words joined without spaces, spaces around `-` closed
    /// (`2080 -L50E`), keeping those with a digit and a letter and 5+ characters. With `patterns`,
    /// lowercase `x`/`z` runs after a digit or at a token's end become `*`.
    static func partTokens(_ text: String, patterns: Bool) -> [String] {
        var cleaned = String(text.prefix(maximumTextLength))
        for (from, to) in [(" - ", "-"), (" -", "-"), ("- ", "-"), ("(", " "), (")", " "), (",", " "), (":", " ")] {
            cleaned = cleaned.replacingOccurrences(of: from, with: to)
        }
        let words = cleaned.split(separator: " ").map(String.init).prefix(64)
        var tokens: [String] = []
        for start in words.indices {
            for length in 1...3 where start + length <= words.endIndex {
                // Only short words join (`BMX P34 2020`): `Modicon M340` is a brand and a family.
                if length > 1, words[start..<start + length].contains(where: { $0.count > 4 }) { break }
                let joined = words[start..<start + length].joined()
                // A slash ends a catalog number's series letter: `1756-L61/B` → `1756-L61`.
                let base = joined.split(separator: "/").first.map(String.init) ?? joined
                for candidate in Set([joined, base]) {
                    let token = patterns ? wildcarded(candidate) : candidate
                    let literal = token.filter { $0 != "*" }
                    guard literal.count >= 5 || (token.contains("*") && literal.count >= 3),
                        literal.contains(where: \.isNumber) || token.contains("*"),
                        literal.contains(where: \.isLetter) || isNumericPart(literal)
                    else { continue }
                    if !tokens.contains(token) { tokens.append(token) }
                }
            }
        }
        return tokens
    }

    /// `BMXP34x` → `BMXP34*`, `1756-L8z` → `1756-L8*`, `140CPU65xxxxx` → `140CPU65*`.
    static func wildcarded(_ token: String) -> String {
        var result = ""
        var previous: Character = " "
        for character in token {
            if character == "x" || character == "z", previous.isNumber || previous == "*" || previous == "x" {
                if result.last != "*" { result.append("*") }
            } else {
                result.append(character)
            }
            previous = character
        }
        return result.uppercased()
    }

    /// `ControlLogix5570` → `ControlLogix 5570`.
    static func splitLetterDigit(_ text: String) -> String {
        var result = ""
        var previous: Character = " "
        for character in text {
            if previous.isLetter && character.isNumber && previous.isLowercase { result.append(" ") }
            result.append(character)
            previous = character
        }
        return result
    }

    /// Rockwell Logix series named by a catalog number or a `LOGIX55xx` product name.
    static func logixSeries(of text: String) -> [String] {
        let compact = compactPartNumber(text)
        var series: [String] = []
        let rules: [(pattern: String, controller: String, safety: String)] = [
            ("1756-L5", "controllogix 5550", "guardlogix 5550"), ("LOGIX555", "controllogix 5550", "guardlogix 5550"),
            ("1756-L6", "controllogix 5560", "guardlogix 5560"), ("LOGIX556", "controllogix 5560", "guardlogix 5560"),
            ("1756-L7", "controllogix 5570", "guardlogix 5570"), ("LOGIX557", "controllogix 5570", "guardlogix 5570"),
            ("1756-L8", "controllogix 5580", "guardlogix 5580"), ("LOGIX558", "controllogix 5580", "guardlogix 5580"),
            ("1769-L1", "compactlogix 5370", "compact guardlogix 5370"),
            ("1769-L2", "compactlogix 5370", "compact guardlogix 5370"),
            ("1769-L3", "compactlogix 5370", "compact guardlogix 5370"),
            ("5069-L1", "compactlogix 5380", "compact guardlogix 5380"),
            ("5069-L2", "compactlogix 5380", "compact guardlogix 5380"),
            ("5069-L3", "compactlogix 5380", "compact guardlogix 5380"),
            ("5069-L4", "compactlogix 5480", "compact guardlogix 5480"),
        ]
        for rule in rules {
            guard let range = compact.range(of: rule.pattern) else { continue }
            // The catalog's next characters: one digit, then `S` for the safety (Guard) version.
            let rest = compact[range.upperBound...]
            guard let digit = rest.first, digit.isNumber else { continue }
            let isSafety = rest.dropFirst().prefix(while: { $0.isLetter || $0.isNumber }).contains("S")
            let name = isSafety ? rule.safety : rule.controller
            if !series.contains(name) { series.append(name) }
        }
        return series
    }

    static func displayName(_ series: String) -> String {
        series.replacingOccurrences(of: "controllogix", with: "ControlLogix")
            .replacingOccurrences(of: "compactlogix", with: "CompactLogix")
            .replacingOccurrences(of: "guardlogix", with: "GuardLogix").replacingOccurrences(
                of: "compact ", with: "Compact ")
    }

    /// Product-line words: tokens with a letter and a digit (`M340`, `S7-1500` as `s7 1500`),
    /// and the Logix/PanelView/PowerFlex line names.
    static func familyTokens(_ text: String) -> [String] {
        let lines: Set<String> = [
            "controllogix", "compactlogix", "guardlogix", "micrologix", "flexlogix", "softlogix", "panelview",
            "powerflex", "modicon", "simatic", "sinumerik", "scalance", "melsec", "sentron",
        ]
        var families: [String] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "," }) {
            let lower = word.lowercased()
            if lines.contains(lower) {
                families.append(lower)
                continue
            }
            if lower.count >= 3, lower.count <= 8, lower.contains(where: \.isNumber), lower.contains(where: \.isLetter),
                lower.first?.isLetter == true
            {
                families.append(VendorAliases.normalize(lower))
            }
        }
        // A brand alone (`Modicon`, `SIMATIC`) names hundreds of products: only with a model token.
        let brands: Set<String> = ["modicon", "simatic", "melsec"]
        return families.filter { !brands.contains($0) }
    }
}
