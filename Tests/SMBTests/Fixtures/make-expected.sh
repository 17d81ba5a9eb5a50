#!/bin/sh
# Regenerates the tshark reference tables of the SMB corpus tests (tshark 4.0.17, default preferences).
# Run from this folder: ./make-expected.sh
set -eu
corpus=../../../../shared/corpus
for capture in it/smb2_at_schedule.pcap bench-src/it-smb2.pcap bench-src/it-smb2-small.pcap; do
    tshark -n -r "$corpus/$capture" -Y 'smb || smb2' -T fields -E header=y -E separator=/t -E occurrence=a \
        -E aggregator='|' -e frame.number -e smb2.cmd -e smb2.flags.response -e smb2.nt_status -e smb2.tree \
        -e smb2.filename -e smb2.dialect -e smb.cmd -e ntlmssp.messagetype -e ntlmssp.auth.username \
        -e ntlmssp.auth.domain -e ntlmssp.auth.hostname -e ntlmssp.challenge.target_info.nb_computer_name \
        -e ntlmssp.challenge.target_info.nb_domain_name -e ntlmssp.challenge.target_info.dns_computer_name \
        -e ntlmssp.challenge.target_info.dns_domain_name -e ntlmssp.version.major -e ntlmssp.version.minor \
        -e ntlmssp.version.build_number > "$(basename "$capture").tsv"
done
