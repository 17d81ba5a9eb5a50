#!/usr/bin/env python3
"""Writes the synthetic remote-access captures of FTPTests, TelnetTests, TeamViewerTests and
AnyDeskTests (classic pcap, Ethernet, IPv4, checksums computed). Each conversation is built from
the protocol documents cited next to it; run from the repository root:
    python3 Tests/FTPTests/Fixtures/make_pcaps.py
"""
import struct, sys, os

def checksum(data):
    if len(data) % 2: data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16: total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF

def ip(a): return bytes(int(x) for x in a.split("."))

class Writer:
    def __init__(self): self.frames = []; self.time = 1_700_000_000.0
    def frame(self, src, dst, proto, l4):
        self.time += 0.01
        header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), len(self.frames) + 1, 0x4000, 64, proto, 0, ip(src), ip(dst))
        header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
        # Each host's MAC ends with its address's last octet (00:1b:1b: is a Siemens OUI).
        eth = b"\x00\x1b\x1b\x00\x00" + ip(dst)[3:] + b"\x00\x1b\x1b\x00\x00" + ip(src)[3:] + b"\x08\x00"
        self.frames.append((self.time, eth + header + l4))
    def tcp(self, src, dst, sport, dport, seq, ack, flags, payload=b""):
        seg = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0) + payload
        pseudo = ip(src) + ip(dst) + struct.pack("!BBH", 0, 6, len(seg))
        seg = seg[:16] + struct.pack("!H", checksum(pseudo + seg)) + seg[18:]
        self.frame(src, dst, 6, seg)
    def udp(self, src, dst, sport, dport, payload):
        dgram = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload
        pseudo = ip(src) + ip(dst) + struct.pack("!BBH", 0, 17, len(dgram))
        dgram = dgram[:6] + struct.pack("!H", checksum(pseudo + dgram) or 0xFFFF) + dgram[8:]
        self.frame(src, dst, 17, dgram)
    def session(self, client, server, cport, sport, messages):
        cseq, sseq = 1000, 5000
        self.tcp(client, server, cport, sport, cseq, 0, 0x02); cseq += 1
        self.tcp(server, client, sport, cport, sseq, cseq, 0x12); sseq += 1
        self.tcp(client, server, cport, sport, cseq, sseq, 0x10)
        for from_client, data in messages:
            if from_client:
                self.tcp(client, server, cport, sport, cseq, sseq, 0x18, data); cseq += len(data)
            else:
                self.tcp(server, client, sport, cport, sseq, cseq, 0x18, data); sseq += len(data)
        self.tcp(client, server, cport, sport, cseq, sseq, 0x11); cseq += 1
        self.tcp(server, client, sport, cport, sseq, cseq, 0x11); sseq += 1
        self.tcp(client, server, cport, sport, cseq, sseq, 0x10)
    def save(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
            for t, data in self.frames:
                f.write(struct.pack("<IIII", int(t), int((t % 1) * 1e6), len(data), len(data)) + data)

def ftp():
    # RFC 959 §4.2 replies and §5.3 commands; greeting text as vsftpd prints it.
    w = Writer()
    w.session("10.0.0.20", "10.0.0.5", 49152, 21, [
        (False, b"220 (vsFTPd 3.0.3)\r\n"),
        (True, b"USER engineer\r\n"), (False, b"331 Please specify the password.\r\n"),
        (True, b"PASS s3cr3t\r\n"), (False, b"230 Login successful.\r\n"),
        (True, b"SYST\r\n"), (False, b"215 UNIX Type: L8\r\n"),
        (True, b"FEAT\r\n"), (False, b"211-Features:\r\n EPRT\r\n EPSV\r\n PASV\r\n SIZE\r\n211 End\r\n"),
        (True, b"PASV\r\n"), (False, b"227 Entering Passive Mode (10,0,0,5,195,80).\r\n"),
        (True, b"RETR plc/program.bin\r\n"),
        (False, b"150 Opening BINARY mode data connection for plc/program.bin (4096 bytes).\r\n"),
        (False, b"226 Transfer complete.\r\n"),
        (True, b"STOR plc/program.bin\r\n"), (False, b"553 Could not create file.\r\n"),
        (True, b"SITE CHMOD 777 plc\r\n"), (False, b"500 Unknown SITE command.\r\n"),
        (True, b"QUIT\r\n"), (False, b"221 Goodbye.\r\n"),
    ])
    w.save("Tests/FTPTests/Fixtures/ftp_session.pcap")

def telnet():
    # RFC 854 commands, RFC 1091 terminal type, RFC 1073 window size; the option order and texts
    # follow a Linux telnetd login (server asks first, client answers, then banner and prompt).
    IAC, SB, SE, WILL, WONT, DO, DONT = 255, 250, 240, 251, 252, 253, 254
    w = Writer()
    w.session("10.0.0.20", "10.0.0.7", 49153, 23, [
        (False, bytes([IAC, DO, 24, IAC, DO, 32, IAC, DO, 35, IAC, DO, 39])),  # DO TTYPE, TSPEED, XDISPLOC, NEW-ENVIRON
        (True, bytes([IAC, WILL, 24, IAC, WONT, 32, IAC, WONT, 35, IAC, WONT, 39])),
        (False, bytes([IAC, SB, 24, 1, IAC, SE])),  # SB TTYPE SEND
        (True, bytes([IAC, SB, 24, 0]) + b"XTERM" + bytes([IAC, SE])),  # SB TTYPE IS "XTERM"
        (False, bytes([IAC, WILL, 3, IAC, DO, 1, IAC, WILL, 1])),  # WILL SGA, DO ECHO, WILL ECHO
        (False, b"\r\nUbuntu 22.04.3 LTS\r\nhmi01 login: "),
        (True, b"o"), (False, b"o"), (True, b"p"), (False, b"p"), (True, b"\r\n"),
        (False, b"\r\nPassword: "), (True, b"x\r\n"),
        (False, b"\r\nLogin incorrect\r\n"),
    ])
    w.save("Tests/TelnetTests/Fixtures/telnet_login.pcap")

# The 37-byte CMD_IDENTIFY hello (magic 17 24, command 0x0A, body length 0x0020 little-endian, 32
# body bytes) as public TeamViewer service scanners send it; libprotoident keys on exactly these
# 37-byte first payloads. The server's reply starts the same way and continues with an 0x1130
# packet, command 0x36 (what those scanners check at offset 37).
TV_HELLO = bytes.fromhex("17240a2000e1bfe5" "2a88138000480080" "0001000000148000" "004fb380806ebdf3" "9b8edfa903")

def teamviewer():
    body = bytes(range(0x40, 0x40 + 0x30))
    w = Writer()
    w.session("10.0.0.20", "10.0.0.9", 49154, 5938, [
        (True, TV_HELLO),
        (False, TV_HELLO + bytes([0x11, 0x30, 0x36, 0x00, 0x00, 0x00, 0x00, 0x00])),
        (True, bytes([0x17, 0x24, 0x1D, 0x30, 0x00]) + body),  # command 29, 48-byte body
    ])
    # The same on a port no registration claims: found by the content probe.
    w.session("10.0.0.21", "10.0.0.9", 49155, 40000, [(True, TV_HELLO), (False, TV_HELLO)])
    # UDP: counter at offset 0, magic at 11, command at 13 (nDPI's teamviewer.c).
    dgram = bytes([0x00] + [0x00] * 10) + bytes([0x17, 0x24, 0x46]) + bytes(20)
    w.udp("10.0.0.20", "10.0.0.9", 49156, 5938, dgram)
    w.udp("10.0.0.9", "10.0.0.20", 5938, 49156, dgram)
    # Not TeamViewer on its port (a TLS ClientHello start): no session.
    w.session("10.0.0.22", "10.0.0.9", 49157, 5938, [(True, bytes.fromhex("16030100a5010000a10303") + bytes(32))])
    w.save("Tests/TeamViewerTests/Fixtures/teamviewer.pcap")

def der_certificate(subject, issuer_key_subject=None):
    """A self-signed EC certificate with `subject` (openssl), as DER."""
    import subprocess, tempfile
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                        "-nodes", "-keyout", tmp + "/key.pem", "-subj", subject, "-days", "3650",
                        "-outform", "DER", "-out", tmp + "/cert.der"], check=True, capture_output=True)
        return open(tmp + "/cert.der", "rb").read()

