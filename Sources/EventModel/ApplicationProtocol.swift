/// An application protocol Palisade identifies. The id indexes per-protocol counters (no hashing
/// on the packet path); the name is the public one used in events and reports.
public struct ApplicationProtocol: Hashable, Sendable, CustomStringConvertible {
    public let id: UInt16
    public let staticName: StaticString

    public init(id: UInt16, _ name: StaticString) {
        self.id = id
        self.staticName = name
    }

    public var name: String { staticName.description }
    public var description: String { name }

    public static func == (lhs: ApplicationProtocol, rhs: ApplicationProtocol) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// Every protocol known to this build, by id (ids are stable within a release).
    public static let all: [ApplicationProtocol] = [
        .unknown, .modbus, .s7comm, .s7commPlus, .enip, .cip, .profinetDCP, .profinetRT, .opcua, .bacnet, .dnp3,
        .iec104, .mqtt, .omronFINS, .melsec, .codesys, .ads, .iec61850MMS, .goose, .sampledValues, .hartIP, .profinetCM,
        .synchrophasor, .foxNiagara, .geSRTP, .pcworx, .proconos, .cotp, .arp, .lldp, .cdp, .stp, .ptp, .dhcp,
        .dhcpv6, .dns, .mdns, .llmnr, .nbns, .snmp, .http, .tls, .ssh, .smb, .rdp, .vnc, .telnet, .ftp,
        .teamviewer, .anydesk, .ntp, .syslog, .icmp, .icmpv6, .tcpOther, .udpOther, .ipOther, .ethernetOther,
        .netbiosSession, .ldap, .kerberos, .ssdp, .vxlan, .gre,
    ]

    public static func named(_ name: String) -> ApplicationProtocol? { byName[name] }

    private static let byName: [String: ApplicationProtocol] = Dictionary(
        all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    public static let unknown = ApplicationProtocol(id: 0, "unknown")
    public static let modbus = ApplicationProtocol(id: 1, "modbus")
    public static let s7comm = ApplicationProtocol(id: 2, "s7comm")
    public static let s7commPlus = ApplicationProtocol(id: 3, "s7comm-plus")
    public static let enip = ApplicationProtocol(id: 4, "enip")
    public static let cip = ApplicationProtocol(id: 5, "cip")
    public static let profinetDCP = ApplicationProtocol(id: 6, "profinet-dcp")
    public static let profinetRT = ApplicationProtocol(id: 7, "profinet-rt")
    public static let opcua = ApplicationProtocol(id: 8, "opcua")
    public static let bacnet = ApplicationProtocol(id: 9, "bacnet")
    public static let dnp3 = ApplicationProtocol(id: 10, "dnp3")
    public static let iec104 = ApplicationProtocol(id: 11, "iec104")
    public static let mqtt = ApplicationProtocol(id: 12, "mqtt")
    public static let omronFINS = ApplicationProtocol(id: 13, "omron-fins")
    public static let melsec = ApplicationProtocol(id: 14, "melsec")
    public static let codesys = ApplicationProtocol(id: 15, "codesys")
    public static let ads = ApplicationProtocol(id: 16, "ads")
    public static let iec61850MMS = ApplicationProtocol(id: 17, "mms")
    public static let goose = ApplicationProtocol(id: 18, "goose")
    public static let sampledValues = ApplicationProtocol(id: 19, "sv")
    public static let hartIP = ApplicationProtocol(id: 20, "hart-ip")
    public static let synchrophasor = ApplicationProtocol(id: 21, "synchrophasor")
    public static let foxNiagara = ApplicationProtocol(id: 22, "niagara-fox")
    public static let geSRTP = ApplicationProtocol(id: 23, "ge-srtp")
    public static let pcworx = ApplicationProtocol(id: 24, "pcworx")
    public static let proconos = ApplicationProtocol(id: 25, "proconos")
    /// PROFINET IO context management (DCE/RPC on UDP 34964).
    public static let profinetCM = ApplicationProtocol(id: 27, "profinet-cm")
    /// ISO transport (TPKT/COTP) on 102 whose payload is not S7.
    public static let cotp = ApplicationProtocol(id: 26, "cotp")
    public static let arp = ApplicationProtocol(id: 40, "arp")
    public static let lldp = ApplicationProtocol(id: 41, "lldp")
    public static let cdp = ApplicationProtocol(id: 42, "cdp")
    public static let stp = ApplicationProtocol(id: 43, "stp")
    public static let ptp = ApplicationProtocol(id: 44, "ptp")
    public static let dhcp = ApplicationProtocol(id: 45, "dhcp")
    public static let dhcpv6 = ApplicationProtocol(id: 46, "dhcpv6")
    public static let dns = ApplicationProtocol(id: 47, "dns")
    public static let mdns = ApplicationProtocol(id: 48, "mdns")
    public static let llmnr = ApplicationProtocol(id: 49, "llmnr")
    public static let nbns = ApplicationProtocol(id: 50, "nbns")
    public static let snmp = ApplicationProtocol(id: 51, "snmp")
    public static let http = ApplicationProtocol(id: 52, "http")
    public static let tls = ApplicationProtocol(id: 53, "tls")
    public static let ssh = ApplicationProtocol(id: 54, "ssh")
    public static let smb = ApplicationProtocol(id: 55, "smb")
    public static let rdp = ApplicationProtocol(id: 56, "rdp")
    public static let vnc = ApplicationProtocol(id: 57, "vnc")
    public static let telnet = ApplicationProtocol(id: 58, "telnet")
    public static let ftp = ApplicationProtocol(id: 59, "ftp")
    public static let teamviewer = ApplicationProtocol(id: 60, "teamviewer")
    public static let anydesk = ApplicationProtocol(id: 61, "anydesk")
    public static let ntp = ApplicationProtocol(id: 62, "ntp")
    public static let syslog = ApplicationProtocol(id: 63, "syslog")
    public static let netbiosSession = ApplicationProtocol(id: 64, "netbios-ssn")
    public static let ldap = ApplicationProtocol(id: 65, "ldap")
    public static let kerberos = ApplicationProtocol(id: 66, "kerberos")
    public static let ssdp = ApplicationProtocol(id: 67, "ssdp")
    public static let vxlan = ApplicationProtocol(id: 68, "vxlan")
    public static let gre = ApplicationProtocol(id: 69, "gre")
    public static let icmp = ApplicationProtocol(id: 80, "icmp")
    public static let icmpv6 = ApplicationProtocol(id: 81, "icmpv6")
    /// TCP/UDP/IP/Ethernet traffic no registered protocol claimed.
    public static let tcpOther = ApplicationProtocol(id: 90, "tcp-other")
    public static let udpOther = ApplicationProtocol(id: 91, "udp-other")
    public static let ipOther = ApplicationProtocol(id: 92, "ip-other")
    public static let ethernetOther = ApplicationProtocol(id: 93, "ethernet-other")

    /// Upper bound of ids, for counter arrays.
    public static let idLimit = 128

    private static let byID: [ApplicationProtocol?] = {
        var table = [ApplicationProtocol?](repeating: nil, count: idLimit)
        for known in all where Int(known.id) < idLimit { table[Int(known.id)] = known }
        return table
    }()

    /// The protocol with this id, nil for an id no protocol has.
    public static func withID(_ id: UInt16) -> ApplicationProtocol? {
        Int(id) < idLimit ? byID[Int(id)] : nil
    }
}
