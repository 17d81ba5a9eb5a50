/// What a protocol, as Palisade identifies it, offers in authentication and protection.
enum ProtocolSecurity {
    /// Industrial protocols with no authentication of the requesting host: anyone who can reach
    /// the port can read, write or command (DNP3 Secure Authentication and CIP Security exist but
    /// are not what these names denote on the wire Palisade decodes).
    static let unauthenticatedIndustrial: Set<String> = [
        "modbus", "s7comm", "cotp", "enip", "cip", "dnp3", "iec104", "bacnet", "profinet-dcp", "profinet-cm",
        "omron-fins", "melsec", "goose", "sv", "ge-srtp", "pcworx", "proconos", "hart-ip", "mms", "ads", "codesys",
    ]

    /// Protocols that carry their content, logins included, in clear.
    static let cleartext: Set<String> = [
        "ftp", "telnet", "http", "snmp", "mqtt", "ldap", "syslog", "vnc", "niagara-fox",
    ]

    /// Protocols that encrypt their content.
    static let encrypted: Set<String> = ["tls", "ssh", "rdp", "teamviewer", "anydesk"]

    /// Services that a controller needs no server for in normal operation: each one is attack
    /// surface (a web server, a shell, a file transfer, management).
    static let nonIndustrialServices: Set<String> = [
        "http", "tls", "ftp", "telnet", "ssh", "snmp", "vnc", "rdp", "smb", "teamviewer", "anydesk", "ldap",
    ]
}
