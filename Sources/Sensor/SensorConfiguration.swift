import Foundation
import Segmentation
import Storage
import Yams

/// The sensor's settings: defaults, then the YAML file (`--config`), then the command line.
/// Unknown keys and wrong types are errors that name the key: a typo must not silently leave a
/// plant unmonitored or keep data longer than the site allows.
public struct SensorConfiguration: Sendable, Equatable {
    public var interfaces: [String] = []
    public var database = "palisade-data/palisade.db"
    public var filter: String?
    public var snapLength: Int32 = 262_144
    public var promiscuous = true
    public var workers = 2
    /// Seconds between commits to the store (at most 1 s by default, as the issue asks).
    public var flushInterval = 1.0
    /// Seconds between capture-statistics samples (log and store).
    public var statisticsInterval = 5.0
    /// Seconds between inventory rebuilds when something changed.
    public var inventoryInterval = 5.0
    /// Seconds between assessments of the inventory against the stored advisories (also done
    /// when an identity fact changes, and at stop); only when advisories were imported.
    public var assessmentInterval = 600.0
    public var retention = RetentionPolicy(maximumAge: 90 * 86_400 * 1_000_000_000)
    /// Prometheus endpoint (`host:port`), off when nil.
    public var metricsListen: String?
    public var detection = DetectionSettings()
    /// The `zones:` and `conduits:` sections (docs/segmentation.md): the segmentation rules run
    /// when they are present.
    public var zonePolicy: ZonePolicy?

    public init() {}

    /// The `detection:` section: threat rules, the baseline and its learning, and the SIEM.
    public struct DetectionSettings: Sendable, Equatable {
        public enum Mode: String, Sendable, CaseIterable {
            /// Learn the baseline for `learningPeriod` (or until it stops changing), then monitor.
            case learn
            /// Monitor against the baseline file as it is.
            case monitor
            /// Monitor when the baseline file exists, learn first when it does not.
            case auto
        }
        /// Threat rules and anomalies on (off: inventory only).
        public var enabled = true
        /// The baseline document (read to monitor, written while learning).
        public var baselinePath: String?
        public var mode = Mode.auto
        /// Seconds of learning at most.
        public var learningPeriod: Double = 7 * 86_400
        /// Learning ends early when the baseline has not changed for this many seconds.
        public var stableAfter: Double = 86_400
        /// A device seen for the first time while monitoring gets its own learning window of this
        /// many seconds (its pairs are learned, not alerted, except dangerous operations).
        public var newDeviceLearning: Double = 3_600
        /// A folder of user rules (`*.yaml`).
        public var rulesFolder: String?
        /// The `export:` list as a YAML document `destinations: [...]`, for the exporters to parse.
        public var exportYAML: String?
        public init() {}
    }

    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    static let keys: Set<String> = [
        "interfaces", "db", "filter", "snaplen", "promiscuous", "workers", "flush_interval", "statistics_interval",
        "inventory_interval", "assessment_interval", "retention", "metrics_listen", "detection", "zones", "conduits",
    ]
    static let detectionKeys: Set<String> = [
        "enabled", "baseline", "mode", "learning_days", "stable_hours", "new_device_minutes", "rules", "export",
    ]
    static let retentionKeys: Set<String> = ["max_age_days", "max_size_mb"]

