import Foundation
import Monitor
import Testing

/// The attack scenarios of `../shared/peers` (see its README): every dangerous operation the rogue
/// host (10.77.9.66) performs shows up with the right `operation`, and the `-normal` scenarios show
/// none at all.
@Suite struct PeerScenarioTests {
    static let peers = TsharkAgreementTests.corpus.appendingPathComponent("peers")
    static let rogue = "10.77.9.66"
    static let dangerous: Set<String> = ["write", "control", "program", "firmware"]

    struct Expectation: Sendable, CustomStringConvertible {
        let protocolName: String
        let function: Int64
        let subfunction: Int64?
        let operation: String
        var description: String { "\(protocolName) \(function)\(subfunction.map { "/\($0)" } ?? "") → \(operation)" }
    }

    static func rogueEvents(_ scenario: String) -> [EventRecord] {
        let path = peers.appendingPathComponent("\(scenario).pcap").path
        return CaptureAnalyzer(workers: 1).collectEvents([path]).events.filter { $0.source == rogue }
    }

    static let attacks: [(String, [Expectation])] = [
        (
            "modbus-attack",
            [
                .init(protocolName: "modbus", function: 6, subfunction: nil, operation: "write"),
                .init(protocolName: "modbus", function: 16, subfunction: nil, operation: "write"),
                .init(protocolName: "modbus", function: 5, subfunction: nil, operation: "write"),
                .init(protocolName: "modbus", function: 15, subfunction: nil, operation: "write"),
                .init(protocolName: "modbus", function: 23, subfunction: nil, operation: "write"),
                .init(protocolName: "modbus", function: 8, subfunction: 1, operation: "control"),
                .init(protocolName: "modbus", function: 8, subfunction: 4, operation: "control"),
                .init(protocolName: "modbus", function: 43, subfunction: 14, operation: "discovery"),
            ]
        ),
        (
            "s7-attack",
            [
                .init(protocolName: "s7comm", function: 0x05, subfunction: nil, operation: "write"),
                .init(protocolName: "s7comm", function: 0x1D, subfunction: nil, operation: "program"),
                .init(protocolName: "s7comm", function: 0x1E, subfunction: nil, operation: "program"),
                .init(protocolName: "s7comm", function: 0x1F, subfunction: nil, operation: "program"),
                .init(protocolName: "s7comm", function: 0x1A, subfunction: nil, operation: "program"),
                .init(protocolName: "s7comm", function: 0x28, subfunction: nil, operation: "program"),
                .init(protocolName: "s7comm", function: 0x28, subfunction: nil, operation: "control"),
                .init(protocolName: "s7comm", function: 0x29, subfunction: nil, operation: "control"),
            ]
        ),
        (
            "opcua-attack",
            [
                .init(protocolName: "opcua", function: 673, subfunction: nil, operation: "write"),
                .init(protocolName: "opcua", function: 712, subfunction: nil, operation: "control"),
            ]
        ),
        (
            "iec104-attack",
            [
                .init(protocolName: "iec104", function: 103, subfunction: nil, operation: "write"),
                .init(protocolName: "iec104", function: 45, subfunction: nil, operation: "write"),
                .init(protocolName: "iec104", function: 46, subfunction: nil, operation: "write"),
                .init(protocolName: "iec104", function: 50, subfunction: nil, operation: "write"),
            ]
        ),
        (
            "bacnet-attack",
            [
                .init(protocolName: "bacnet", function: 15, subfunction: nil, operation: "write"),
                .init(protocolName: "bacnet", function: 17, subfunction: nil, operation: "control"),
                .init(protocolName: "bacnet", function: 20, subfunction: nil, operation: "control"),
            ]
        ),
        (
            "dnp3-attack",
            [.init(protocolName: "dnp3", function: 5, subfunction: nil, operation: "write")]
        ),
    ]

    @Test(arguments: attacks.map(\.0))
    func attackShowsEveryDangerousOperation(scenario: String) {
        let expectations = Self.attacks.first { $0.0 == scenario }!.1
        let events = Self.rogueEvents(scenario).filter { $0.direction == "request" }
        for expectation in expectations {
            let found = events.contains {
                $0.protocolName == expectation.protocolName && $0.function == expectation.function
                    && (expectation.subfunction == nil || $0.subfunction == expectation.subfunction)
                    && $0.operation == expectation.operation
            }
            #expect(found, "\(scenario): no rogue request \(expectation)")
        }
    }

    @Test(arguments: [
        "modbus-normal", "s7-normal", "enip-normal", "opcua-normal", "iec104-normal", "bacnet-normal", "mqtt-normal",
        "dnp3-normal",
    ])
    func normalScenarioHasNoDangerousOperation(scenario: String) {
        let path = Self.peers.appendingPathComponent("\(scenario).pcap").path
        let (events, _) = CaptureAnalyzer(workers: 1).collectEvents([path])
        #expect(!events.isEmpty, "\(scenario): no events decoded")
        let dangerous = events.filter { Self.dangerous.contains($0.operation) }
        #expect(dangerous.isEmpty, "\(scenario): \(dangerous.prefix(3).map(\.jsonLine))")
    }
}
