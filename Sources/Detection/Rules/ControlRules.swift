extension BuiltInRules {
    /// Rules on what changes a device: run state, program and firmware, configuration, writes and
    /// commands.
    static let controlRules: [any ThreatRule] = [
        S7ControllerStateRule(),
        CIPControllerStateRule(),
        ModbusDiagnosticsRestartRule(),
    ]
}
