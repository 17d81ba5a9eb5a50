// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// Profile-guided optimisation of release builds (bench/pgo/README.md): the committed profile
/// `bench/pgo/palisade.profdata` guides LLVM's inlining and code layout. `PALISADE_PGO=generate`
/// builds the instrumented binary that `bench/pgo/train.sh` runs; `PALISADE_PGO=off` ignores the
/// profile. Debug builds and tests never use it.
let profilePath = Context.packageDirectory + "/bench/pgo/palisade.profdata"
let profileMode = Context.environment["PALISADE_PGO"] ?? "use"
/// IR-level instrumentation and use are frontend options (the 6.3 driver does not pass the
/// `-ir-profile-*` spellings on). Private functions are named in the profile by their object
/// file's name without its directories, so a profile made in one checkout fits every other.
let profileKeying = ["-Xllvm", "-static-func-full-module-prefix=false"]
let profileFlags: [String] =
    switch profileMode {
    case "generate": ["-Xfrontend", "-ir-profile-generate"] + profileKeying
    case "off": []
    default:
        FileManager.default.fileExists(atPath: profilePath)
            ? ["-Xfrontend", "-ir-profile-use=" + profilePath] + profileKeying : []
    }

/// The packet path keeps its state in final classes; Swift's dynamic exclusivity checks on their
/// stored properties cost about a fifth of the packet rate (measured with perf on the benchmark
/// capture). Release builds of the packet-path targets turn them off; debug builds and tests keep them.
let packetPathSettings: [SwiftSetting] = [
    .unsafeFlags(
        ["-enforce-exclusivity=unchecked", "-cross-module-optimization"] + profileFlags,
        .when(configuration: .release))
]

