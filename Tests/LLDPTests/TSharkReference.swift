/// LLDP values tshark reads from every corpus capture carrying LLDP.
/// Generated with `tshark -n -r FILE -Y lldp -T fields -E occurrence=f -E separator='|'` (TShark 4.0.17),
/// fields: capture|frame.number|lldp.tlv.system.name|lldp.tlv.system.desc|lldp.port.id|lldp.port.id.mac|lldp.chassis.subtype|lldp.chassis.id|lldp.chassis.id.mac|lldp.mgn.addr.ip4|lldp.mgn.addr.ip6|lldp.tlv.system_cap.
let tsharkLLDPReference = #"""
    bench-src/enip-changetime.pcap|302|||19||4||00:21:91:06:f1:66|208.73.217.142||
    bench-src/enip-example.pcap|181|||19||4||00:21:91:06:f1:66|208.73.217.142||
    bench-src/enip-example.pcap|623||||64:4b:f0:2b:31:71|4||64:4b:f0:2b:31:71|||
    bench-src/modbus-mb2.pcap|499|Switch1|Siemens, SIMATIC NET, SCALANCE X212-2, 6GK5 212-2BB00-2AA3, HW: 7, FW: V4.02|port-001||7|73776974636831||141.81.0.190||0x0080
    bench-src/modbus-mb2.pcap|3854|Switch1|Siemens, SIMATIC NET, SCALANCE X212-2, 6GK5 212-2BB00-2AA3, HW: 7, FW: V4.02|port-001||7|73776974636831||141.81.0.190||0x0080
    bench-src/modbus-mb2.pcap|6968|Switch1|Siemens, SIMATIC NET, SCALANCE X212-2, 6GK5 212-2BB00-2AA3, HW: 7, FW: V4.02|port-001||7|73776974636831||141.81.0.190||0x0080
    bench-src/modbus-mb2.pcap|10134|Switch1|Siemens, SIMATIC NET, SCALANCE X212-2, 6GK5 212-2BB00-2AA3, HW: 7, FW: V4.02|port-001||7|73776974636831||141.81.0.190||0x0080
    bench-src/modbus-mb2.pcap|13206|Switch1|Siemens, SIMATIC NET, SCALANCE X212-2, 6GK5 212-2BB00-2AA3, HW: 7, FW: V4.02|port-001||7|73776974636831||141.81.0.190||0x0080
    enip/EIP-ChangeDateAttempt.pcap|181|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-ChangeTimeAttempt.pcap|302|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-ControlProtocolChangeAttempt.pcap|225|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-ControlProtocolChangeAttempt.pcap|598|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-ControlProtocolChangeAttempt.pcap|831|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-ControlProtocolChangeAttempt.pcap|1879|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-ControlProtocolChangeAttempt.pcap|2209|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-ControlProtocolChangeAttempt.pcap|2538|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-ControlProtocolChangeAttempt.pcap|2943|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-ControlProtocolChangeAttempt.pcap|3275|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-FirmwareChange.pcap|2|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-FirmwareChange.pcap|2076|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-FirmwareChange.pcap|10595|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-FirmwareChange.pcap|10622|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-FirmwareChange.pcap|10653|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-FirmwareChange.pcap|10705|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-IPAddressChangeAttempt.pcap|256|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-IPAddressChangeAttempt.pcap|732|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-IPAddressChangeAttempt.pcap|1180|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-IPAddressChangeAttempt.pcap|1781|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-IPAddressChangeAttempt.pcap|2416|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-IPAddressChangeAttempt.pcap|2998|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-IPAddressChangeAttempt.pcap|3579|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-IPAddressChangeAttempt.pcap|3848|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-IPAddressChangeAttempt.pcap|4003|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-IPAddressChangeAttempt.pcap|4145|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-RebootorRestart.pcap|737|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/EIP-SoftwareUpload.pcap|808|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/enip_cip_example.pcap|181|||19||4||00:21:91:06:f1:66|208.73.217.142||
    enip/enip_cip_example.pcap|623||||64:4b:f0:2b:31:71|4||64:4b:f0:2b:31:71|||
    it/EIP-SoftwareDownloadFailure.pcap|15|||19||4||00:21:91:06:f1:66|208.73.217.142||
    it/EIP-SoftwareDownloadFailure.pcap|67|||19||4||00:21:91:06:f1:66|208.73.217.142||
    it/EIP-SoftwareDownloadFailure.pcap|91|||19||4||00:21:91:06:f1:66|208.73.217.142||
    it/lldp_detailed.pcap|1|Summit300-48|Summit300-48 - Version 7.4e.1 (Build 5) by Release_Master 05/27/05 04:53:11|1/1||4||00:01:30:f9:ad:a0|||0x0014
    other-ics/bsap/bsap-ip_example.pcap|1||||64:4b:f0:2b:31:71|4||64:4b:f0:2b:31:71|||
    other-ics/bsap/bsap-ip_example.pcap|6||||64:4b:f0:2b:31:71|4||64:4b:f0:2b:31:71|||
    other-ics/bsap/bsap-ip_example.pcap|9||||64:4b:f0:2b:31:71|4||64:4b:f0:2b:31:71|||
    other-ics/bsap/bsap-ip_example.pcap|12||||64:4b:f0:2b:31:71|4||64:4b:f0:2b:31:71|||
    other-ics/bsap/bsap-ip_example.pcap|28|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|42||||64:4b:f0:2b:31:71|4||64:4b:f0:2b:31:71|||
    other-ics/bsap/bsap-ip_example.pcap|57||||64:4b:f0:2b:31:71|4||64:4b:f0:2b:31:71|||
    other-ics/bsap/bsap-ip_example.pcap|72||||64:4b:f0:2b:31:71|4||64:4b:f0:2b:31:71|||
    other-ics/bsap/bsap-ip_example.pcap|421|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|436|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|815|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|830|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|1197|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|1211|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|1577|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|1590|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|1957|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|1970|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|2336|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|2349|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|2720|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|2733|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|3099|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|3112|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|3482|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|3496|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|3861|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|3875|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|4243|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|4258|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|4623|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|4637|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|5009|||g3||4||28:80:88:e3:cb:39|192.168.1.239||
    other-ics/bsap/bsap-ip_example.pcap|5023|||g8||4||28:80:88:e3:cb:39|192.168.1.239||
    profinet/Profinet_Failed.pcap|2|SCADA-PC-060839|Dell Inc. OptiPlex 990,01,G22XB2S + HMI|port-001||7|73636164612d70632d303630383339||10.10.10.70||0x0080
    profinet/Profinet_Failed.pcap|3||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-003||4||00:1b:1b:34:34:cb|0.0.0.0||0x0080
    profinet/Profinet_Failed.pcap|4|SCADA-PC-060839|Dell Inc. OptiPlex 990,01,G22XB2S + HMI|port-001||7|73636164612d70632d303630383339||10.10.10.70||0x0080
    profinet/Profinet_Failed.pcap|5||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-003||4||00:1b:1b:34:34:cb|0.0.0.0||0x0080
    profinet/Profinet_Failed.pcap|8|SCADA-PC-060839|Dell Inc. OptiPlex 990,01,G22XB2S + HMI|port-001||7|73636164612d70632d303630383339||10.10.10.70||0x0080
    profinet/Profinet_Failed.pcap|9||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-003||4||00:1b:1b:34:34:cb|0.0.0.0||0x0080
    profinet/Profinet_Failed.pcap|14|SCADA-PC-060839|Dell Inc. OptiPlex 990,01,G22XB2S + HMI|port-001||7|73636164612d70632d303630383339||10.10.10.70||0x0080
    profinet/Profinet_Failed.pcap|15||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-003||4||00:1b:1b:34:34:cb|0.0.0.0||0x0080
    profinet/Profinet_Failed.pcap|16|SCADA-PC-060839|Dell Inc. OptiPlex 990,01,G22XB2S + HMI|port-001||7|73636164612d70632d303630383339||10.10.10.70||0x0080
    profinet/Profinet_Failed.pcap|17||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-003||4||00:1b:1b:34:34:cb|0.0.0.0||0x0080
    profinet/Profinet_Failed.pcap|18|SCADA-PC-060839|Dell Inc. OptiPlex 990,01,G22XB2S + HMI|port-001||7|73636164612d70632d303630383339||10.10.10.70||0x0080
    profinet/Profinet_Failed.pcap|35||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-003||4||00:1b:1b:34:34:cb|0.0.0.0||0x0080
    profinet/Profinet_Failed.pcap|38|SCADA-PC-060839|Dell Inc. OptiPlex 990,01,G22XB2S + HMI|port-001||7|73636164612d70632d303630383339||10.10.10.70||0x0080
    profinet/Profinet_Failed.pcap|40||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-003||4||00:1b:1b:34:34:cb|0.0.0.0||0x0080
    profinet/Profinet_Failed.pcap|43|SCADA-PC-060839|Dell Inc. OptiPlex 990,01,G22XB2S + HMI|port-001||7|73636164612d70632d303630383339||10.10.10.70||0x0080
    profinet/Profinet_Failed.pcap|44||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-003||4||00:1b:1b:34:34:cb|0.0.0.0||0x0080
    profinet/Profinet_Failed.pcap|45|SCADA-PC-060839|Dell Inc. OptiPlex 990,01,G22XB2S + HMI|port-001||7|73636164612d70632d303630383339||10.10.10.70||0x0080
    profinet/Profinet_Failed.pcap|48||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-003||4||00:1b:1b:34:34:cb|0.0.0.0||0x0080
    profinet/Profinet_Failed.pcap|49|SCADA-PC-060839|Dell Inc. OptiPlex 990,01,G22XB2S + HMI|port-001||7|73636164612d70632d303630383339||10.10.10.70||0x0080
    profinet/Profinet_Failed.pcap|51||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-003||4||00:1b:1b:34:34:cb|0.0.0.0||0x0080
    profinet/Profinet_Failed.pcap|52|SCADA-PC-060839|Dell Inc. OptiPlex 990,01,G22XB2S + HMI|port-001||7|73636164612d70632d303630383339||10.10.10.70||0x0080
    profinet/Profinet_Failed.pcap|53||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-003||4||00:1b:1b:34:34:cb|0.0.0.0||0x0080
    profinet/Profinet_Failed.pcap|56|SCADA-PC-060839|Dell Inc. OptiPlex 990,01,G22XB2S + HMI|port-001||7|73636164612d70632d303630383339||10.10.10.70||0x0080
    profinet/pn_ptcp.pcap|1|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|8|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|9|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|16|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|21|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|23|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|31|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|33|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|37|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|42|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|43|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|49|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|52|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|55|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|60|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|61|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|66|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|70|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|72|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|77|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|80|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|85|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|91|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|93|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|100|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|104|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|107|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|112|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|114|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|118|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|122|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|125|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|130|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|132|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|136|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|141|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|142|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|147|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|150|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|153|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|159|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|160|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|165|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|169|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|171|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|176|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|178|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|182|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|187|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|188|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|194|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|197|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|200|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|205|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|206|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|211|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|215|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|217|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|223|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|226|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|230|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|234|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|236|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|241|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|244|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|247|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|252|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|254|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|258|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|262|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|265|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|270|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|272|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|276|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|281|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|282|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|287|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|290|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|293|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|299|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|300|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|305|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|309|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|311|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|316|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|318|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|322|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|327|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|328|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|334|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|337|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|340|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|345|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|346|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|360|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/pn_ptcp.pcap|365|DELL-PC|OptiPlex Dell Inc.,OptiPlex 7050,07A1 + TIA|port-001||7|64656c6c2d7063||192.168.111.110||0x0080
    profinet/pn_ptcp.pcap|368|||port-001||7|706c6378623164306564||192.168.0.3||
    profinet/profinet_io_cm_mixed_1.pcap|29||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|37||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|38|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|43||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|44||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|45|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|47||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|56||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|57|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|60||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|61||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|64|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|78||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|117||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|126|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|145||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|155||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|156|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|159||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|168||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|173|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|185||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|214||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|227|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|292||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|337||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|341|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|364||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|381||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|390|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|411||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|453||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|454|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|461||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|482||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|483|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|605|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|610||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|621||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|630|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|631||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|639||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|644|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|645||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|660||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|667|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|669||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|676||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|683|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|686||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|691||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|699|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|702||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|707||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|712|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|715||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|723||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|730|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|731||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|736||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|744|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|745||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|758||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|763|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|766||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|772||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|779|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|780||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|787||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|792|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|795||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|801||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|806|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|809||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|824||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|834|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|837||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|840||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|845|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|848||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|862||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|869|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|872||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|875||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|881|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|884||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|891||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|900|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|901||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|908||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|914|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|917||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|920||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|929|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|932||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|940||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|945|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|948||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|961||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|969|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|970||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|975||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|984|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|985||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|991||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|996|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|999||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1008||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1015|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1019||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1032||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1039|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1042||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1047||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1053|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1054||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1069||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1076|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1079||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1083||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1090|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1093||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1100||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1126|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1129||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1140||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1155|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1158||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1177||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1189|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1190||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1195||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1204|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1207||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1221||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1226|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1229||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1236||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1246|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1247||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1254||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1261|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1264||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1268||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1277|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1280||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1293||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1302|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1306||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1309||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1316|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1319||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1334||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1344|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1345||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1350||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1355|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1356||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1366||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1373|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1376||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1381||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1387|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1390||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1399||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1406|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1407||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1418||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1428|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1429||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1442||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1451|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1452||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1462||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1471|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1474||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1481||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1497|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1500||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1507||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1516|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1519||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1533||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1542|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1543||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1550||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1555|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1559||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1570||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1579|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1582||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1587||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1595|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1598||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1603||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1608|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1611||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1619||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1626|||port-001||7|76657273616d61782d706e733131||192.168.1.2||
    profinet/profinet_io_cm_mixed_1.pcap|1627||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-004||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    profinet/profinet_io_cm_mixed_1.pcap|1634||Siemens AG SIMATIC S7 MULTIPORT SCALANCE X 200 FAM|port-008||7|7369656d656e732d783230382d737769746368||0.0.0.0||0x0080
    s7comm/s71500-normal.pcapng|5||Siemens, SIMATIC S7, CPU 1515-2 PN, 6ES7 515-2AM01-0AB0, HW: Version 3, FW: Version V2.6.0, S C-L5CM77762019|port-001.plcxb1.xn--profinetxaxb1f144-0x72a430t||7|53372d313530302020202020202020202020202020202020202036455337203531352d32414d30312d3041423020205320432d4c35434d37373736323031392020202020332056202032202036202030||192.168.0.1||0x0084
    s7comm/s71500-normal.pcapng|10||Siemens, SIMATIC S7, CPU 1515-2 PN, 6ES7 515-2AM01-0AB0, HW: Version 3, FW: Version V2.6.0, S C-L5CM77762019|port-001.plcxb1.xn--profinetxaxb1f144-0x72a430t||7|53372d313530302020202020202020202020202020202020202036455337203531352d32414d30312d3041423020205320432d4c35434d37373736323031392020202020332056202032202036202030||192.168.0.1||0x0084
    s7comm/s71500-normal.pcapng|15||Siemens, SIMATIC S7, CPU 1515-2 PN, 6ES7 515-2AM01-0AB0, HW: Version 3, FW: Version V2.6.0, S C-L5CM77762019|port-001.plcxb1.xn--profinetxaxb1f144-0x72a430t||7|53372d313530302020202020202020202020202020202020202036455337203531352d32414d30312d3041423020205320432d4c35434d37373736323031392020202020332056202032202036202030||192.168.0.1||0x0084
    s7comm/s71500-normal.pcapng|20||Siemens, SIMATIC S7, CPU 1515-2 PN, 6ES7 515-2AM01-0AB0, HW: Version 3, FW: Version V2.6.0, S C-L5CM77762019|port-001.plcxb1.xn--profinetxaxb1f144-0x72a430t||7|53372d313530302020202020202020202020202020202020202036455337203531352d32414d30312d3041423020205320432d4c35434d37373736323031392020202020332056202032202036202030||192.168.0.1||0x0084
    s7comm/s71500-normal.pcapng|107||Siemens, SIMATIC S7, CPU 1515-2 PN, 6ES7 515-2AM01-0AB0, HW: Version 3, FW: Version V2.6.0, S C-L5CM77762019|port-001.plcxb1.xn--profinetxaxb1f144-0x72a430t||7|53372d313530302020202020202020202020202020202020202036455337203531352d32414d30312d3041423020205320432d4c35434d37373736323031392020202020332056202032202036202030||192.168.0.1||0x0084
    """#
