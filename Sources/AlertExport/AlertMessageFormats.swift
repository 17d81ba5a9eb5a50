import Detection
import Foundation
import Monitor

/// What an alert's message carries (the `format` key of a destination).
public enum AlertPayloadFormat: String, Sendable, Codable, CaseIterable {
    /// ArcSight Common Event Format, version 0.
    case cef
    /// IBM QRadar Log Event Extended Format 2.0, tab-delimited.
    case leef
    /// The alert's `palisade.alert/1` JSON object (`AlertFormatter.jsonLine`).
    case json
}

/// Who made the messages: the CEF and LEEF header's vendor, product and version.
public struct AlertSourceIdentity: Sendable, Equatable {
    public var vendor: String
    public var product: String
    public var version: String

    public init(vendor: String = "Palisade", product: String = "Palisade OT Sensor", version: String = "dev") {
        self.vendor = vendor
        self.product = product
        self.version = version
    }
}

/// Alert payloads in CEF, LEEF and JSON. Pure functions of the alert: the transports add framing.
public enum AlertPayload {
    public static func render(
        _ alert: Alert, as format: AlertPayloadFormat, identity: AlertSourceIdentity = AlertSourceIdentity()
    ) -> String {
        switch format {
        case .cef: cef(alert, identity: identity)
        case .leef: leef(alert, identity: identity)
        case .json: AlertFormatter.jsonLine(alert)
        }
    }

    // MARK: CEF

    /// `CEF:0|Vendor|Product|Version|SignatureID|Name|Severity|extensions`, as ArcSight's
    /// "Implementing ArcSight CEF" (rev. 25) specifies: in the header `\` and `|` are escaped and
    /// line breaks (not allowed there) become spaces; in extension values `\`, `=` and line
    /// breaks (`\n`, `\r`) are escaped. Times are milliseconds since the epoch.
    public static func cef(_ alert: Alert, identity: AlertSourceIdentity = AlertSourceIdentity()) -> String {
        var text = "CEF:0"
        for field in [
            identity.vendor, identity.product, identity.version, alert.rule, alert.summary,
            String(cefSeverity(alert.severity)),
        ] {
            text += "|" + cefHeaderEscaped(field)
        }
        text += "|"
        var extensions: [(String, String)] = [
            ("rt", String(milliseconds(alert.lastTime))),
            ("start", String(milliseconds(alert.firstTime))),
            ("end", String(milliseconds(alert.lastTime))),
        ]
        let (source, destination) = addresses(alert)
        if let source { extensions.append(source.isIPv6 ? ("c6a2", source.text) : ("src", source.text)) }
        if let destination {
            extensions.append(destination.isIPv6 ? ("c6a3", destination.text) : ("dst", destination.text))
        }
        let (sourceMAC, destinationMAC) = macs(alert)
        if let sourceMAC { extensions.append(("smac", sourceMAC)) }
        if let destinationMAC { extensions.append(("dmac", destinationMAC)) }
        if source?.isIPv6 == true { extensions.append(("c6a2Label", "Source IPv6 Address")) }
        if destination?.isIPv6 == true { extensions.append(("c6a3Label", "Destination IPv6 Address")) }
        extensions += [
            ("cnt", String(alert.count)),
            ("cat", alert.kind.rawValue),
            ("cs1", alert.techniques.joined(separator: ",")),
            ("cs1Label", "MITRE ATT&CK for ICS techniques"),
            ("cs2", alert.id),
            ("cs2Label", "Palisade alert id"),
            ("msg", alert.explanation),
        ]
        if let evidence = alert.evidence.first {
            extensions.append(("cs3", evidence.origin))
            extensions.append(("cs3Label", "Evidence origin"))
            if evidence.frame > 0 {
                extensions.append(("cn1", String(evidence.frame)))
                extensions.append(("cn1Label", "Evidence frame"))
            }
        }
        text += extensions.map { "\($0.0)=\(cefExtensionEscaped($0.1))" }.joined(separator: " ")
        return text
    }

    /// Our five severities on CEF's 0–10 scale (ArcSight buckets: 0–3 low, 4–6 medium, 7–8 high,
    /// 9–10 very high).
    public static func cefSeverity(_ severity: Severity) -> Int {
        switch severity {
        case .info: 1
        case .low: 3
        case .medium: 5
        case .high: 8
        case .critical: 10
        }
    }

    public static func cefHeaderEscaped(_ text: String) -> String {
        escaped(text) { scalar in
            switch scalar {
            case "\\": "\\\\"
            case "|": "\\|"
            case "\r", "\n": " "
            default: nil
            }
        }
    }