def tls_record(content_type, body, version=b"\x03\x03"):
    return bytes([content_type]) + version + struct.pack("!H", len(body)) + body

def handshake(msg_type, body):
    return bytes([msg_type]) + struct.pack("!I", len(body))[1:] + body

def client_hello(alpn=None):
    # RFC 5246 §7.4.1.2; no SNI, as AnyDesk's clients send it (nDPI: "Missing SNI TLS Extn").
    exts = b"\x00\x0b\x00\x02\x01\x00"                       # ec_point_formats: uncompressed
    exts += b"\x00\x0a\x00\x04\x00\x02\x00\x17"               # supported_groups: secp256r1
    exts += b"\x00\x0d\x00\x04\x00\x02\x04\x03"               # signature_algorithms: ecdsa_secp256r1_sha256
    if alpn:                                                      # RFC 7301 ALPN
        name = alpn.encode()
        lst = bytes([len(name)]) + name
        exts += b"\x00\x10" + struct.pack("!HH", len(lst) + 2, len(lst)) + lst
    suites = bytes.fromhex("c02cc02bc030c02f009f009e")
    body = b"\x03\x03" + bytes(range(32)) + b"\x00" + struct.pack("!H", len(suites)) + suites + b"\x01\x00"
    body += struct.pack("!H", len(exts)) + exts
    return tls_record(22, handshake(1, body), b"\x03\x01")

