import BinaryParsing
import EventModel
import Modbus
import Testing

@Suite struct ModbusFunctionCodeTests {
    @Test func exceptionBitIsDroppedFromTheReportedFunction() {
        let code = ModbusFunctionCode(rawValue: 0x83)
        #expect(code.isException)
        #expect(code.function == .readHoldingRegisters)
        #expect(code.name.description == "Read Holding Registers")
    }

    @Test(arguments: [
        (UInt8(1), EventModel.Operation.read), (2, .read), (3, .read), (4, .read), (20, .read), (24, .read),
        (5, .write), (6, .write), (15, .write), (16, .write), (21, .write), (22, .write), (23, .write),
        (7, .diagnostic), (8, .diagnostic), (11, .diagnostic), (12, .diagnostic), (17, .diagnostic),
        (43, .other), (90, .other), (99, .other),
    ])
    func operationOfEachFunction(raw: UInt8, operation: EventModel.Operation) {
        #expect(ModbusFunctionCode(rawValue: raw).operation == operation)
    }

    @Test func assignmentFollowsSection5() {
        #expect(ModbusFunctionCode(rawValue: 3).assignment == .publicAssigned)
        #expect(ModbusFunctionCode(rawValue: 66).assignment == .userDefined)
        #expect(ModbusFunctionCode(rawValue: 104).assignment == .userDefined)
        #expect(ModbusFunctionCode(rawValue: 90).assignment == .reserved)
    }

    @Test func diagnosticsRestartAndListenOnlyAreControl() {
        #expect(ModbusDiagnosticsSubFunction(rawValue: 1).operation == .control)
        #expect(ModbusDiagnosticsSubFunction(rawValue: 4).operation == .control)
        #expect(ModbusDiagnosticsSubFunction(rawValue: 0).operation == .diagnostic)
        #expect(ModbusDiagnosticsSubFunction(rawValue: 1).name.description == "Restart Communications Option")
    }

    @Test func umasOperations() {
        let expected: [(UInt8, EventModel.Operation, String)] = [
            (0x01, .session, "INIT_COMM"), (0x02, .discovery, "READ_ID"), (0x04, .discovery, "READ_PLC_INFO"),
            (0x10, .session, "TAKE_PLC_RESERVATION"), (0x11, .session, "RELEASE_PLC_RESERVATION"),
            (0x20, .read, "READ_MEMORY_BLOCK"), (0x23, .write, "WRITE_VARIABLES"),
            (0x25, .write, "WRITE_COILS_REGISTERS"),
            (0x30, .program, "INITIALIZE_UPLOAD"), (0x34, .program, "DOWNLOAD_BLOCK"),
            (0x40, .control, "START_PLC"), (0x41, .control, "STOP_PLC"), (0x71, .write, "WRITE_IO_OBJECT"),
        ]
        for (raw, operation, name) in expected {
            let code = UmasFunctionCode(rawValue: raw)
            #expect(code.operation == operation, "\(name)")
            #expect(code.name.description == name)
        }
    }

    @Test func exceptionCodeNames() {
        #expect(ModbusExceptionCode(rawValue: 4).name.description == "Server Device Failure")
        #expect(ModbusExceptionCode(rawValue: 0x0B).name.description == "Gateway Target Device Failed to Respond")
        #expect(ModbusExceptionCode(rawValue: 7).name.description == "")
    }

    @Test func probeMatchesOneOrSeveralADUs() {
        let request: [UInt8] = [0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03]
        ByteView.with(request) { #expect(ModbusProbe.probe($0, true) == .match) }
        ByteView.with(request + request) { #expect(ModbusProbe.probe($0, true) == .match) }
        ByteView.with(Array(request.prefix(7))) { #expect(ModbusProbe.probe($0, true) == .needMoreBytes) }
        ByteView.with(Array("GET / HTTP/1.1\r\n".utf8)) { #expect(ModbusProbe.probe($0, true) == .noMatch) }
    }
}