    public static func cefExtensionEscaped(_ text: String) -> String {
        escaped(text) { scalar in
            switch scalar {
            case "\\": "\\\\"
            case "=": "\\="
            case "\n": "\\n"
            case "\r": "\\r"
            default: nil
            }
        }
    }

    // MARK: LEEF

    /// `LEEF:2.0|Vendor|Product|Version|EventID|x09|key=value<TAB>key=value…` (IBM QRadar LEEF
    /// 2.0; the delimiter field `x09` names the tab). Header fields escape `\` and `|`;
    /// attribute values escape `\`, tab, and line breaks as `\\`, `\t`, `\n`, `\r`, so a value
    /// never contains the delimiter. `devTime` is in milliseconds since the epoch, as
    /// `devTimeFormat` is absent and QRadar then reads epoch milliseconds; `sev` is 1–10.
    public static func leef(_ alert: Alert, identity: AlertSourceIdentity = AlertSourceIdentity()) -> String {
        var text = "LEEF:2.0"
        for field in [identity.vendor, identity.product, identity.version, alert.rule] {
            text += "|" + cefHeaderEscaped(field)
        }
        text += "|x09|"
        var attributes: [(String, String)] = [
            ("devTime", String(milliseconds(alert.lastTime))),
            ("sev", String(max(1, cefSeverity(alert.severity)))),
        ]
        let (source, destination) = addresses(alert)
        if let source { attributes.append(("src", source.text)) }
        if let destination { attributes.append(("dst", destination.text)) }
        let (sourceMAC, destinationMAC) = macs(alert)
        if let sourceMAC { attributes.append(("srcMAC", sourceMAC)) }
        if let destinationMAC { attributes.append(("dstMAC", destinationMAC)) }
        attributes += [
            ("cat", alert.rule),
            ("techniques", alert.techniques.joined(separator: ",")),
            ("alertId", alert.id),
            ("severity", alert.severity.name),
            ("kind", alert.kind.rawValue),
            ("count", String(alert.count)),
            ("startTime", String(milliseconds(alert.firstTime))),
            ("summary", alert.summary),
            ("msg", alert.explanation),
        ]
        if let evidence = alert.evidence.first {
            attributes.append(("evidenceOrigin", evidence.origin))
            if evidence.frame > 0 { attributes.append(("evidenceFrame", String(evidence.frame))) }
        }
        text += attributes.map { "\($0.0)=\(leefValueEscaped($0.1))" }.joined(separator: "\t")
        return text
    }

    public static func leefValueEscaped(_ text: String) -> String {
        escaped(text) { scalar in
            switch scalar {
            case "\\": "\\\\"
            case "\t": "\\t"
            case "\n": "\\n"
            case "\r": "\\r"
            default: nil
            }
        }
    }

    // MARK: shared

    /// `text` with every scalar that `replacement` names replaced (the formats differ only in
    /// which characters they escape and how).
    static func escaped(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { out += replaced } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    struct AddressText {
        var text: String
        var isIPv6: Bool
    }

    /// The alert's source and destination addresses: its first two assets when they are IP
    /// addresses (or `ip:` asset ids); for an asset known by its MAC (`mac:…`, devices on the
    /// monitored segment), the address of the first evidence event's source or destination.
    static func addresses(_ alert: Alert) -> (AddressText?, AddressText?) {
        var evidenceAddresses: [String: Any]?
        func address(_ index: Int, evidenceKey: String) -> AddressText? {
            guard index < alert.assets.count else { return nil }
            var text = alert.assets[index]
            if text.hasPrefix("ip:") { text.removeFirst(3) }
            if text.hasPrefix("mac:") {
                if evidenceAddresses == nil, let event = alert.evidence.first?.event, !event.isEmpty {
                    evidenceAddresses =
                        (try? JSONSerialization.jsonObject(with: Data(event.utf8))) as? [String: Any] ?? [:]
                }
                text = evidenceAddresses?[evidenceKey] as? String ?? ""
            }
            if IPv4Address(text) { return AddressText(text: text, isIPv6: false) }
            if text.contains(":"), text.count <= 45, inet6(text) { return AddressText(text: text, isIPv6: true) }
            return nil
        }
        return (address(0, evidenceKey: "src"), address(1, evidenceKey: "dst"))
    }

    /// The MACs of assets known by MAC (`mac:…` ids), source first.
    static func macs(_ alert: Alert) -> (String?, String?) {
        func mac(_ index: Int) -> String? {
            guard index < alert.assets.count, alert.assets[index].hasPrefix("mac:") else { return nil }
            return String(alert.assets[index].dropFirst(4))
        }
        return (mac(0), mac(1))
    }

    static func IPv4Address(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    static func inet6(_ text: String) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, text, &address) == 1
    }

