import Foundation
import Yams

/// Where alerts go: a list of destinations, read from YAML.
///
/// ```yaml
/// destinations:
///   - type: syslog          # syslog | file
///     transport: tls        # udp | tcp | tls (default udp)
///     host: siem.plant.example
///     port: 6514            # default 514 (udp, tcp) or 6514 (tls)
///     format: cef           # cef | leef | json (default cef)
///     facility: local4      # name or 0–23 (default local4)
///     ca_file: /etc/palisade/siem-ca.pem     # tls: the CAs that sign the receiver's certificate
///     cert_file: /etc/palisade/sensor.pem    # tls: optional client certificate …
///     key_file: /etc/palisade/sensor.key     # … and its key
///     server_name: siem.plant.example        # tls: name to verify (default: host)
///     hostname: sensor-7    # syslog HOSTNAME (default: this machine's name)
///     structured_data: false
///     max_message_bytes: 2048                # udp: longer messages are cut at a UTF-8 boundary
///     queue: 1024           # messages held while the receiver is away; the oldest go first
///   - type: file
///     path: /var/log/palisade/alerts.jsonl
///     format: json          # file destinations write palisade.alert/1 lines
///     queue: 1024
/// ```
/// Unknown keys and bad values are refused with an error naming the key.
public struct AlertExportConfiguration: Sendable, Equatable, Codable {
    public var destinations: [AlertDestination]

    public init(destinations: [AlertDestination]) { self.destinations = destinations }

    public static func load(yaml text: String) throws -> AlertExportConfiguration {
        do {
            return try YAMLDecoder().decode(AlertExportConfiguration.self, from: text)
        } catch let error as AlertExportConfigurationError {
            throw error
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw AlertExportConfigurationError(key: Self.path(context.codingPath), message: "has the wrong type")
        } catch let DecodingError.keyNotFound(key, context) {
            throw AlertExportConfigurationError(key: Self.path(context.codingPath + [key]), message: "is missing")
        } catch let DecodingError.dataCorrupted(context) {
            // Yams wraps what `init(from:)` throws.
            if let error = context.underlyingError as? AlertExportConfigurationError { throw error }
            throw AlertExportConfigurationError(
                key: Self.path(context.codingPath), message: context.debugDescription)
        }
    }

    public static func load(path: String) throws -> AlertExportConfiguration {
        try load(yaml: String(contentsOfFile: path, encoding: .utf8))
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case destinations }

    public init(from decoder: any Decoder) throws {
        try refuseUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        destinations = try container.decode([AlertDestination].self, forKey: .destinations)
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "(top level)" : text
    }
}

/// A configuration problem, naming the key (`destinations[1].transport`).
public struct AlertExportConfigurationError: Error, CustomStringConvertible, Equatable {
    public var key: String
    public var message: String
    public var description: String { "\(key): \(message)" }
}

/// One destination.
public enum AlertDestination: Sendable, Equatable, Codable {
    case syslog(SyslogDestination)
    case file(FileDestination)

    enum CodingKeys: String, CodingKey { case type }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "syslog": self = .syslog(try SyslogDestination(from: decoder))
        case "file": self = .file(try FileDestination(from: decoder))
        default:
            throw AlertExportConfigurationError(
                key: AlertExportConfiguration.path(decoder.codingPath + [CodingKeys.type]),
                message: "'\(type)' is not one of syslog, file")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .syslog(let destination): try destination.encode(to: encoder)
        case .file(let destination): try destination.encode(to: encoder)
        }
    }

    /// `syslog tls siem:6514 cef` or `file /var/log/alerts.jsonl`, for logs and errors.
    public var label: String {
        switch self {
        case .syslog(let destination):
            "syslog \(destination.transport.rawValue) \(destination.host):\(destination.port) \(destination.format.rawValue)"
        case .file(let destination): "file \(destination.path)"
        }
    }
}

