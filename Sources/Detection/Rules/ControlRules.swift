import EventModel

extension BuiltInRules {
    /// Rules on what changes a device: run state, program and firmware, configuration, writes and
    /// commands.
    public static let controlRules: [any ThreatRule] = [
        // Run state.
        S7ControllerStateRule(),
        CIPControllerStateRule(),
        ModbusDiagnosticsRestartRule(),
        DNP3RestartRule(),
        BACnetReinitializeDeviceRule(),
        BACnetCommunicationControlRule(),
        UmasStartStopRule(),
        IEC104ResetProcessRule(),
        // Program and firmware.
        S7ProgramDownloadRule(),
        S7ProgramUploadRule(),
        S7BlockDeleteRule(),
        UmasProgramDownloadRule(),
        UmasProgramUploadRule(),
        CIPFileDownloadRule(),
        CIPFileUploadRule(),
        CIPFirmwareUpdateRule(),
        LogixProgramDownloadRule(),
        LogixProgramUploadRule(),
        DNP3FileWriteRule(),
        DNP3FileDeleteRule(),
        BACnetFileWriteRule(),
        // Configuration.
        ProfinetDCPSetRule(),
        ClockSetRule(),
        S7PasswordRule(),
        CIPNetworkConfigurationRule(),
        // Writes and commands from hosts that are not HMIs or engineering workstations.
        UnexpectedWriteRule(),
        UnexpectedCommandRule(),
    ]
}

/// Reading an event's target text in place, for rules that key on names (S7 PI services such as
/// `_INSE`, the PROFINET DCP `ip …` target): no copy, no allocation.
extension EventBatch {
    func targetText(of event: ProtocolEvent, is literal: StaticString) -> Bool {
        guard Int(event.target.text.length) == literal.utf8CodeUnitCount else { return false }
        return targetText(of: event, hasPrefix: literal)
    }

    func targetText(of event: ProtocolEvent, hasPrefix literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard Int(event.target.text.length) >= count else { return false }
        return withBytes(event.target.text) { bytes in
            guard bytes.count >= count else { return false }
            let expected = literal.utf8Start
            for index in 0..<count where bytes[index] != expected[index] { return false }
            return true
        }
    }
}

/// Logix program structure classes (see CIPServices in the EtherNet/IP decoder): Program, Map, the
/// unnamed program-content class 0x6A, Routine and Task.
enum LogixProgramClass {
    @inline(__always) static func contains(_ classID: Int64) -> Bool {
        switch classID {
        case 0x68, 0x69, 0x6A, 0x6D, 0x70: true
        default: false
        }
    }
}

extension Occurrence {
    /// ` (holding registers 0–9 on unit 1)`, or nothing when the PDU names no target.
    var targetClause: String { target.isEmpty ? "" : " (\(target))" }
}