let package = Package(
    name: "Palisade",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "palisade", targets: ["palisade"]),
        .executable(name: "palisade-store-benchmark", targets: ["StoreBenchmark"]),
        .executable(name: "palisade-console-bench-store", targets: ["ConsoleStoreBenchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        /// A prefetch hint for the capture reader (header-only).
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
        .systemLibrary(
            name: "CLibcrypto", path: "Sources/CLibcrypto", providers: [.apt(["libssl-dev"])]),
        /// Process-wide SQLite settings (`sqlite3_config` is variadic, out of Swift's reach).
        .systemLibrary(name: "CSQLiteConfig", path: "Sources/CSQLiteConfig", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CPcap", path: "Sources/CPcap", pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"])]),
        .target(name: "BinaryParsing", swiftSettings: packetPathSettings),
        .target(
            name: "PacketCapture", dependencies: ["BinaryParsing", "CZlib", "CPcap", "CPrefetch"],
            swiftSettings: packetPathSettings),
        .target(name: "PacketLayers", dependencies: ["BinaryParsing"], swiftSettings: packetPathSettings),
        .target(
            name: "FlowTracking", dependencies: ["BinaryParsing", "PacketLayers"], swiftSettings: packetPathSettings),
        .target(
            name: "EventModel", dependencies: ["BinaryParsing", "PacketLayers", "CLibcrypto"],
            swiftSettings: packetPathSettings),
        .target(
            name: "Modbus", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/IndustrialProtocols/Modbus",
            swiftSettings: packetPathSettings),
        .target(
            name: "S7Comm", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/IndustrialProtocols/S7Comm",
            swiftSettings: packetPathSettings),
        .target(
            name: "EtherNetIP", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/IndustrialProtocols/EtherNetIP",
            swiftSettings: packetPathSettings),
        .target(
            name: "DNP3", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/IndustrialProtocols/DNP3",
            swiftSettings: packetPathSettings),
        .target(
            name: "IEC104", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/IndustrialProtocols/IEC104",
            swiftSettings: packetPathSettings),
        .target(
            name: "MQTT", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/IndustrialProtocols/MQTT",
            swiftSettings: packetPathSettings),
        .target(
            name: "BACnet", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/IndustrialProtocols/BACnet",
            swiftSettings: packetPathSettings),
        .target(
            name: "OPCUA", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/IndustrialProtocols/OPCUA",
            swiftSettings: packetPathSettings),
        .target(
            name: "Profinet", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/IndustrialProtocols/Profinet",
            swiftSettings: packetPathSettings),
        .target(
            name: "LLDP", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/LLDP",
            swiftSettings: packetPathSettings),
        .target(
            name: "CDP", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/CDP",
            swiftSettings: packetPathSettings),
        .target(
            name: "SNMP", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/SNMP",
            swiftSettings: packetPathSettings),
        .target(
            name: "DHCP", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/DHCP",
            swiftSettings: packetPathSettings),
        .target(
            name: "DNS", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/DNS",
            swiftSettings: packetPathSettings),
        .target(
            name: "TLS", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/TLS",
            swiftSettings: packetPathSettings),
        .target(
            name: "SMB", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/SMB",
            swiftSettings: packetPathSettings),
        .target(
            name: "HTTP", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/HTTP",
            swiftSettings: packetPathSettings),
        .target(
            name: "SSH", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/SSH",
            swiftSettings: packetPathSettings),
        .target(
            name: "FTP", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/FTP",
            swiftSettings: packetPathSettings),
        .target(
            name: "Telnet", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/Telnet",
            swiftSettings: packetPathSettings),
        .target(
            name: "TeamViewer", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/TeamViewer",
            swiftSettings: packetPathSettings),
        .target(
            name: "AnyDesk", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/AnyDesk",
            swiftSettings: packetPathSettings),
        .target(
            name: "ARP", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/ARP",
            swiftSettings: packetPathSettings),
        .target(
            name: "RDP", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/RDP",
            swiftSettings: packetPathSettings),
        .target(
            name: "VNC", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"],
            path: "Sources/NetworkProtocols/VNC",
            swiftSettings: packetPathSettings),
        .target(
            name: "Monitor",
            dependencies: [
                "BinaryParsing", "PacketCapture", "PacketLayers", "FlowTracking", "EventModel",
                "Modbus", "S7Comm", "EtherNetIP", "DNP3", "IEC104", "MQTT", "BACnet", "OPCUA", "Profinet",
                "LLDP", "CDP", "SNMP", "DHCP", "DNS", "TLS", "SMB", "HTTP", "SSH", "FTP", "Telnet", "TeamViewer",
                "AnyDesk", "ARP", "RDP", "VNC",
            ], swiftSettings: packetPathSettings),
        .target(
            name: "AssetInventory",
            dependencies: [
                "EventModel", "FlowTracking", "Monitor", "PacketLayers",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]),
        /// Threat rules, the baseline and alerts (docs/detection.md). Rules run on the packet path.
        .target(
            name: "Detection",
            dependencies: [
                "AssetInventory", "EventModel", "FlowTracking", "Monitor", "PacketLayers",
                .product(name: "Yams", package: "Yams"),
            ], swiftSettings: packetPathSettings),
        /// IEC 62443 zones and conduits: the policy model (YAML), zone and conduit suggestions from
        /// traffic and baselines, segmentation rules (`segmentation.*`) and firewall exports.
        .target(
            name: "Segmentation",
            dependencies: [
                "Detection", "AssetInventory", "Monitor", "EventModel", "FlowTracking", "PacketLayers",
                .product(name: "Yams", package: "Yams"),
            ], swiftSettings: packetPathSettings),
        /// Alerts to a SIEM: syslog (RFC 5424) with CEF, LEEF or JSON payloads over UDP, TCP or TLS,
        /// and JSON lines to a file. Asynchronous and bounded; never on the packet path.
        .target(
            name: "AlertExport",
            dependencies: [
                "Detection", "Monitor", .product(name: "Yams", package: "Yams"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "NIOTLS", package: "swift-nio"),
            ]),
        /// The store ports: what the analyses and the console read and write, with no database in sight.
        .target(name: "Storage", dependencies: ["AssetInventory", "EventModel", "PacketLayers"]),
        /// The embedded store: SQLite through GRDB (WAL, versioned migrations).
        .target(
            name: "SQLiteStore",
            dependencies: [
                "Storage", "AssetInventory", "EventModel", "Monitor", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"), "CSQLiteConfig",
            ]),
        /// Capture import and the live sensor: the pipeline feeding a store.
        .target(
            name: "Sensor",
            dependencies: [
                "Storage", "AssetInventory", "Monitor", "PacketCapture", "EventModel", "FlowTracking", "PacketLayers",
                "CLibcrypto", "Detection", "Vulnerabilities", "Segmentation", .product(name: "Yams", package: "Yams"),
            ]),
        /// The sensor's Prometheus metrics and their HTTP endpoint; never on the packet path.
        .target(
            name: "SensorMetrics",
            dependencies: [
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        /// Who touches which controller, remote-access sessions, cleartext credentials, and the
        /// IEC 62443-3-3 / NIST SP 800-82 compliance report built from them (docs/access.md).
        .target(
            name: "Access",
            dependencies: ["AssetInventory", "Storage", "Monitor", "EventModel", "FlowTracking", "PacketLayers"]),
        /// CSAF 2.0 advisories and the KEV catalog read from files, matched to device identities.
        /// Not ZIPFoundation: on Linux it declares its own `CZlib` module, which clashes with ours.
        .target(
            name: "Vulnerabilities",
            dependencies: ["CZlib"]),
        /// The web console and REST API over the store ports.
        .target(
            name: "Console",
            dependencies: [
                "Storage", "Detection", "AssetInventory", "EventModel", "Access", "Sensor", "Segmentation",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),
        .target(name: "PacketCrafting", dependencies: ["BinaryParsing", "PacketLayers"]),
        .target(
            name: "PlantSimulator",
            dependencies: [
                "BinaryParsing", "PacketLayers", "PacketCrafting", "Modbus", "S7Comm", "EtherNetIP", "DNP3", "IEC104",
                "MQTT", "BACnet", "OPCUA", "Profinet", "LLDP", "DHCP", "DNS", "ARP", "RDP", "TLS", "VNC",
            ]),
        .executableTarget(
            name: "palisade",
            dependencies: [
                "Monitor", "PacketCapture", "AssetInventory", "Storage", "SQLiteStore", "Sensor", "SensorMetrics",
                "PlantSimulator", "Detection", "Segmentation", "AlertExport", "Vulnerabilities", "Console", "Access",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: [.unsafeFlags(profileFlags, .when(configuration: .release))],
            // The instrumented binary links LLVM's profile runtime.
            linkerSettings: [
                .unsafeFlags(profileMode == "generate" ? ["-profile-generate"] : [], .when(configuration: .release))
            ]),
        /// Store write throughput (bench/README.md).
        .executableTarget(
            name: "StoreBenchmark", dependencies: ["SQLiteStore", "Storage"], path: "bench/StoreBenchmark"),
        /// Console speed: the generated plant store (bench/README.md).
        .executableTarget(
            name: "ConsoleStoreBenchmark",
            dependencies: ["SQLiteStore", "Storage", "AssetInventory", "EventModel", "PacketLayers"],
            path: "bench/ConsoleStore"),
        .target(name: "CorpusTestSupport", path: "Tests/CorpusTestSupport"),
        .testTarget(name: "BinaryParsingTests", dependencies: ["BinaryParsing"]),
        .testTarget(
            name: "ConsoleTests",
            dependencies: [
                "Console", "Storage", "SQLiteStore", "Sensor", "AssetInventory", "EventModel", "CorpusTestSupport",
                "Segmentation",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ], exclude: ["Browser"]),
        .testTarget(name: "VulnerabilitiesTests", dependencies: ["Vulnerabilities"], exclude: ["Fixtures"]),
        .testTarget(
            name: "DetectionTests",
            dependencies: [
                "Detection", "AssetInventory", "Monitor", "EventModel", "PacketLayers", "PacketCapture",
                "PacketCrafting",
                "Modbus", "S7Comm", "EtherNetIP", "DNP3", "IEC104", "MQTT", "BACnet", "OPCUA", "Profinet",
                "CorpusTestSupport", "PlantSimulator", "AllocationCounter",
            ]),
        .testTarget(
            name: "SegmentationTests",
            dependencies: [
                "Segmentation", "Detection", "AssetInventory", "Monitor", "EventModel", "PacketLayers", "PacketCapture",
                "PacketCrafting", "Sensor", "CorpusTestSupport", "AllocationCounter",
            ]),
        .testTarget(
            name: "AlertExportTests",
            dependencies: [
                "AlertExport", "Detection", "CorpusTestSupport", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .testTarget(
            name: "AccessTests",
            dependencies: [
                "Access", "AssetInventory", "Monitor", "Storage", "SQLiteStore", "Sensor", "EventModel", "PacketLayers",
                "CorpusTestSupport",
            ]),
        .testTarget(name: "PacketCaptureTests", dependencies: ["PacketCapture"]),
        .testTarget(name: "PacketLayersTests", dependencies: ["PacketLayers", "PacketCapture"]),
        .testTarget(name: "FlowTrackingTests", dependencies: ["FlowTracking", "PacketLayers"]),
        /// Counts the test process's heap allocations (interposes malloc): see AllocationTests.
        .target(name: "AllocationCounter", path: "Tests/AllocationCounter"),
        .testTarget(
            name: "MonitorTests",
            dependencies: [
                "Monitor", "PacketCapture", "EventModel", "BinaryParsing", "PacketLayers", "AllocationCounter",
                "CorpusTestSupport",
            ]),
        .testTarget(name: "AgreementTests", dependencies: ["Monitor"]),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Storage", "SQLiteStore", "Sensor", "Detection", "AssetInventory", "Monitor", "EventModel",
                "PacketLayers",
                "Vulnerabilities", "CorpusTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "SensorMetricsTests",
            dependencies: [
                "SensorMetrics", .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .testTarget(
            name: "AssetInventoryTests",
            dependencies: [
                "AssetInventory", "Monitor", "EventModel", "PacketLayers", "CorpusTestSupport",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
            ]),
        .testTarget(
            name: "LLDPTests",
            dependencies: [
                "LLDP", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers", "CorpusTestSupport",
            ],
            exclude: ["KNOWN_DIFFERENCES.md", "README.md"]),
        .testTarget(
            name: "CDPTests",
            dependencies: [
                "CDP", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers", "CorpusTestSupport",
            ],
            exclude: ["KNOWN_DIFFERENCES.md", "README.md"]),
        .testTarget(
            name: "SNMPTests",
            dependencies: [
                "SNMP", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers", "CorpusTestSupport",
            ],
            exclude: ["KNOWN_DIFFERENCES.md", "README.md"]),
        .testTarget(
            name: "ARPTests",
            dependencies: [
                "ARP", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers", "CorpusTestSupport",
            ],
            exclude: ["Fixtures", "README.md"]),
        .testTarget(
            name: "RDPTests",
            dependencies: ["RDP", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["README.md"]),
        .testTarget(
            name: "VNCTests",
            dependencies: ["VNC", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["README.md"]),
        .testTarget(
            name: "DHCPTests",
            dependencies: [
                "DHCP", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers", "CorpusTestSupport",
            ],
            exclude: ["Fixtures", "KNOWN_DIFFERENCES.md", "README.md"]),
        .testTarget(
            name: "TLSTests",
            dependencies: ["TLS", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["Fixtures", "README.md"]),
        .testTarget(
            name: "SMBTests",
            dependencies: ["SMB", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["Fixtures", "README.md"]),
        .testTarget(
            name: "DNSTests",
            dependencies: [
                "DNS", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers", "CorpusTestSupport",
            ],
            exclude: ["Fixtures", "KNOWN_DIFFERENCES.md", "README.md"]),
        .testTarget(
            name: "ModbusTests",
            dependencies: ["Modbus", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "S7CommTests",
            dependencies: ["S7Comm", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "EtherNetIPTests",
            dependencies: ["EtherNetIP", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["KNOWN_DIFFERENCES.md"]),
        .testTarget(
            name: "DNP3Tests",
            dependencies: ["DNP3", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["KNOWN_DIFFERENCES.md"]),
        .testTarget(
            name: "IEC104Tests",
            dependencies: [
                "IEC104", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers",
                "CorpusTestSupport",
            ],
            exclude: ["KNOWN_DIFFERENCES.md"]),
        .testTarget(
            name: "MQTTTests",
            dependencies: [
                "MQTT", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers", "CorpusTestSupport",
            ],
            exclude: ["KNOWN_DIFFERENCES.md"]),
        .testTarget(
            name: "BACnetTests",
            dependencies: [
                "BACnet", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers",
                "CorpusTestSupport",
            ],
            exclude: ["KNOWN_DIFFERENCES.md"]),
        .testTarget(
            name: "OPCUATests",
            dependencies: [
                "OPCUA", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers", "CorpusTestSupport",
            ],
            exclude: ["KNOWN_DIFFERENCES.md"]),
        .testTarget(
            name: "HTTPTests",
            dependencies: ["HTTP", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["Fixtures", "README.md"]),
        .testTarget(
            name: "SSHTests",
            dependencies: ["SSH", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["README.md"]),
        .testTarget(
            name: "FTPTests",
            dependencies: ["FTP", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["Fixtures", "README.md"]),
        .testTarget(
            name: "TelnetTests",
            dependencies: ["Telnet", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["Fixtures", "README.md"]),
        .testTarget(
            name: "TeamViewerTests",
            dependencies: ["TeamViewer", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["Fixtures", "README.md"]),
        .testTarget(
            name: "AnyDeskTests",
            dependencies: ["AnyDesk", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"],
            exclude: ["Fixtures", "README.md"]),
        .testTarget(
            name: "PlantSimulatorTests",
            dependencies: [
                "PlantSimulator", "PacketCrafting", "Monitor", "AssetInventory", "EventModel", "PacketLayers", "Modbus",
                "S7Comm", "EtherNetIP", "DNP3", "IEC104",
            ]),
        .testTarget(
            name: "ProfinetTests",
            dependencies: [
                "Profinet", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers",
                "CorpusTestSupport",
            ]),
    ],
    swiftLanguageModes: [.v6]
)
