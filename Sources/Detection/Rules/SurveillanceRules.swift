extension BuiltInRules {
    /// Rules on reconnaissance, malformed traffic, credentials, remote access and known tools.
    static let surveillanceRules: [any ThreatRule] = [
        // Reconnaissance
        ModbusUnitIDSweepRule(),
        ModbusIdentificationRule(),
        CIPListIdentitySweepRule(),
        CIPListIdentityBroadcastRule(),
        S7SZLEnumerationRule(),
        BACnetWhoIsStormRule(),
        OPCUABrowseSweepRule(),
        OTPortScanRule(),
        // Malformed traffic and floods
        MalformedPDURule(),
        ExceptionFloodRule(),
        // Credentials and remote access
        CleartextCredentialsRule(),
        SNMPCommunityInClearRule(),
        SNMPDefaultCommunityRule(),
        RemoteAccessIntoControlSegmentRule(),
        RemoteSupportToolRule(),
        // Known attack tools
        FrostyGoopModbusRule(),
        IEC104CommandSweepRule(),
        TriStationTrafficRule(),
        PipedreamDiscoveryRule(),
        StuxnetLikeS7SequenceRule(),
    ]
}
