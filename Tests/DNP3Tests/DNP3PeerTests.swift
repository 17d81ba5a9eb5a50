import DNP3
import EventModel
import Foundation
import Monitor
import Testing

/// Ground truth of the peer scenarios (shared/peers/README.md): rtu2 10.77.2.60 is the outstation
/// (link address 10), the HMI 10.77.1.20 polls it, the rogue 10.77.9.66 sends the dangerous commands.
@Suite(.serialized) struct DNP3PeerTests {
    static let dangerous: Set<String> = ["write", "control", "program", "firmware"]

    static func events(_ name: String) throws -> [EventRecord] {
        let path = DNP3Corpus.peersFolder.appending(path: name + ".pcap").path
        try #require(FileManager.default.fileExists(atPath: path), "peer capture not found")
        return DNP3Corpus.events(path).filter { $0.protocolName == "dnp3" }
    }

    @Test func normalScenarioHasNoDangerousOperation() throws {
        let events = try Self.events("dnp3-normal")
        #expect(!events.isEmpty)
        for event in events where Self.dangerous.contains(event.operation) {
            Issue.record("dangerous operation in normal traffic: \(event.jsonLine)")
        }
        // Every request goes from the HMI to rtu2:20000; responses come back.
        for event in events {
            if event.direction == "request" && event.function != 0 {
                #expect(
                    event.source == "10.77.1.20" && event.destination == "10.77.2.60" && event.destinationPort == 20000)
            }
            if event.direction == "response" || event.direction == "unsolicited" {
                #expect(event.source == "10.77.2.60")
            }
        }
        let functions = Set(events.compactMap(\.function))
        #expect(functions.isSuperset(of: [1, 20, 129, 130]))
    }

    @Test func attackScenarioCarriesTheRogueCommands() throws {
        let events = try Self.events("dnp3-attack")
        let rogue = events.filter { $0.source == "10.77.9.66" }
        for event in events where Self.dangerous.contains(event.operation) {
            print("dnp3-attack dangerous: \(event.jsonLine)")
        }
        let directOperates = rogue.filter { $0.function == 5 }
        // DIRECT OPERATE g12v1 CROB LATCH_ON index 0.
        let crob = directOperates.first { $0.targetNumbers[0] == 12 && $0.targetNumbers[1] == 1 }
        #expect(crob?.operation == "write")
        #expect(crob?.direction == "request")
        #expect(crob?.targetNumbers[2] == 0 && crob?.targetNumbers[3] == 0)
        // DIRECT OPERATE g41v4 analog output (double) 9999.0.
        let analog = directOperates.first { $0.targetNumbers[0] == 41 && $0.targetNumbers[1] == 4 }
        #expect(analog?.operation == "write")
        #expect(analog?.direction == "request")
        // The outstation's answers pair with the commands.
        let answers = events.filter {
            $0.destination == "10.77.9.66" && $0.function == 129 && $0.targetNumbers[0] == 12
        }
        #expect(answers.contains { $0.operation == "write" })
        // The rogue's cold restart (refused by the outstation: IIN2 function code not supported).
        let restart = rogue.first { $0.function == 13 }
        #expect(restart?.operation == "control")
        let refusal = events.first { $0.destination == "10.77.9.66" && $0.operation == "control" && $0.function == 129 }
        #expect(refusal?.resultStatus == .error)
        // Nothing dangerous comes from the HMI.
        for event in events where event.source == "10.77.1.20" && Self.dangerous.contains(event.operation) {
            Issue.record("dangerous operation from the HMI: \(event.jsonLine)")
        }
    }
}