    /// Reads `path` over the defaults.
    public static func load(path: String) throws(Failure) -> SensorConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Failure(description: "\(path): cannot read the configuration (\(error.localizedDescription))")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String = "configuration") throws(Failure) -> SensorConfiguration {
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw Failure(description: "\(file): not valid YAML (\(error))")
        }
        var configuration = SensorConfiguration()
        guard let document else { return configuration }
        guard let map = document as? [String: Any] else {
            throw Failure(description: "\(file): expected a mapping of settings at the top level")
        }
        for key in map.keys.sorted() where !keys.contains(key) {
            throw Failure(
                description: "\(file): unknown key '\(key)' (known: \(keys.sorted().joined(separator: ", ")))")
        }
        func fail(_ key: String, _ expected: String) -> Failure {
            Failure(description: "\(file): '\(key)' must be \(expected)")
        }
        if let value = map["interfaces"] {
            if let single = value as? String {
                configuration.interfaces = [single]
            } else if let list = value as? [Any], list.allSatisfy({ $0 is String }) {
                configuration.interfaces = list.compactMap { $0 as? String }
            } else {
                throw fail("interfaces", "an interface name or a list of them")
            }
        }
        if let value = map["db"] {
            guard let path = value as? String, !path.isEmpty else { throw fail("db", "a file path") }
            configuration.database = path
        }
        if let value = map["filter"] {
            guard let filter = value as? String else { throw fail("filter", "a BPF filter string") }
            configuration.filter = filter
        }
        if let value = map["snaplen"] {
            guard let number = value as? Int, (64...262_144).contains(number) else {
                throw fail("snaplen", "an integer from 64 to 262144")
            }
            configuration.snapLength = Int32(number)
        }
        if let value = map["promiscuous"] {
            guard let flag = value as? Bool else { throw fail("promiscuous", "true or false") }
            configuration.promiscuous = flag
        }
        if let value = map["workers"] {
            guard let number = value as? Int, (1...255).contains(number) else {
                throw fail("workers", "an integer from 1 to 255")
            }
            configuration.workers = number
        }
        for (key, path) in [
            ("flush_interval", \SensorConfiguration.flushInterval),
            ("statistics_interval", \SensorConfiguration.statisticsInterval),
            ("inventory_interval", \SensorConfiguration.inventoryInterval),
        ] {
            guard let value = map[key] else { continue }
            guard let seconds = number(value), seconds >= 0.1, seconds <= 3600 else {
                throw fail(key, "a number of seconds from 0.1 to 3600")
            }
            configuration[keyPath: path] = seconds
        }
        if let value = map["assessment_interval"] {
            guard let seconds = number(value), seconds >= 10, seconds <= 86_400 else {
                throw fail("assessment_interval", "a number of seconds from 10 to 86400")
            }
            configuration.assessmentInterval = seconds
        }
        if let value = map["retention"] {
            guard let retention = value as? [String: Any] else {
                throw fail("retention", "a mapping with max_age_days and/or max_size_mb")
            }
            for key in retention.keys.sorted() where !retentionKeys.contains(key) {
                throw Failure(
                    description: "\(file): unknown key 'retention.\(key)' (known: max_age_days, max_size_mb)")
            }
            if let days = retention["max_age_days"] {
                guard let days = number(days), days > 0, days <= 36_500 else {
                    throw fail("retention.max_age_days", "a positive number of days")
                }
                configuration.retention.maximumAge = Int64(days * 86_400 * 1e9)
            }
            if let megabytes = retention["max_size_mb"] {
                guard let megabytes = number(megabytes), megabytes >= 1 else {
                    throw fail("retention.max_size_mb", "a number of megabytes, at least 1")
                }
                configuration.retention.maximumBytes = Int64(megabytes * 1_048_576)
            }
        }
        if let value = map["metrics_listen"] {
            guard let address = value as? String else { throw fail("metrics_listen", "host:port") }
            configuration.metricsListen = address
        }
        if let value = map["detection"] {
            configuration.detection = try detectionSettings(value, file: file)
        }
        if map["zones"] != nil || map["conduits"] != nil {
            do {
                configuration.zonePolicy = try ZonePolicyReader.parseSections(of: text, file: file)
            } catch {
                throw Failure(description: error.description)
            }
        }
        return configuration
    }

    private static func detectionSettings(_ value: Any, file: String) throws(Failure) -> DetectionSettings {
        func fail(_ key: String, _ expected: String) -> Failure {
            Failure(description: "\(file): 'detection.\(key)' must be \(expected)")
        }
        guard let map = value as? [String: Any] else {
            throw Failure(description: "\(file): 'detection' must be a mapping")
        }
        for key in map.keys.sorted() where !detectionKeys.contains(key) {
            throw Failure(
                description:
                    "\(file): unknown key 'detection.\(key)' (known: \(detectionKeys.sorted().joined(separator: ", ")))"
            )
        }
        var settings = DetectionSettings()
        if let value = map["enabled"] {
            guard let flag = value as? Bool else { throw fail("enabled", "true or false") }
            settings.enabled = flag
        }
        if let value = map["baseline"] {
            guard let path = value as? String, !path.isEmpty else { throw fail("baseline", "a file path") }
            settings.baselinePath = path
        }
        if let value = map["mode"] {
            guard let name = value as? String, let mode = DetectionSettings.Mode(rawValue: name) else {
                throw fail("mode", "learn, monitor or auto")
            }
            settings.mode = mode
        }
        for (key, scale, range, path) in [
            ("learning_days", 86_400.0, 0.001...3650, \DetectionSettings.learningPeriod),
            ("stable_hours", 3600.0, 0.01...87_600, \DetectionSettings.stableAfter),
            ("new_device_minutes", 60.0, 0...525_600, \DetectionSettings.newDeviceLearning),
        ] {
            guard let value = map[key] else { continue }
            guard let amount = number(value), range.contains(amount) else {
                throw fail(key, "a number from \(range.lowerBound) to \(range.upperBound)")
            }
            settings[keyPath: path] = amount * scale
        }
        if let value = map["rules"] {
            guard let path = value as? String, !path.isEmpty else { throw fail("rules", "a folder path") }
            settings.rulesFolder = path
        }
        if let value = map["export"] {
            guard value is [Any] else { throw fail("export", "a list of destinations") }
            settings.exportYAML = try? Yams.dump(object: ["destinations": value])
        }
        if settings.mode == .learn || settings.mode == .monitor, settings.baselinePath == nil {
            throw Failure(
                description:
                    "\(file): 'detection.mode: \(settings.mode.rawValue)' needs 'detection.baseline' (a file path)")
        }
        return settings
    }

    private static func number(_ value: Any) -> Double? {
        if let integer = value as? Int { return Double(integer) }
        if let double = value as? Double { return double }
        return nil
    }
}
