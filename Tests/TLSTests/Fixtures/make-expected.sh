#!/bin/sh
# Regenerates the tshark reference tables of the TLS corpus tests (tshark 4.0.17, default preferences).
# Run from this folder: ./make-expected.sh
set -eu
corpus=../../../../shared/corpus
for capture in it/tls_ja4.pcap bench-src/it-tls12.pcap bench-src/it-tls-google.pcap; do
    name=$(basename "$capture")
    # Client hellos: SNI, JA3 (MD5) and the JA3 string.
    tshark -n -r "$corpus/$capture" -Y 'tls.handshake.type == 1' -T fields -E header=y -E separator=/t \
        -E occurrence=f -e frame.number -e tls.handshake.extensions_server_name -e tls.handshake.ja3 \
        -e tls.handshake.ja3_full > "$name.hello.tsv"
    # Certificates: the first issuer and subject rdnSequence of each frame (the leaf's), as tshark's
    # verbose tree prints them ("id-at-commonName=…,id-at-organizationName=…"), and the leaf's first dNSName.
    {
        printf 'frame.number\tsubject\tissuer\tdns_name\n'
        tshark -n -r "$corpus/$capture" -Y 'tls.handshake.type == 11' -V | awk '
            function flush() { if (frame != "") printf "%s\t%s\t%s\t%s\n", frame, subject, issuer, dns }
            /^Frame [0-9]+:/ { flush(); frame = $2; sub(":", "", frame); subject = ""; issuer = ""; dns = ""; want = "" }
            /^ +issuer: rdnSequence/ { if (issuer == "") want = "issuer" }
            /^ +subject: rdnSequence/ { if (subject == "") want = "subject" }
            /^ +rdnSequence: [0-9]+ item/ {
                value = $0; sub(/^[^(]*\(/, "", value); sub(/\)$/, "", value)
                if (want == "issuer") issuer = value
                if (want == "subject") subject = value
                want = ""
            }
            /^ +dNSName: / { if (dns == "") { dns = $0; sub(/^ +dNSName: /, "", dns) } }
            END { flush() }'
    } > "$name.certificate.tsv"
done
