import DNP3
import Detection
import EtherNetIP
import Foundation
import Modbus
import PacketCrafting
import Testing

/// Program and firmware transfer: S7, UMAS, CIP File/NVS, Logix, DNP3 files (frame numbers
/// checked with tshark).
@Suite struct ProgramTransferRuleTests {
    @Test func s7DownloadIsCountedFromTheProgrammingDeviceIncludingItsAnswersToTheCPU() throws {
        let alerts = detect([corpusCapture("s7comm/s7comm_downloading_block_db1.pcap")])
        let downloads = alerts.fired("s7-program-download")
        #expect(downloads.count == 1)
        let download = try #require(downloads.first)
        #expect(download.severity == .high)
        #expect(download.techniques == ["T0843", "T0889"])
        // tshark: 43 Request download (job 0x1a), 48/51/54 the PG's Ack_Data to the CPU's Download
        // block jobs, 57 its Ack_Data to Download ended, 58 PI _INSE. Evidence keeps the first
        // three and the first of each further stage (54 is a third Download block answer).
        #expect(download.frames == [43, 48, 51, 57, 58])
        #expect(download.count == 6)
        #expect(
            download.summary
                == "192.168.1.10 downloaded program blocks to S7 PLC 192.168.1.40, starting with Request download (DB 1)"
        )
        #expect(alerts.fired("s7-program-upload").isEmpty)
        #expect(alerts.fired("s7-block-delete").isEmpty)
    }

    @Test func s7AttackUploadsDownloadsAndDeletes() throws {
        let alerts = detect([peerCapture("s7-attack")])
        let upload = try #require(alerts.fired("s7-program-upload").first)
        #expect(upload.frames == [117, 120, 122])  // the first of each stage; the second upload is counted
        #expect(upload.count == 6)
        #expect(upload.techniques == ["T0845"])
        #expect(upload.summary == "10.77.9.66 uploaded program blocks from S7 PLC 10.77.2.20 (DB 1)")
        let download = try #require(alerts.fired("s7-program-download").first)
        #expect(download.frames == [130])  // Request download of DB 3, which the server rejects
        let delete = try #require(alerts.fired("s7-block-delete").first)
        #expect(delete.frames == [132])
        #expect(delete.severity == .high)
        #expect(delete.techniques == ["T0809", "T0889"])
        let normal = detect([peerCapture("s7-normal")])
        for rule in ["s7-program-upload", "s7-program-download", "s7-block-delete"] {
            #expect(normal.fired(rule).isEmpty, "\(rule)")
        }
    }

    @Test func snap7UploadsAndMemoryServicesAreSeen() throws {
        let alerts = detect([corpusCapture("s7comm/snap7.pcap")])
        let upload = try #require(alerts.fired("s7-program-upload").first)
        #expect(upload.count == 13)  // tshark: 13 job requests 0x1d-0x1f
        #expect(upload.frames.prefix(3) == [17, 19, 21])
        // _MODU and _GARB without a download: medium.
        let memory = try #require(alerts.fired("s7-program-download").first)
        #expect(memory.severity == .medium)
        #expect(memory.count == 2)
        #expect(alerts.fired("s7-block-delete").isEmpty)
    }

    @Test func umasProgramUploadFromUnityPro() throws {
        let alerts = detect([corpusCapture("modbus/modicon_test.pcap")])
        let upload = try #require(alerts.fired("umas-program-upload").first)
        // tshark modbus.data: 0x33 in frame 76, 53 × 0x34 from frame 78, one 0x35.
        #expect(upload.count == 55)
        #expect(upload.frames == [76, 78, 80, 186])  // 0x33, two 0x34, then the 0x35 (tshark modbus.data)
        #expect(upload.summary.hasPrefix("192.168.63.100 read the program out of Modicon PLC 192.168.63.253 over UMAS"))
        #expect(alerts.fired("umas-program-download").isEmpty)
    }

    @Test func umasProgramDownloadFires() throws {
        var capture = CraftedCapture()
        let workstation = CraftedCapture.host(10)
        let plc = CraftedCapture.host(20)
        var messages: [(side: TCPConversation.Side, payload: [UInt8])] = []
        for (index, code) in [0x30, 0x31, 0x31, 0x32].enumerated() {
            let transaction = UInt16(index + 1)
            messages.append(
                (
                    .client,
                    ModbusEncoder.adu(
                        transactionID: transaction, unitID: 0, pdu: [0x5A, 0x01, UInt8(code), 0x00, 0x01])
                ))
            messages.append(
                (.server, ModbusEncoder.adu(transactionID: transaction, unitID: 0, pdu: [0x5A, 0x01, 0xFE])))
        }
        capture.tcp(from: workstation, to: plc, port: 502, messages)
        let alerts = detect([try capture.write("umas-download")])
        let download = try #require(alerts.fired("umas-program-download").first)
        #expect(download.count == 4)
        #expect(download.severity == .high)
        #expect(download.techniques == ["T0843"])
        #expect(alerts.fired("umas-program-upload").isEmpty)
    }

    @Test func cipFirmwareChangeIsCritical() throws {
        let alerts = detect([corpusCapture("enip/EIP-FirmwareChange.pcap")])
        let firmware = try #require(alerts.fired("cip-firmware-update").first)
        #expect(alerts.fired("cip-firmware-update").count == 1)
        #expect(firmware.severity == .critical)
        #expect(firmware.techniques == ["T0839", "T0857"])
        #expect(firmware.count == 5245)  // tshark: cip.rr == 0 && cip.class == 0xa1
        #expect(firmware.frames.prefix(3) == [26, 29, 31])
        #expect(firmware.summary.hasPrefix("192.168.10.105 wrote firmware to 192.168.10.120"))
        #expect(detect([peerCapture("enip-normal")]).fired("cip-firmware-update").isEmpty)
    }

    @Test func cipFileObjectDownloadAndUploadButNotTheEDS() throws {
        var capture = CraftedCapture()
        let workstation = CraftedCapture.host(10)
        let device = CraftedCapture.host(30)
        let file = EtherNetIPEncoder.logicalPath(classID: 0x37, instance: 0x01)
        let eds = EtherNetIPEncoder.logicalPath(classID: 0x37, instance: 0xC8)
        var messages: [(side: TCPConversation.Side, payload: [UInt8])] = [
            (.client, EtherNetIPEncoder.registerSession(session: 0))
        ]
        for (service, path) in [(0x4B, eds), (0x4F, eds), (0x4B, file), (0x4C, file), (0x50, file)] {
            let request = EtherNetIPEncoder.request(service: UInt8(service), path: path, data: [0, 0, 0, 0])
            messages.append((.client, EtherNetIPEncoder.sendRRData(session: 1, cip: request)))
            messages.append(
                (
                    .server,
                    EtherNetIPEncoder.sendRRData(session: 1, cip: EtherNetIPEncoder.reply(service: UInt8(service)))
                ))
        }
        capture.tcp(from: workstation, to: device, port: 44818, messages)
        let alerts = detect([try capture.write("cip-file")])
        let download = try #require(alerts.fired("cip-file-download").first)
        #expect(download.count == 2)
        #expect(download.severity == .high)
        let upload = try #require(alerts.fired("cip-file-upload").first)
        #expect(upload.count == 1)  // the EDS reads (instance 0xC8) do not count
        #expect(upload.severity == .medium)
        #expect(upload.summary.contains("class 0x37 instance 1"))
        #expect(detect([peerCapture("enip-attack")]).fired("cip-file-download").isEmpty)
    }

    @Test func logixDownloadSignsInTheControlProtocolChangeCapture() throws {
        let alerts = detect([corpusCapture("enip/EIP-ControlProtocolChangeAttempt.pcap")])
        let download = try #require(alerts.fired("logix-program-download").first)
        #expect(alerts.fired("logix-program-download").count == 1)
        #expect(download.severity == .high)
        #expect(download.count == LogixExpectations.downloadRequests)
        // 414: service 0x51 on the Program object; 1321: the first Create (class 0x6a, inside a
        // Multiple Service Packet); then the first 0x50 on 0x6a.
        #expect(download.frames == LogixExpectations.downloadEvidence)
        // The same download stops and restarts the controller (class 0x8E).
        #expect(!alerts.fired("cip-device-state-change").isEmpty)
        #expect(detect([corpusCapture("enip/EIP-SoftwareUpload.pcap")]).fired("logix-program-download").isEmpty)
    }

    @Test func logixUploadSignsInTheSoftwareUploadCapture() throws {
        let alerts = detect([corpusCapture("enip/EIP-SoftwareUpload.pcap")])
        let upload = try #require(alerts.fired("logix-program-upload").first)
        #expect(upload.severity == .high)
        #expect(upload.count == LogixExpectations.uploadRequests)
        #expect(upload.frames.first == 441)  // tshark: first 0x4f request, class 0x6a
        #expect(upload.summary.hasPrefix("192.168.10.105 read program content out of Logix controller 192.168.10.120"))
        #expect(detect([peerCapture("enip-attack")]).fired("logix-program-upload").isEmpty)
    }

    @Test func dnp3FileDeleteNamesTheFile() throws {
        let alerts = detect([corpusCapture("dnp3/dnp3_file_del.pcap")])
        let delete = try #require(alerts.fired("dnp3-file-delete").first)
        #expect(delete.severity == .high)
        #expect(delete.techniques == ["T0809", "T0872"])
        #expect(delete.summary.contains("C:/temp/DNPDeviceConfiguration written to Remote Device.xml"))
        #expect(delete.frames == LogixExpectations.dnp3DeleteFrames)
        // Reading a file (Open in read mode, Read g70v5, Close) fires neither rule.
        let read = detect([corpusCapture("dnp3/dnp3_file_read.pcap")])
        #expect(read.fired("dnp3-file-delete").isEmpty)
        #expect(read.fired("dnp3-file-write").isEmpty)
    }

    @Test func bacnetAtomicWriteFileFires() throws {
        let alerts = detect([corpusCapture("bacnet/bacnet_services.pcap")]).fired("bacnet-file-write")
        let write = try #require(alerts.first)
        #expect(alerts.count == 1)
        #expect(write.count == 63)  // tshark: bacapp.confirmed_service == 7 && bacapp.type == 0
        #expect(write.frames == [137, 139, 141])
        #expect(
            write.summary == "192.168.0.50 wrote a file into BACnet device 192.168.0.24 (object type 10 instance 0)")
        #expect(detect([peerCapture("bacnet-attack")]).fired("bacnet-file-write").isEmpty)
    }

    @Test func dnp3OpenFileForWritingFires() throws {
        var capture = CraftedCapture()
        let master = CraftedCapture.host(1)
        let outstation = CraftedCapture.host(60)
        let name = Array("settings.cfg".utf8)
        var command: [UInt8] = [26, 0, UInt8(name.count), 0]  // name offset and size
        command += [UInt8](repeating: 0, count: 6)  // creation time
        command += [0xFF, 0x01]  // permissions
        command += [0, 0, 0, 0]  // authentication key
        command += [0x00, 0x10, 0, 0]  // file size
        command += [2, 0]  // operational mode: write
        command += [0x00, 0x04]  // maximum block size
        command += [7, 0]  // request id
        command += name
        let object: [UInt8] = [70, 3, 0x5B, 1, UInt8(command.count), 0] + command
        let fragment = DNP3Encoder.request(sequence: 1, function: 25, objects: object)
        let frame = DNP3Encoder.frame(
            control: DNP3Encoder.masterControl, destination: 10, source: 1, transportSequence: 0, fragment: fragment)
        capture.tcp(from: master, to: outstation, port: 20000, [(.client, frame)])
        let alerts = detect([try capture.write("dnp3-open-write")])
        let write = try #require(alerts.fired("dnp3-file-write").first)
        #expect(write.severity == .high)
        #expect(write.summary.contains("settings.cfg"))
        #expect(write.summary.contains("Open File"))
    }
}

/// Values read off the captures with tshark and the decoder (see the tests that use them).
enum LogixExpectations {
    /// tshark -d tcp.port==1102,enip: Create (0x08), 0x50, 0x51 requests on classes 0x68/0x69/0x6a/0x6d/0x70
    /// (14 and 12 Creates in the Multiple Service Packets of frames 1321 and 1323, 21 × 0x50, …).
    static let downloadRequests: UInt64 = 63
    static let downloadEvidence: [UInt64] = [414, 1321, 1321, 1325]
    static let uploadRequests: UInt64 = 19  // tshark: cip.rr == 0 && cip.sc == 0x4f, classes 0x68 (9) and 0x6a (10)
    static let dnp3DeleteFrames: [UInt64] = [4]  // tshark: dnp3.al.func == 27
}
