#!/usr/bin/env python3
"""Deterministic generator of a large plant-like benchmark capture (python stdlib only).

Reads the public captures in BENCH_SRC (classic pcap or pcapng, Ethernet link type), and
writes a classic pcap (microsecond timestamps, link type Ethernet) built from many rewritten,
time-shifted copies of them, merged in timestamp order:

* every copy of a source gets its own address space: each original IPv4 /24 becomes a fresh
  10.X.Y.0/24 (then 172.16/12, then 192.168/16) and the last octet is kept, so subnet
  broadcasts stay broadcasts (127/8 is rewritten too: one source is a loopback capture);
  multicast, 255.255.255.255 and 0.0.0.0 are left alone;
  IPv6 unicast addresses get bytes 10..13 XOR-ed with a per-copy value; unicast MAC
  addresses (all-zero ones too) keep their OUI (vendor) and get the NIC part shifted by a
  per-copy value;
  addresses inside ARP are rewritten the same way;
* IPv4 header checksums and TCP/UDP/ICMPv6 checksums are updated incrementally (RFC 1624),
  so a checksum that was right in the source stays right (and a wrong one stays wrong);
* every BENCH_VLAN_EVERY-th copy is put into an 802.1Q VLAN (tag inserted after the MACs);
* within a source, gaps between packets are clamped to [0, BENCH_MAX_GAP] seconds (some
  sources span years), copies start at deterministic offsets spread over BENCH_DURATION
  seconds, and all copies are merged by (timestamp, copy number, packet index);
* frames are otherwise copied byte for byte, Ethernet padding included (caplen and
  original length are kept consistent; IP/UDP lengths are never touched).

Copies are added in rounds (every source once per round, IT sources with a higher weight to
bring the mean frame size near 150 bytes) until the output reaches TARGET_MB (10^6 bytes).
Same inputs and parameters give a byte-identical file: no randomness, no wall clock, integer
arithmetic only.
"""
import hashlib
import heapq
import os
import struct
import sys

PCAP_HDR = struct.Struct('<IHHiIII')
REC_HDR = struct.Struct('<IIII')

# Copies per round for each source, by file-name prefix (default 1). IT sources have large
# frames; weighting them brings the mean frame size from ~131 to ~150 bytes.
WEIGHTS = {'it-': 2}


