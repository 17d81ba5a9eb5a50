import BinaryParsing
import EventModel

/// The name and operation of one PDU: its function code's, refined by the sub-code that functions
/// 8 (sub-function, §6.8.1), 43 (MEI type, §6.19) and 90 (UMAS function) carry right after it.
public struct ModbusFunctionMeaning: Sendable {
    public var name: StaticString
    public var operation: Operation
    /// The second-level code that decided the meaning: diagnostics sub-function (FC 8), MEI type
    /// (FC 43) or UMAS function (FC 90); -1 when the function has none.
    public var subfunction: Int64

    public init(name: StaticString, operation: Operation, subfunction: Int64 = -1) {
        self.name = name
        self.operation = operation
        self.subfunction = subfunction
    }

    /// `data` is the PDU after the function code. Exception responses carry no sub-code, and a UMAS
    /// response carries a status where its request had the UMAS function: responses take their
    /// meaning from the paired request when there is one.
    public static func of(_ function: ModbusFunctionCode, data: ByteView, isRequest: Bool) -> ModbusFunctionMeaning {
        guard !function.isException else {
            return ModbusFunctionMeaning(name: function.name, operation: function.operation)
        }
        switch function {
        case .diagnostics:
            if let value = data.getUInt16(at: 0) {
                let subFunction = ModbusDiagnosticsSubFunction(rawValue: value)
                return ModbusFunctionMeaning(
                    name: subFunction.name, operation: subFunction.operation, subfunction: Int64(value))
            }
        case .encapsulatedInterfaceTransport:
            if let value = data.getUInt8(at: 0) {
                let type = ModbusEncapsulatedInterfaceType(rawValue: value)
                return ModbusFunctionMeaning(name: type.name, operation: type.operation, subfunction: Int64(value))
            }
        case .umas where isRequest:
            if let value = data.getUInt8(at: 1) {
                let code = UmasFunctionCode(rawValue: value)
                return ModbusFunctionMeaning(name: code.name, operation: code.operation, subfunction: Int64(value))
            }
        default:
            break
        }
        return ModbusFunctionMeaning(name: function.name, operation: function.operation)
    }
}
