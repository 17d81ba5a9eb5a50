/// SNMP values tshark reads from every corpus capture carrying SNMP.
/// Generated with `tshark -n -r FILE -Y snmp -T fields -E occurrence=f -E separator='|'` (TShark 4.0.17),
/// fields: capture|frame.number|snmp.data|snmp.community|snmp.name|snmp.error_status.
let tsharkSNMPReference = #"""
    it/snmp_v2c_get.pcap|1|1|[R0_C@cti!]|0.1|0
    it/snmp_v2c_get.pcap|2|2|[R0_C@cti!]|1.0.8802.1.1.1.1.1.1.0|0
    it/snmp_v2c_get.pcap|3|0|[R0_C@cti!]|1.3.6.1.2.1.1.3.0|0
    it/snmp_v2c_get.pcap|4|2|[R0_C@cti!]|1.3.6.1.2.1.1.3.0|0
    it/snmp_v2c_get.pcap|5|0|[R0_C@cti!]|1.3.6.1.2.1.31.1.1.1.10.1|0
    it/snmp_v2c_get.pcap|6|2|[R0_C@cti!]|1.3.6.1.2.1.31.1.1.1.10.1|0
    it/snmp_v2c_get.pcap|7|0|[R0_C@cti!]|1.3.6.1.2.1.31.1.1.1.6.1|0
    it/snmp_v2c_get.pcap|8|2|[R0_C@cti!]|1.3.6.1.2.1.31.1.1.1.6.1|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|32|0|public|1.3.6.1.2.1.2.2.1.8.1|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|33|2|public|1.3.6.1.2.1.2.2.1.8.1|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|79|0|public|1.3.6.1.2.1.2.2.1.8.1|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|80|2|public|1.3.6.1.2.1.2.2.1.8.1|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|145|0|public|1.3.6.1.2.1.2.2.1.8.1|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|146|2|public|1.3.6.1.2.1.2.2.1.8.1|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|227|0|public|1.3.6.1.2.1.2.2.1.8.1|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|228|2|public|1.3.6.1.2.1.2.2.1.8.1|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|233|0|public|1.3.6.1.2.1.2.2.1.8.1|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|234|2|public|1.3.6.1.2.1.2.2.1.8.1|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|235|0|public|1.3.6.1.2.1.2.2.1.8.17|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|236|2|public|1.3.6.1.2.1.2.2.1.8.17|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|276|0|public|1.3.6.1.2.1.2.2.1.8.1|0
    other-ics/iec61850/Sample_File_MMS_and_GOOSE.pcap|277|2|public|1.3.6.1.2.1.2.2.1.8.1|0
    """#