def server_flight(cert):
    hello = handshake(2, b"\x03\x03" + bytes(range(32, 64)) + b"\x00" + b"\xc0\x2c" + b"\x00" + b"\x00\x00")
    certs = struct.pack("!I", len(cert))[1:] + cert
    certificate = handshake(11, struct.pack("!I", len(certs))[1:] + certs)
    return tls_record(22, hello + certificate + handshake(14, b""))

def anydesk():
    relay = der_certificate("/C=DE/O=philandro Software GmbH/CN=AnyNet Relay")
    direct = der_certificate("/CN=AnyDesk Client")
    other = der_certificate("/CN=historian.plant.example")
    ccs = tls_record(20, b"\x01")
    app = tls_record(23, bytes(48))
    w = Writer()
    # Direct LAN session on 7070 without ALPN: recognised by the peer's "AnyDesk Client" certificate.
    w.session("10.0.0.20", "10.0.0.30", 49160, 7070, [
        (True, client_hello()), (False, server_flight(direct)), (True, ccs + app), (False, ccs + app)])
    # A client advertising its version in ALPN, on a port no registration claims (content probe).
    w.session("10.0.0.21", "10.0.0.31", 49161, 50123, [
        (True, client_hello("anydesk/6.2.0/linux")), (False, server_flight(relay)), (True, ccs + app)])
    # Relay certificate on 6568, client without ALPN.
    w.session("10.0.0.22", "10.0.0.32", 49162, 6568, [(True, client_hello()), (False, server_flight(relay))])
    # Some other TLS service on 7070: not AnyDesk.
    w.session("10.0.0.23", "10.0.0.33", 49163, 7070, [
        (True, client_hello("http/1.1")), (False, server_flight(other)), (True, ccs + app)])
    w.save("Tests/AnyDeskTests/Fixtures/anydesk.pcap")

if __name__ == "__main__":
    ftp()
    telnet()
    teamviewer()
    anydesk()
    for name in sys.argv[1:]: globals()[name]()
