extension BuiltInRules {
    /// Rules on reconnaissance, malformed traffic, credentials, remote access and known tools.
    static let surveillanceRules: [any ThreatRule] = []
}
