// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Palisade",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "palisade", targets: ["palisade"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(
            name: "CPcap", path: "Sources/CPcap", pkgConfig: "libpcap",
            providers: [.apt(["libpcap-dev"])]),
        .target(name: "BinaryParsing"),
        .target(name: "PacketCapture", dependencies: ["BinaryParsing", "CZlib", "CPcap"]),
        .target(name: "PacketLayers", dependencies: ["BinaryParsing"]),
        .target(name: "FlowTracking", dependencies: ["BinaryParsing", "PacketLayers"]),
        .target(name: "EventModel", dependencies: ["BinaryParsing", "PacketLayers"]),
        .target(name: "Modbus", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"], path: "Sources/IndustrialProtocols/Modbus"),
        .target(name: "S7Comm", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"], path: "Sources/IndustrialProtocols/S7Comm"),
        .target(name: "EtherNetIP", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"], path: "Sources/IndustrialProtocols/EtherNetIP"),
        .target(name: "DNP3", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"], path: "Sources/IndustrialProtocols/DNP3"),
        .target(name: "IEC104", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"], path: "Sources/IndustrialProtocols/IEC104"),
        .target(name: "MQTT", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"], path: "Sources/IndustrialProtocols/MQTT"),
        .target(name: "BACnet", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"], path: "Sources/IndustrialProtocols/BACnet"),
        .target(name: "OPCUA", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"], path: "Sources/IndustrialProtocols/OPCUA"),
        .target(name: "Profinet", dependencies: ["BinaryParsing", "EventModel", "PacketLayers"], path: "Sources/IndustrialProtocols/Profinet"),
        .target(
            name: "Monitor",
            dependencies: [
                "BinaryParsing", "PacketCapture", "PacketLayers", "FlowTracking", "EventModel",
                "Modbus", "S7Comm", "EtherNetIP", "DNP3", "IEC104", "MQTT", "BACnet", "OPCUA", "Profinet",
            ]),
        .executableTarget(
            name: "palisade",
            dependencies: [
                "Monitor", "PacketCapture",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "BinaryParsingTests", dependencies: ["BinaryParsing"]),
        .testTarget(name: "PacketCaptureTests", dependencies: ["PacketCapture"]),
        .testTarget(name: "PacketLayersTests", dependencies: ["PacketLayers", "PacketCapture"]),
        .testTarget(name: "FlowTrackingTests", dependencies: ["FlowTracking", "PacketLayers"]),
        .testTarget(name: "MonitorTests", dependencies: ["Monitor", "PacketCapture"]),
        .testTarget(name: "ModbusTests", dependencies: ["Modbus", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"]),
        .testTarget(name: "S7CommTests", dependencies: ["S7Comm", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"]),
        .testTarget(name: "EtherNetIPTests", dependencies: ["EtherNetIP", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"]),
        .testTarget(name: "DNP3Tests", dependencies: ["DNP3", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"]),
        .testTarget(name: "IEC104Tests", dependencies: ["IEC104", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"]),
        .testTarget(name: "MQTTTests", dependencies: ["MQTT", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"]),
        .testTarget(name: "BACnetTests", dependencies: ["BACnet", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"]),
        .testTarget(name: "OPCUATests", dependencies: ["OPCUA", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"]),
        .testTarget(name: "ProfinetTests", dependencies: ["Profinet", "EventModel", "BinaryParsing", "Monitor", "PacketCapture", "PacketLayers"]),
    ],
    swiftLanguageModes: [.v6]
)
