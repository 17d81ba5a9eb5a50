import ARP
import AnyDesk
import BACnet
import CDP
import DHCP
import DNP3
import DNS
import EtherNetIP
import EventModel
import FTP
import HTTP
import IEC104
import LLDP
import MQTT
import Modbus
import OPCUA
import PacketLayers
import Profinet
import RDP
import S7Comm
import SMB
import SNMP
import SSH
import TLS
import TeamViewer
import Telnet
import VNC

/// Every protocol this build identifies, with its ports, EtherTypes, heuristics and decoders.
/// Decoders plug in here (issue "Industrial protocol decoders"): add or extend a registration.
public enum ProtocolCatalog {
    public static var standard: [ProtocolRegistration] {
        return [
            // Industrial protocols
            ModbusProtocol.registration,
            S7CommProtocol.registration,
            EtherNetIPProtocol.registration,
            OPCUAProtocol.registration,
            BACnetProtocol.registration,
            DNP3Protocol.registration,
            IEC104Protocol.registration,
            MQTTProtocol.registration,
            ProtocolRegistration(.omronFINS, tcpPorts: [9600], udpPorts: [9600]),
            ProtocolRegistration(.melsec, tcpPorts: [5006, 5007], udpPorts: [5006, 5007]),
            ProtocolRegistration(.codesys, tcpPorts: [1200, 2455, 11740], udpPorts: [1740, 1741, 1742, 1743]),
            ProtocolRegistration(.ads, tcpPorts: [48898], udpPorts: [48899]),
            ProtocolRegistration(.hartIP, tcpPorts: [5094], udpPorts: [5094]),
            ProtocolRegistration(.synchrophasor, tcpPorts: [4712], udpPorts: [4713]),
            ProtocolRegistration(.foxNiagara, tcpPorts: [1911, 4911]),
            ProtocolRegistration(.geSRTP, tcpPorts: [18245]),
            ProtocolRegistration(.pcworx, tcpPorts: [1962]),
            ProtocolRegistration(.proconos, tcpPorts: [20547]),
            ProfinetProtocol.registration,
            ProtocolRegistration(.profinetCM, udpPorts: [34964]),
            ProtocolRegistration(.goose, etherTypes: [EtherType.goose]),
            ProtocolRegistration(.sampledValues, etherTypes: [EtherType.sampledValues]),
            // Identity, infrastructure and remote access
            ARPProtocol.registration,
            LLDPProtocol.registration,
            CDPProtocol.registration,
            ProtocolRegistration(.ptp, udpPorts: [319, 320], etherTypes: [EtherType.ptp]),
            DNSProtocol.registration,
            DNSProtocol.mdns,
            DNSProtocol.llmnr,
            DNSProtocol.nbns,
            // Identified, not decoded: LLMNR over TCP and the NetBIOS datagram service.
            ProtocolRegistration(.llmnr, tcpPorts: [5355]),
            ProtocolRegistration(.nbns, udpPorts: [138]),
            SMBProtocol.netBIOSSession,
            DHCPProtocol.registration,
            DHCPProtocol.registrationV6,
            SNMPProtocol.registration,
            ProtocolRegistration(.ntp, udpPorts: [123]),
            ProtocolRegistration(.syslog, tcpPorts: [601, 6514], udpPorts: [514]),
            ProtocolRegistration(.ssdp, udpPorts: [1900]),
            ProtocolRegistration(.ldap, tcpPorts: [389, 636], udpPorts: [389]),
            ProtocolRegistration(.kerberos, tcpPorts: [88], udpPorts: [88]),
            SSHProtocol.registration,
            TelnetProtocol.registration,
            FTPProtocol.registration,
            FTPProtocol.dataRegistration,
            SMBProtocol.registration,
            RDPProtocol.registration,
            VNCProtocol.registration,
            TeamViewerProtocol.registration,
            // Before TLS: AnyDesk's probe reads TLS handshakes too and must see them first.
            AnyDeskProtocol.registration,
            TLSProtocol.registration,
            HTTPProtocol.registration,
        ]
    }
}