/// How syslog messages travel.
public enum SyslogTransport: String, Sendable, Codable, CaseIterable {
    /// One datagram per message (RFC 5426), cut at `max_message_bytes`.
    case udp
    /// RFC 6587 octet counting: `LENGTH SP MESSAGE`.
    case tcp
    /// The TCP framing inside TLS (RFC 5425).
    case tls
}

public struct SyslogDestination: Sendable, Equatable, Codable {
    public var transport: SyslogTransport = .udp
    public var host: String
    public var port: Int
    public var format: AlertPayloadFormat = .cef
    public var facility: SyslogFacility = .local4
    public var caFile: String?
    public var certFile: String?
    public var keyFile: String?
    public var serverName: String?
    public var hostname: String?
    public var structuredData = false
    public var maxMessageBytes = 2048
    public var queue = 1024

    public init(
        transport: SyslogTransport = .udp, host: String, port: Int? = nil, format: AlertPayloadFormat = .cef,
        facility: SyslogFacility = .local4, caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil,
        serverName: String? = nil, hostname: String? = nil, structuredData: Bool = false, maxMessageBytes: Int = 2048,
        queue: Int = 1024
    ) {
        self.transport = transport
        self.host = host
        self.port = port ?? (transport == .tls ? 6514 : 514)
        self.format = format
        self.facility = facility
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
        self.serverName = serverName
        self.hostname = hostname
        self.structuredData = structuredData
        self.maxMessageBytes = maxMessageBytes
        self.queue = queue
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, transport, host, port, format, facility
        case caFile = "ca_file"
        case certFile = "cert_file"
        case keyFile = "key_file"
        case serverName = "server_name"
        case hostname
        case structuredData = "structured_data"
        case maxMessageBytes = "max_message_bytes"
        case queue
    }

