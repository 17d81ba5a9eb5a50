import EventModel

/// Which protocols say what about the hosts that speak them. A server of a controller protocol
/// runs control logic; a client of one supervises or engineers it.
enum ProtocolGroups {
    static let controller: Set<UInt16> = ids(
        .modbus, .s7comm, .s7commPlus, .enip, .cip, .omronFINS, .melsec, .codesys, .ads, .geSRTP, .pcworx, .proconos,
        .hartIP, .bacnet, .foxNiagara)
    static let telecontrol: Set<UInt16> = ids(.dnp3, .iec104, .iec61850MMS, .synchrophasor)
    static let industrial: Set<UInt16> = controller.union(telecontrol).union(ids(.opcua, .mqtt, .profinetCM))
    static let supervisory: Set<UInt16> = controller.union(telecontrol)
    static let itServices: Set<UInt16> = ids(
        .http, .tls, .ssh, .smb, .netbiosSession, .rdp, .vnc, .telnet, .ftp, .dns, .dhcp, .dhcpv6, .ldap, .kerberos,
        .ntp, .syslog, .snmp, .teamviewer, .anydesk)
    /// Protocols in which a device describes itself with authority (firmware, order numbers).
    static let selfDescribing: Set<UInt16> = industrial.union(ids(.profinetDCP, .lldp, .cdp, .snmp))

    static func ids(_ protocols: ApplicationProtocol...) -> Set<UInt16> { Set(protocols.map(\.id)) }

    static func name(_ id: UInt16) -> String {
        ApplicationProtocol.withID(id)?.name ?? "protocol-\(id)"
    }
}
