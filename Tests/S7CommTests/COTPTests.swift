import BinaryParsing
import EventModel
import Testing

@testable import S7Comm

@Suite struct COTPTests {
    /// COTP CR from a PG to CPU rack 0 slot 2 (s7-attack.pcap frame 6).
    static let connectionRequest: [UInt8] = [
        0x03, 0x00, 0x00, 0x16,  // TPKT: version 3, reserved, length 22
        0x11,  // COTP length indicator 17
        0xE0,  // CR, credit 0
        0x00, 0x00,  // destination reference
        0x00, 0x01,  // source reference
        0x00,  // class 0, no options
        0xC1, 0x02, 0x01, 0x00,  // calling TSAP: PG, rack 0 slot 0
        0xC2, 0x02, 0x01, 0x02,  // called TSAP: PG, rack 0 slot 2
        0xC0, 0x01, 0x0A,  // TPDU size 1024
    ]

    @Test func connectionRequestNamesRackAndSlot() {
        let harness = S7Harness()
        harness.send(Self.connectionRequest, fromClient: true)
        #expect(harness.events.count == 1)
        let event = harness.events[0]
        #expect(event.protocolID == .cotp)
        #expect(event.function == 0xE0)
        #expect(event.functionName.description == "Connection Request")
        #expect(event.operation == .session)
        #expect(event.direction == .request)
        #expect(event.target.kind == .text)
        #expect(harness.text(event.target.text) == "rack 0 slot 2")
    }

    @Test func connectionConfirmWithRackOneSlotThree() {
        let confirm: [UInt8] = [
            0x03, 0x00, 0x00, 0x16,  // TPKT, length 22
            0x11, 0xD0,  // LI 17, CC
            0x00, 0x01, 0x00, 0x01, 0x00,  // references, class 0
            0xC0, 0x01, 0x0A,  // TPDU size
            0xC1, 0x02, 0x01, 0x00,  // calling TSAP
            0xC2, 0x02, 0x03, 0x23,  // called TSAP: S7 basic, rack 1 (0x23 >> 5), slot 3
        ]
        let harness = S7Harness()
        harness.send(confirm, fromClient: false)
        #expect(harness.events.count == 1)
        #expect(harness.events[0].function == 0xD0)
        #expect(harness.events[0].direction == .response)
        #expect(harness.text(harness.events[0].target.text) == "rack 1 slot 3")
    }

    @Test func asciiTSAPIsTheTarget() {
        let tsap = Array("SIMATIC-ROOT-HMI".utf8)
        let parameters: [UInt8] = [0xC1, 0x02, 0x06, 0x00, 0xC2, UInt8(tsap.count)] + tsap
        let cotp: [UInt8] = [UInt8(6 + parameters.count), 0xE0, 0x00, 0x00, 0x00, 0x01, 0x00] + parameters
        let packet: [UInt8] = [0x03, 0x00] + be16(4 + cotp.count) + cotp
        let harness = S7Harness()
        harness.send(packet, fromClient: true)
        #expect(harness.text(harness.events.first?.target.text ?? .none) == "SIMATIC-ROOT-HMI")
    }

    @Test func disconnectRequestAndConfirm() {
        let harness = S7Harness()
        harness.send([0x03, 0x00, 0x00, 0x0C, 0x06, 0x80, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00], fromClient: true)
        harness.send([0x03, 0x00, 0x00, 0x0A, 0x05, 0xC0, 0x00, 0x01, 0x00, 0x01], fromClient: false)
        #expect(harness.events.map(\.function) == [0x80, 0xC0])
        #expect(harness.events.allSatisfy { $0.protocolID == .cotp && $0.operation == .session })
    }

    @Test func probeMatchesTPKTAndRejectsOthers() {
        ByteView.with(Self.connectionRequest) { #expect(describe(S7CommProtocol.probe($0, true)) == "match") }
        ByteView.with([0x03, 0x00, 0x00]) { #expect(describe(S7CommProtocol.probe($0, true)) == "needMoreBytes") }
        ByteView.with(Array("GET / HTTP/1.1\r\n".utf8)) {
            #expect(describe(S7CommProtocol.probe($0, true)) == "noMatch")
        }
        ByteView.with([0x03, 0x00, 0x00, 0x16, 0x11, 0x30, 0x00]) {
            #expect(describe(S7CommProtocol.probe($0, true)) == "noMatch")
        }
        #expect(S7CommProtocol.registration.protocolID == .s7comm)
        #expect(S7CommProtocol.registration.tcpPorts == [102])
        #expect(S7CommProtocol.registration.probeOnAnyPort == false)
        #expect(S7CommProtocol.registration.makeStreamDecoder != nil)
    }
}

private func describe(_ result: ProbeResult) -> String {
    switch result {
    case .match: "match"
    case .noMatch: "noMatch"
    case .needMoreBytes: "needMoreBytes"
    }
}