    public init(from decoder: any Decoder) throws {
        try refuseUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func key(_ key: CodingKeys) -> String { AlertExportConfiguration.path(decoder.codingPath + [key]) }
        func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ codingKey: CodingKeys) throws -> T?
        where T.RawValue == String {
            guard let text = try container.decodeIfPresent(String.self, forKey: codingKey) else { return nil }
            guard let value = T(rawValue: text) else {
                let names = T.allCases.map(\.rawValue).joined(separator: ", ")
                throw AlertExportConfigurationError(key: key(codingKey), message: "'\(text)' is not one of \(names)")
            }
            return value
        }
        transport = try choice(SyslogTransport.self, .transport) ?? .udp
        host = try container.decode(String.self, forKey: .host)
        if host.isEmpty { throw AlertExportConfigurationError(key: key(.host), message: "is empty") }
        port = try container.decodeIfPresent(Int.self, forKey: .port) ?? (transport == .tls ? 6514 : 514)
        guard (1...65535).contains(port) else {
            throw AlertExportConfigurationError(key: key(.port), message: "\(port) is not a port (1–65535)")
        }
        format = try choice(AlertPayloadFormat.self, .format) ?? .cef
        if let text = try container.decodeIfPresent(String.self, forKey: .facility) {
            guard let value = SyslogFacility(name: text) else {
                throw AlertExportConfigurationError(
                    key: key(.facility), message: "'\(text)' is not a syslog facility (kern … local7, or 0–23)")
            }
            facility = value
        }
        caFile = try container.decodeIfPresent(String.self, forKey: .caFile)
        certFile = try container.decodeIfPresent(String.self, forKey: .certFile)
        keyFile = try container.decodeIfPresent(String.self, forKey: .keyFile)
        serverName = try container.decodeIfPresent(String.self, forKey: .serverName)
        hostname = try container.decodeIfPresent(String.self, forKey: .hostname)
        structuredData = try container.decodeIfPresent(Bool.self, forKey: .structuredData) ?? false
        maxMessageBytes = try container.decodeIfPresent(Int.self, forKey: .maxMessageBytes) ?? 2048
        guard (480...65000).contains(maxMessageBytes) else {
            throw AlertExportConfigurationError(
                key: key(.maxMessageBytes), message: "\(maxMessageBytes) is outside 480–65000 bytes")
        }
        queue = try container.decodeIfPresent(Int.self, forKey: .queue) ?? 1024
        guard (1...1_000_000).contains(queue) else {
            throw AlertExportConfigurationError(key: key(.queue), message: "\(queue) is outside 1–1000000")
        }
        if transport != .tls {
            for tlsKey in [CodingKeys.caFile, .certFile, .keyFile, .serverName] where container.contains(tlsKey) {
                throw AlertExportConfigurationError(key: key(tlsKey), message: "only applies to transport tls")
            }
        }
        if (certFile == nil) != (keyFile == nil) {
            throw AlertExportConfigurationError(
                key: key(certFile == nil ? .keyFile : .certFile), message: "needs both cert_file and key_file")
        }
        for fileKey in [CodingKeys.caFile, .certFile, .keyFile] {
            if let path = try container.decodeIfPresent(String.self, forKey: fileKey),
                !FileManager.default.isReadableFile(atPath: path)
            {
                throw AlertExportConfigurationError(key: key(fileKey), message: "cannot read '\(path)'")
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("syslog", forKey: .type)
        try container.encode(transport, forKey: .transport)
        try container.encode(host, forKey: .host)
        try container.encode(port, forKey: .port)
        try container.encode(format, forKey: .format)
        try container.encode(facility.name, forKey: .facility)
        try container.encodeIfPresent(caFile, forKey: .caFile)
        try container.encodeIfPresent(certFile, forKey: .certFile)
        try container.encodeIfPresent(keyFile, forKey: .keyFile)
        try container.encodeIfPresent(serverName, forKey: .serverName)
        try container.encodeIfPresent(hostname, forKey: .hostname)
        try container.encode(structuredData, forKey: .structuredData)
        try container.encode(maxMessageBytes, forKey: .maxMessageBytes)
        try container.encode(queue, forKey: .queue)
    }
}

public struct FileDestination: Sendable, Equatable, Codable {
    public var path: String
    public var format: AlertPayloadFormat = .json
    public var queue = 1024

    public init(path: String, queue: Int = 1024) {
        self.path = path
        self.queue = queue
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case type, path, format, queue }

    public init(from decoder: any Decoder) throws {
        try refuseUnknownKeys(decoder, allowed: CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func key(_ key: CodingKeys) -> String { AlertExportConfiguration.path(decoder.codingPath + [key]) }
        path = try container.decode(String.self, forKey: .path)
        if path.isEmpty { throw AlertExportConfigurationError(key: key(.path), message: "is empty") }
        if let text = try container.decodeIfPresent(String.self, forKey: .format), text != "json" {
            throw AlertExportConfigurationError(
                key: key(.format), message: "'\(text)' is not supported for files (json)")
        }
        queue = try container.decodeIfPresent(Int.self, forKey: .queue) ?? 1024
        guard (1...1_000_000).contains(queue) else {
            throw AlertExportConfigurationError(key: key(.queue), message: "\(queue) is outside 1–1000000")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("file", forKey: .type)
        try container.encode(path, forKey: .path)
        try container.encode(format, forKey: .format)
        try container.encode(queue, forKey: .queue)
    }
}

/// Any key not in `allowed` is an error naming it.
private struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

private func refuseUnknownKeys(_ decoder: any Decoder, allowed: [String]) throws {
    let container = try decoder.container(keyedBy: AnyKey.self)
    for key in container.allKeys.sorted(by: { $0.stringValue < $1.stringValue })
    where !allowed.contains(key.stringValue) {
        throw AlertExportConfigurationError(
            key: AlertExportConfiguration.path(decoder.codingPath + [key]), message: "unknown key")
    }
}
