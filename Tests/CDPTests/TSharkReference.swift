/// CDP values tshark reads from every corpus capture carrying CDP.
/// Generated with `tshark -n -r FILE -Y cdp -T fields -E occurrence=f -E separator='|'` (TShark 4.0.17),
/// fields: capture|frame.number|cdp.deviceid|cdp.platform|cdp.portid|cdp.nrgyz.ip_address.
let tsharkCDPReference = #"""
    bench-src/enip-changetime.pcap|40|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-ChangeTimeAttempt.pcap|40|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-ControlProtocolChangeAttempt.pcap|250|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-ControlProtocolChangeAttempt.pcap|830|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-ControlProtocolChangeAttempt.pcap|2186|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-ControlProtocolChangeAttempt.pcap|2898|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-ControlProtocolChangeAttempt.pcap|3543|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-FirmwareChange.pcap|13|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-FirmwareChange.pcap|10607|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-FirmwareChange.pcap|10661|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-IPAddressChangeAttempt.pcap|272|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-IPAddressChangeAttempt.pcap|1146|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-IPAddressChangeAttempt.pcap|2351|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-IPAddressChangeAttempt.pcap|3512|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-IPAddressChangeAttempt.pcap|3973|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    enip/EIP-SoftwareUpload.pcap|363|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    it/EIP-SoftwareDownloadFailure.pcap|38|Ns5gt|cisco WS-CE500-24TT|GigabitEthernet1|192.168.10.253
    it/cdp_v2.pcap|1|myswitch|cisco WS-C2950-12|FastEthernet0/1|192.168.0.253
    it/cdp_v2.pcap|2|myswitch|cisco WS-C2950-12|FastEthernet0/1|192.168.0.253
    it/cdp_v2.pcap|3|myswitch|cisco WS-C2950-12|FastEthernet0/1|192.168.0.253
    it/cdp_v2.pcap|4|myswitch|cisco WS-C2950-12|FastEthernet0/1|192.168.0.253
    """#
