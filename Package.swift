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
        .target(name: "Modbus", dependencies: ["BinaryParsing", "EventModel"], path: "Sources/IndustrialProtocols/Modbus"),
        .target(name: "S7Comm", dependencies: ["BinaryParsing", "EventModel"], path: "Sources/IndustrialProtocols/S7Comm"),
        .target(
            name: "Monitor",
            dependencies: [
                "BinaryParsing", "PacketCapture", "PacketLayers", "FlowTracking", "EventModel", "Modbus", "S7Comm",
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
        .testTarget(name: "ModbusTests", dependencies: ["Modbus", "EventModel", "BinaryParsing"]),
        .testTarget(name: "S7CommTests", dependencies: ["S7Comm", "EventModel", "BinaryParsing"]),
    ],
    swiftLanguageModes: [.v6]
)
