import DNP3
import EtherNetIP
import Foundation
import IEC104
import Modbus
import PacketCrafting
import PacketLayers
import S7Comm
import Testing

/// Encoders and frame builders against bytes worked out by hand from the specifications.
@Suite struct EncoderBytesTests {
    /// Modbus Messaging on TCP/IP §3.1.3: MBAP header + PDU.
    @Test func modbusReadHoldingRegisters() {
        let pdu = ModbusEncoder.readRequestPDU(function: .readHoldingRegisters, start: 0x006B, count: 3)
        #expect(
            ModbusEncoder.adu(transactionID: 0x0102, unitID: 0x11, pdu: pdu) == [
                0x01, 0x02,  // transaction id
                0x00, 0x00,  // protocol id
                0x00, 0x06,  // length: unit id + 5 PDU bytes
                0x11,  // unit id
                0x03, 0x00, 0x6B, 0x00, 0x03,  // FC 3, start 107, quantity 3
            ])
        #expect(
            ModbusEncoder.readBitsResponsePDU(
                function: .readCoils, bits: [true, false, true, true, false, false, false, false, true]) == [
                    0x01, 0x02, 0x0D, 0x01,
                ])
    }

    /// IEEE 1815 link header of a reset-link request (the standard's example): CRC 0x21E9, low octet first.
    @Test func dnp3HeaderCRC() {
        #expect(DNP3Encoder.crc([0x05, 0x64, 0x05, 0xC0, 0x01, 0x00, 0x00, 0x04]) == 0x21E9)
        // A READ class 0 request: header, CRC, then the user data (transport + application) and its CRC.
        let frame = DNP3Encoder.frame(
            control: DNP3Encoder.masterControl, destination: 10, source: 3, transportSequence: 0,
            fragment: DNP3Encoder.readClass(sequence: 0, classNumber: 0))
        #expect(Array(frame.prefix(8)) == [0x05, 0x64, 0x0B, 0xC4, 0x0A, 0x00, 0x03, 0x00])
        #expect(Array(frame[10..<16]) == [0xC0, 0xC0, 0x01, 0x3C, 0x01, 0x06])
        #expect(frame.count == 10 + 6 + 2)
    }

    /// IEC 60870-5-104 §5: STARTDT act, and an I-frame with N(S) = 2, N(R) = 1 (shifted left by one).
    @Test func iec104Frames() {
        #expect(IEC104Encoder.unnumbered(.startDataTransferActivation) == [0x68, 0x04, 0x07, 0x00, 0x00, 0x00])
        let asdu = IEC104Encoder.interrogation(cause: .activation, commonAddress: 47)
        #expect(asdu == [100, 0x01, 0x06, 0x00, 47, 0x00, 0x00, 0x00, 0x00, 20])
        #expect(
            Array(IEC104Encoder.information(send: 2, receive: 1, asdu: asdu).prefix(6)) == [
                0x68, 14, 0x04, 0x00, 0x02, 0x00,
            ])
    }

    /// S7 Read Var job: TPKT, COTP DT, header (param 14, data 0), one S7ANY item for DB10.DBB2[4].
    @Test func s7ReadVariable() {
        let bytes = S7CommEncoder.readVariableRequest(
            reference: 0x0100, items: [.init(dbNumber: 10, byteAddress: 2, length: 4)])
        #expect(
            bytes == [
                0x03, 0x00, 0x00, 0x1F,  // TPKT, length 31
                0x02, 0xF0, 0x80,  // COTP DT, last data unit
                0x32, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x0E, 0x00, 0x00,  // job, ref 0x100, param 14, data 0
                0x04, 0x01,  // Read Var, 1 item
                0x12, 0x0A, 0x10, 0x02, 0x00, 0x04, 0x00, 0x0A, 0x84, 0x00, 0x00, 0x10,  // BYTE×4, DB 10, byte 2
            ])
    }

    /// EtherNet/IP RegisterSession: 24-byte header, protocol version 1, options 0.
    @Test func enipRegisterSession() {
        let bytes = EtherNetIPEncoder.registerSession(session: 0, context: 0)
        #expect(bytes.count == 28)
        #expect(Array(bytes.prefix(4)) == [0x65, 0x00, 0x04, 0x00])
        #expect(Array(bytes.suffix(4)) == [0x01, 0x00, 0x00, 0x00])
        #expect(EtherNetIPEncoder.symbolicPath("Tag") == [0x91, 0x03, 0x54, 0x61, 0x67, 0x00])
    }

    /// RFC 1071 §3 example words: 0x0001 0xF203 0xF4F5 0xF6F7 sum to 0xDDF2; the checksum is its complement.
    @Test func internetChecksum() {
        var checksum = InternetChecksum()
        checksum.add([0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7])
        #expect(checksum.value == ~UInt16(0xDDF2))
    }

    /// Sequence numbers advance by SYN, payload and FIN; payloads split at the MSS.
    @Test func tcpConversation() {
        let client = NetworkEndpoint(mac: MACAddress(rawValue: 1), ip: IPAddress("10.0.0.1")!)
        let server = NetworkEndpoint(mac: MACAddress(rawValue: 2), ip: IPAddress("10.0.0.2")!)
        var conversation = TCPConversation(
            client: client, server: server, clientPort: 50_000, serverPort: 502, clientInitialSequence: 1_000,
            serverInitialSequence: 5_000, clientIdentification: 1, serverIdentification: 1)
        conversation.maximumSegmentSize = 100
        let handshake = conversation.open(at: 0, roundTrip: 500)
        #expect(handshake.map(\.time) == [0, 500, 540])
        let data = conversation.send([UInt8](repeating: 7, count: 250), from: .client, at: 1_000)
        #expect(data.count == 3)
        // Ethernet 14 + IPv4 20: the TCP header starts at 34; sequence at +4, flags at +13.
        func sequence(_ frame: TimedFrame) -> UInt32 {
            frame.bytes[38..<42].reduce(0) { $0 << 8 | UInt32($1) }
        }
        #expect(data.map(sequence) == [1_001, 1_101, 1_201])
        #expect(data.map { $0.bytes[47] } == [0x10, 0x10, 0x18])  // ACK, ACK, PSH+ACK
        let close = conversation.close(from: .client, at: 2_000, roundTrip: 300)
        #expect(sequence(close[0]) == 1_251)
        #expect(sequence(close[1]) == 5_001)
    }

    /// The pcap global header: magic, version 2.4, snap length 65535, LINKTYPE_ETHERNET.
    @Test func pcapHeader() throws {
        let path = SimulatedCapture.path("header.pcap")
        let writer = try PcapWriter(path: path)
        try writer.write(TimedFrame(time: 1_500_000, bytes: [UInt8](repeating: 0, count: 60)))
        try writer.close()
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(
            Array(bytes.prefix(24)) == [
                0xD4, 0xC3, 0xB2, 0xA1, 0x02, 0x00, 0x04, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0x00, 0x00, 0x01,
                0x00,
                0x00, 0x00,
            ])
        #expect(Array(bytes[24..<32]) == [0x01, 0, 0, 0, 0x20, 0xA1, 0x07, 0x00])  // 1 s, 500000 µs
        #expect(bytes.count == 24 + 16 + 60)
    }
}
