/// The four primary tables of the data model (Application Protocol v1.1b3 §4.3), numbered as an
/// `EventTarget.modbusRange` numbers them: the classic Modicon reference prefixes (0xxxx coils,
/// 1xxxx discrete inputs, 3xxxx input registers, 4xxxx holding registers).
public enum ModbusTable: Int64, Sendable {
    case coils = 0
    case discreteInputs = 1
    case inputRegisters = 3
    case holdingRegisters = 4
}