def read_capture(path):
    """Return (linktype, [(ts_us, orig_len, data), ...]) for a pcap or pcapng file."""
    with open(path, 'rb') as f:
        raw = f.read()
    magic = raw[:4]
    if magic == b'\x0a\x0d\x0d\x0a':
        return read_pcapng(raw, path)
    for endian in ('<', '>'):
        m = struct.unpack(endian + 'I', magic)[0]
        if m in (0xa1b2c3d4, 0xa1b23c4d):
            break
    else:
        sys.exit('%s: not a pcap/pcapng file' % path)
    nano = (m == 0xa1b23c4d)
    linktype = struct.unpack(endian + 'I', raw[20:24])[0] & 0x0FFFFFFF
    rec = struct.Struct(endian + 'IIII')
    pkts = []
    off = 24
    n = len(raw)
    while off + 16 <= n:
        sec, frac, incl, orig = rec.unpack_from(raw, off)
        off += 16
        data = raw[off:off + incl]
        off += incl
        if len(data) < incl:
            break  # truncated last record
        us = sec * 1000000 + (frac // 1000 if nano else frac)
        pkts.append((us, orig, data))
    return linktype, pkts


def read_pcapng(raw, path):
    pkts = []
    linktypes = []
    tsres = []
    off = 0
    endian = '<'
    n = len(raw)
    linktype = None
    while off + 12 <= n:
        btype = struct.unpack_from(endian + 'I', raw, off)[0]
        if btype == 0x0A0D0D0A:
            bom = raw[off + 8:off + 12]
            endian = '<' if bom == b'\x4d\x3c\x2b\x1a' else '>'
            linktypes, tsres = [], []
        blen = struct.unpack_from(endian + 'I', raw, off + 4)[0]
        if blen < 12 or off + blen > n:
            break
        body = raw[off + 8:off + blen - 4]
        if btype == 1:  # IDB
            lt = struct.unpack_from(endian + 'H', body, 0)[0]
            res = 1000000
            o = 8
            while o + 4 <= len(body):
                code, olen = struct.unpack_from(endian + 'HH', body, o)
                if code == 0:
                    break
                if code == 9 and olen >= 1:
                    v = body[o + 4]
                    res = 2 ** (v & 0x7F) if v & 0x80 else 10 ** v
                o += 4 + ((olen + 3) & ~3)
            linktypes.append(lt)
            tsres.append(res)
        elif btype == 6:  # EPB
            iface, hi, lo, incl, orig = struct.unpack_from(endian + 'IIIII', body, 0)
            t = (hi << 32) | lo
            us = t * 1000000 // tsres[iface]
            pkts.append((us, orig, body[20:20 + incl]))
            linktype = linktypes[iface] if linktype is None else linktype
        elif btype == 3:  # SPB
            orig = struct.unpack_from(endian + 'I', body, 0)[0]
            pkts.append((pkts[-1][0] if pkts else 0, orig, body[4:4 + orig]))
        off += blen
    if linktype is None and linktypes:
        linktype = linktypes[0]
    return linktype, pkts


def analyze(data):
    """Find the rewritable fields of one Ethernet frame.

    Returns (macs, addrs, ipcs, l4cs, l4udp, src, dst): offsets of MAC fields, (offset, len)
    of IP address fields, offset of the IPv4 header checksum (-1), offset of the L4 checksum
    covering a pseudo-header (-1), whether that is UDP (0 means 'no checksum'), and offsets
    of the IP source/destination address (-1) whose change feeds both checksums."""
    n = len(data)
    macs = []
    addrs = []
    ipcs = l4cs = src = dst = -1
    l4udp = False
    if n < 14:
        return macs, addrs, ipcs, l4cs, l4udp, src, dst
    macs = [0, 6]
    off = 12
    et = (data[12] << 8) | data[13]
    while et in (0x8100, 0x88A8, 0x9100) and off + 6 <= n:
        off += 4
        et = (data[off] << 8) | data[off + 1]
    l3 = off + 2
    if et == 0x0806:
        if l3 + 28 <= n and data[l3:l3 + 6] == b'\x00\x01\x08\x00\x06\x04':
            macs += [l3 + 8, l3 + 18]
            addrs += [(l3 + 14, 4), (l3 + 24, 4)]
    elif et == 0x0800:
        if l3 + 20 <= n and data[l3] >> 4 == 4:
            ihl = (data[l3] & 15) * 4
            src, dst = l3 + 12, l3 + 16
            addrs += [(src, 4), (dst, 4)]
            ipcs = l3 + 10
            proto = data[l3 + 9]
            frag = ((data[l3 + 6] << 8) | data[l3 + 7]) & 0x1FFF
            l4 = l3 + ihl
            if frag == 0:
                if proto == 6 and l4 + 18 <= n:
                    l4cs = l4 + 16
                elif proto == 17 and l4 + 8 <= n:
                    l4cs, l4udp = l4 + 6, True
    elif et == 0x86DD:
        if l3 + 40 <= n and data[l3] >> 4 == 6:
            src, dst = l3 + 8, l3 + 24
            addrs += [(src, 16), (dst, 16)]
            nh = data[l3 + 6]
            l4 = l3 + 40
            if nh == 6 and l4 + 18 <= n:
                l4cs = l4 + 16
            elif nh == 17 and l4 + 8 <= n:
                l4cs, l4udp = l4 + 6, True
            elif nh == 58 and l4 + 4 <= n:
                l4cs = l4 + 2
    return macs, addrs, ipcs, l4cs, l4udp, src, dst


def csum_words(b):
    s = 0
    for i in range(0, len(b), 2):
        s += (b[i] << 8) | b[i + 1]
    return s


def addr_delta(old, new):
    """Ones-complement sum to add to a checksum's complement when `old` becomes `new`."""
    return (len(old) // 2) * 0xFFFF - csum_words(old) + csum_words(new)


class Source:
    def __init__(self, path, max_gap_us):
        self.name = os.path.basename(path)
        linktype, pkts = read_capture(path)
        if linktype != 1:
            sys.exit('%s: link type %s, only Ethernet (1) is supported' % (path, linktype))
        self.templates = []
        self.macs = {}      # original unicast MAC -> first-seen index
        self.v4nets = {}    # original /24 prefix (3 bytes) -> first-seen index
        self.v6 = {}        # original IPv6 unicast address -> index
        self.addrs4 = {}
        rel = 0
        prev = None
        self.nbytes = 0
        for us, orig, data in pkts:
            if prev is not None:
                rel += min(max(us - prev, 0), max_gap_us)
            prev = us
            macs, addrs, ipcs, l4cs, l4udp, src, dst = analyze(data)
            fields = []
            for o in macs:
                m = data[o:o + 6]
                if not (m[0] & 1):
                    m = self.macs.setdefault(m, m)
                    fields.append((o, 6, m))
            for o, ln in addrs:
                a = data[o:o + ln]
                if ln == 4:
                    if a[0] >= 224 or a == b'\0\0\0\0':
                        continue
                    self.v4nets.setdefault(a[:3], len(self.v4nets))
                    a = self.addrs4.setdefault(a, a)
                else:
                    if a[0] == 0xFF or a == bytes(16) or a == bytes(15) + b'\1':
                        continue
                    a = self.v6.setdefault(a, a)
                fields.append((o, ln, a))
            s = data[src:src + (4 if ipcs >= 0 else 16)] if src >= 0 else None
            d = data[dst:dst + (4 if ipcs >= 0 else 16)] if dst >= 0 else None
            if s is not None:
                s = self.addrs4.get(s) or self.v6.get(s) or s
                d = self.addrs4.get(d) or self.v6.get(d) or d
            self.templates.append((rel, orig, data, tuple(fields), ipcs, l4cs, l4udp, s, d))
            self.nbytes += len(data)
        self.duration = rel
        self.npackets = len(self.templates)


def v4_prefix(n):
    if n < 65536 - 256:
        n += 256  # start at 10.1.0.0/24
        return bytes((10, n >> 8, n & 255))
    n -= 65536 - 256
    if n < 4096:
        return bytes((172, 16 + (n >> 8), n & 255))
    n -= 4096
    if n < 256:
        return bytes((192, 168, n))
    sys.exit('out of private IPv4 /24 prefixes: reduce TARGET_MB')


class Copy:
    """One rewritten, time-shifted copy of a source."""

    def __init__(self, src, number, net_base, start_us, vlan):
        self.src = src
        self.number = number
        self.start = start_us
        k = (number * 0x9E3779 + 0x1357) & 0xFFFFFF or 1
        amap = {}
        dmap = {}
        for m in src.macs:
            nic = (((m[3] << 16) | (m[4] << 8) | m[5]) + k) & 0xFFFFFF
            amap[m] = m[:3] + bytes((nic >> 16, (nic >> 8) & 255, nic & 255))
        prefixes = {p: v4_prefix(net_base + i) for p, i in src.v4nets.items()}
        for a in src.addrs4:
            new = prefixes[a[:3]] + a[3:]
            amap[a] = new
            dmap[a] = addr_delta(a, new)
        x = struct.pack('>I', (number * 0x9E3779B1 + 1) & 0xFFFFFFFF)
        for a in src.v6:
            new = a[:10] + bytes(p ^ q for p, q in zip(a[10:14], x)) + a[14:]
            amap[a] = new
            dmap[a] = addr_delta(a, new)
        self.amap = amap
        self.dmap = dmap
        self.vlan = struct.pack('>HH', 0x8100, vlan) if vlan else None

    def frame(self, i):
        rel, orig, data, fields, ipcs, l4cs, l4udp, s, d = self.src.templates[i]
        if not fields:
            buf = data
        else:
            amap = self.amap
            buf = bytearray(data)
            for o, ln, key in fields:
                buf[o:o + ln] = amap[key]
            if s is not None:
                dmap = self.dmap
                delta = dmap.get(s, 0) + dmap.get(d, 0)
                if delta:
                    if ipcs >= 0:
                        c = 0xFFFF - ((buf[ipcs] << 8) | buf[ipcs + 1]) + delta
                        while c > 0xFFFF:
                            c = (c & 0xFFFF) + (c >> 16)
                        c = 0xFFFF - c
                        buf[ipcs] = c >> 8
                        buf[ipcs + 1] = c & 255
                    if l4cs >= 0:
                        old = (buf[l4cs] << 8) | buf[l4cs + 1]
                        if not (l4udp and old == 0):
                            c = 0xFFFF - old + delta
                            while c > 0xFFFF:
                                c = (c & 0xFFFF) + (c >> 16)
                            c = 0xFFFF - c
                            if l4udp and c == 0:
                                c = 0xFFFF
                            buf[l4cs] = c >> 8
                            buf[l4cs + 1] = c & 255
        if self.vlan is not None and len(buf) >= 14:
            if not isinstance(buf, bytearray):
                buf = bytearray(buf)
            buf[12:12] = self.vlan
            orig += 4
        return orig, buf


def main():
    if len(sys.argv) < 2:
        sys.exit('usage: make_capture.py OUT.pcap [TARGET_MB]')
    out = sys.argv[1]
    target = int(float(sys.argv[2]) * 1000000) if len(sys.argv) > 2 else 1000 * 1000000
    srcdir = os.environ.get('BENCH_SRC', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'corpus', 'bench-src'))
    duration_us = int(float(os.environ.get('BENCH_DURATION', '3600')) * 1000000)
    max_gap_us = int(float(os.environ.get('BENCH_MAX_GAP', '10')) * 1000000)
    vlan_every = int(os.environ.get('BENCH_VLAN_EVERY', '4'))
    start_epoch = int(os.environ.get('BENCH_EPOCH', '1767225600'))  # 2026-01-01T00:00:00Z

    names = sorted(f for f in os.listdir(srcdir) if f.endswith(('.pcap', '.pcapng')))
    if not names:
        sys.exit('no .pcap/.pcapng files in %s' % srcdir)
    # Record the inputs' fingerprint (and warn if they differ from SOURCES.tsv).
    expected = {}
    tsv = os.path.join(srcdir, 'SOURCES.tsv')
    if os.path.exists(tsv):
        for line in open(tsv):
            if line.startswith('#') or not line.strip():
                continue
            parts = line.split('\t')
            expected[parts[1]] = parts[0]
    fp = hashlib.sha256()
    sources = []
    for name in names:
        path = os.path.join(srcdir, name)
        h = hashlib.sha256(open(path, 'rb').read()).hexdigest()
        if expected and expected.get(name) != h:
            print('warning: %s sha256 %s differs from SOURCES.tsv' % (name, h), file=sys.stderr)
        fp.update(('%s %s\n' % (h, name)).encode())
        sources.append(Source(path, max_gap_us))
    print('inputs: %d files, fingerprint %s' % (len(sources), fp.hexdigest()[:16]), file=sys.stderr)

    # Plan copies round by round until the estimated output size reaches the target.
    copies = []
    size = 24
    net_base = 0
    number = 0
    while size < target:
        for src in sources:
            w = next((v for p, v in WEIGHTS.items() if src.name.startswith(p)), 1)
            for _ in range(w):
                if size >= target:
                    break
                vlan = 0
                if vlan_every > 0 and number % vlan_every == vlan_every - 1:
                    vlan = 100 + (number // vlan_every) % 900
                span = max(duration_us - src.duration, 0)
                start = (number * 2654435761) % (span + 1)
                copies.append(Copy(src, number, net_base, start, vlan))
                net_base += len(src.v4nets)
                number += 1
                size += src.nbytes + 16 * src.npackets + (4 * src.npackets if vlan else 0)

    # Merge all copies by (timestamp, copy number, packet index).
    heap = [(c.start + c.src.templates[0][0], c.number, 0) for c in copies if c.src.npackets]
    heapq.heapify(heap)
    rec = REC_HDR.pack
    npk = 0
    nbytes = 0
    chunk = []
    chunk_len = 0
    with open(out + '.tmp', 'wb') as f:
        f.write(PCAP_HDR.pack(0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        while heap:
            ts, cn, i = heap[0]
            c = copies[cn]
            orig, buf = c.frame(i)
            t = start_epoch * 1000000 + ts
            chunk.append(rec(t // 1000000, t % 1000000, len(buf), orig))
            chunk.append(buf)
            chunk_len += 16 + len(buf)
            npk += 1
            nbytes += len(buf)
            i += 1
            tpl = c.src.templates
            if i < len(tpl):
                heapq.heapreplace(heap, (c.start + tpl[i][0], cn, i))
            else:
                heapq.heappop(heap)
            if chunk_len >= 1 << 22:
                f.write(b''.join(chunk))
                chunk = []
                chunk_len = 0
        f.write(b''.join(chunk))
    os.replace(out + '.tmp', out)
    print('wrote %s: %d copies of %d sources, %d packets, %d bytes of frames, mean frame %.1f B, '
          'file %d bytes, %d IPv4 /24 prefixes'
          % (out, len(copies), len(sources), npk, nbytes, nbytes / max(npk, 1),
             os.path.getsize(out), net_base), file=sys.stderr)


if __name__ == '__main__':
    main()
