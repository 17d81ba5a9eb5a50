#!/bin/sh
# Regenerates expected-conversations.tsv: tshark's TCP and UDP conversation counts for a set of
# shared-corpus captures. MonitorTests/FlowCountTests compares CaptureAnalyzer's
# statistics.flowsByTransport["tcp"] / ["udp"] with these numbers.
#
# Made with TShark 4.0.17 (Debian 12). Per capture, exactly:
#   tshark -n -q -r FILE -z conv,tcp   (count of lines containing "<->")
#   tshark -n -q -r FILE -z conv,udp   (count of lines containing "<->")
#
# Usage: Tests/Fixtures/flows/make-expected.sh   (from anywhere; paths are relative to this script)
# Captures whose counts differ by definition (not by bug) are excluded; see README.md here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
corpus="$here/../../../../shared/corpus"
out="$here/expected-conversations.tsv"

captures="
modbus/modbus_example.pcap
modbus/modbusSmall.pcap
modbus/MODBUS-TestDataPart1.pcap
modbus/modbus-and-non-modbus-p502.pcap
dnp3/dnp3.pcap
dnp3/DNP3-TestDataPart1.pcap
dnp3/dnp3_udp_read.pcap
dnp3/dnp3_example.pcap
enip/enip_cip_example.pcap
enip/enip_cip_1.pcap
s7comm/s7comm_reading_plc_status.pcap
s7comm/s71500-normal.pcapng
bacnet/bacnet_test.pcap
mqtt/mqtt.pcap
mqtt/mqtt_midstream_split.pcap
opcua/open62541_browse_next.pcap
iec104/iec104_090813_diverse.pcap
it/ssh_hassh.pcap
it/dhcp_eve_extended.pcap
"

tmp="$out.tmp"
printf 'file\ttcp_count\tudp_count\n' > "$tmp"
for file in $captures; do
    tcp=$(tshark -n -q -r "$corpus/$file" -z conv,tcp 2>/dev/null | grep -c '<->' || true)
    udp=$(tshark -n -q -r "$corpus/$file" -z conv,udp 2>/dev/null | grep -c '<->' || true)
    printf '%s\t%s\t%s\n' "$file" "$tcp" "$udp" >> "$tmp"
done
mv "$tmp" "$out"
echo "wrote $out"