    static func milliseconds(_ nanoseconds: Int64) -> Int64 {
        nanoseconds >= 0 ? nanoseconds / 1_000_000 : (nanoseconds - 999_999) / 1_000_000
    }
}

/// Syslog facilities (RFC 5424 §6.2.1), by their usual names.
public enum SyslogFacility: Int, Sendable, CaseIterable {
    case kern = 0
    case user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, ntp, audit, alert, clock
    case local0 = 16
    case local1, local2, local3, local4, local5, local6, local7

    public var name: String { String(describing: self) }

    /// A name (`local4`) or a number 0–23.
    public init?(name: String) {
        if let number = Int(name), let facility = SyslogFacility(rawValue: number) {
            self = facility
            return
        }
        guard let facility = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = facility
    }
}

/// RFC 5424 framing: `<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG`.
public struct SyslogFraming: Sendable, Equatable {
    public var facility: SyslogFacility
    /// HOSTNAME: this machine's name unless configured.
    public var hostname: String
    public var appName: String
    public var messageID: String
    /// Adds `[palisade@32473 id=… rule=… severity=… count=…]` (32473 is the enterprise number
    /// RFC 5612 reserves for documentation; Palisade has none of its own).
    public var structuredData: Bool

    public init(
        facility: SyslogFacility = .local4, hostname: String? = nil, appName: String = "palisade",
        messageID: String = "alert", structuredData: Bool = false
    ) {
        self.facility = facility
        self.hostname = Self.headerField(hostname ?? ProcessInfo.processInfo.hostName, limit: 255)
        self.appName = Self.headerField(appName, limit: 48)
        self.messageID = Self.headerField(messageID, limit: 32)
        self.structuredData = structuredData
    }

    /// Our severities as syslog severities: critical → 2 (crit), high → 3 (err), medium → 4
    /// (warning), low → 5 (notice), info → 6 (informational).
    public static func syslogSeverity(_ severity: Severity) -> Int {
        switch severity {
        case .critical: 2
        case .high: 3
        case .medium: 4
        case .low: 5
        case .info: 6
        }
    }

    public func priority(_ severity: Severity) -> Int { facility.rawValue * 8 + Self.syslogSeverity(severity) }

    /// The whole message for `alert` with `payload` as MSG (no byte-order mark: CEF and LEEF
    /// parsers expect their prefix first). The timestamp is the alert's last occurrence.
    public func message(for alert: Alert, payload: String) -> String {
        var text = "<\(priority(alert.severity))>1 \(rfc3339(alert.lastTime)) \(hostname) \(appName) - \(messageID) "
        if structuredData {
            text += "[palisade@32473"
            for (name, value) in [
                ("id", alert.id), ("rule", alert.rule), ("severity", alert.severity.name),
                ("count", String(alert.count)),
            ] {
                text += " \(name)=\"\(Self.parameterEscaped(value))\""
            }
            text += "]"
        } else {
            text += "-"
        }
        return text + " " + payload
    }

    /// PARAM-VALUE escaping (RFC 5424 §6.3.3): `"`, `\` and `]`.
    static func parameterEscaped(_ text: String) -> String {
        var out = ""
        for character in text.unicodeScalars {
            if character == "\"" || character == "\\" || character == "]" { out += "\\" }
            out.unicodeScalars.append(character)
        }
        return out
    }

    /// Header fields are printable US-ASCII without spaces (RFC 5424 §6): anything else becomes
    /// `_`, an empty field `-`.
    static func headerField(_ text: String, limit: Int) -> String {
        var out = ""
        for byte in text.utf8.prefix(limit) {
            out.unicodeScalars.append(byte >= 33 && byte <= 126 ? Unicode.Scalar(byte) : "_")
        }
        return out.isEmpty ? "-" : out
    }
}

extension String {
    /// The longest prefix of at most `limit` UTF-8 bytes that ends on a character boundary of
    /// the encoding (never half a multi-byte sequence).
    public func utf8Prefix(maxBytes limit: Int) -> String {
        let bytes = Array(utf8)
        guard bytes.count > limit else { return self }
        var end = Swift.max(0, limit)
        // Back off continuation bytes (10xxxxxx) so the cut falls before a lead byte.
        while end > 0 && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
