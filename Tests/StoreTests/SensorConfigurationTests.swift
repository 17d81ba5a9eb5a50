import Sensor
import Storage
import Testing

@Suite("sensor configuration")
struct SensorConfigurationTests {
    @Test func readsEveryKey() throws {
        let configuration = try SensorConfiguration.parse(
            """
            interfaces: [eth1, eth2]
            db: /var/lib/palisade/plant.db
            filter: not port 22
            snaplen: 1514
            promiscuous: false
            workers: 4
            flush_interval: 0.5
            statistics_interval: 10
            inventory_interval: 30
            retention:
              max_age_days: 30
              max_size_mb: 512
            metrics_listen: 127.0.0.1:9109
            """)
        #expect(configuration.interfaces == ["eth1", "eth2"])
        #expect(configuration.database == "/var/lib/palisade/plant.db")
        #expect(configuration.filter == "not port 22")
        #expect(configuration.snapLength == 1514 && !configuration.promiscuous && configuration.workers == 4)
        #expect(configuration.flushInterval == 0.5 && configuration.statisticsInterval == 10)
        #expect(configuration.inventoryInterval == 30)
        #expect(configuration.retention.maximumAge == Int64(30) * 86_400 * 1_000_000_000)
        #expect(configuration.retention.maximumBytes == Int64(512) * 1_048_576)
        #expect(configuration.metricsListen == "127.0.0.1:9109")
        #expect(try SensorConfiguration.parse("interfaces: eth0").interfaces == ["eth0"])
        #expect(try SensorConfiguration.parse("") == SensorConfiguration())
    }

    @Test(arguments: [
        ("interfaces: [eth0]\nflush_intervall: 2", "unknown key 'flush_intervall'"),
        ("retention:\n  max_age: 3", "unknown key 'retention.max_age'"),
        ("workers: many", "'workers' must be an integer from 1 to 255"),
        ("flush_interval: 0", "'flush_interval' must be a number of seconds from 0.1 to 3600"),
        ("snaplen: 10", "'snaplen' must be an integer from 64 to 262144"),
        ("- a\n- b", "expected a mapping of settings"),
        ("interfaces: [eth0\n", "not valid YAML"),
    ])
    func rejectsWithAMessageNamingTheProblem(_ text: String, _ message: String) {
        #expect {
            _ = try SensorConfiguration.parse(text, file: "sensor.yaml")
        } throws: { error in
            let description = "\(error)"
            return description.hasPrefix("sensor.yaml: ") && description.contains(message)
        }
    }
}

@Suite("sensor configuration: detection")
struct SensorDetectionConfigurationTests {
    @Test func readsTheDetectionSection() throws {
        let configuration = try SensorConfiguration.parse(
            """
            interfaces: eth1
            detection:
              baseline: /var/lib/palisade/baseline.yaml
              mode: learn
              learning_days: 3
              stable_hours: 12
              new_device_minutes: 30
              rules: /etc/palisade/rules
              export:
                - {type: file, path: /var/log/palisade/alerts.jsonl, format: json}
            """)
        let detection = configuration.detection
        #expect(detection.enabled)
        #expect(detection.baselinePath == "/var/lib/palisade/baseline.yaml")
        #expect(detection.mode == .learn)
        #expect(detection.learningPeriod == 3 * 86_400)
        #expect(detection.stableAfter == 12 * 3600)
        #expect(detection.newDeviceLearning == 30 * 60)
        #expect(detection.rulesFolder == "/etc/palisade/rules")
        #expect(detection.exportYAML?.contains("/var/log/palisade/alerts.jsonl") == true)
        #expect(try SensorConfiguration.parse("detection: {enabled: false}").detection.enabled == false)
    }

    @Test(arguments: [
        ("detection:\n  modes: learn", "unknown key 'detection.modes'"),
        ("detection:\n  mode: watch", "'detection.mode' must be learn, monitor or auto"),
        ("detection:\n  mode: learn", "'detection.mode: learn' needs 'detection.baseline'"),
        ("detection:\n  learning_days: -1", "'detection.learning_days' must be a number"),
        ("detection:\n  export: {type: file}", "'detection.export' must be a list of destinations"),
        ("detection: yes", "'detection' must be a mapping"),
    ])
    func refusesBadDetectionSettings(_ text: String, _ message: String) {
        #expect {
            _ = try SensorConfiguration.parse(text, file: "sensor.yaml")
        } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("sensor.yaml")
        }
    }
}
