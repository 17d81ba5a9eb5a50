/*
 * cfloor — the floor: what any flow monitor must at least do.
 *
 * Reads a capture file with libpcap (pcap_open_offline + pcap_next_ex), parses Ethernet,
 * 802.1Q / 802.1ad VLAN tags (QinQ too), IPv4 (with options, fragments), IPv6 (common
 * extension headers), TCP and UDP headers, and counts bidirectional flows in an
 * open-addressing hash table (linear probing, doubles at 50% load). The flow key is
 * symmetric: the (address, port) pairs are sorted, then protocol and VLAN IDs are added.
 * Each flow keeps packet and byte counters and first/last timestamps.
 *
 * TCP and UDP packets make 5-tuple flows; other IP packets (ICMP, non-first fragments, ...)
 * make address-pair flows with ports 0, counted separately as "other".
 *
 * Build: cc -O2 -o bench/work/cfloor bench/cfloor.c -lpcap
 * Usage: cfloor CAPTURE            (prints one line of key=value results)
 *        cfloor -l CAPTURE         (also lists every flow, tab separated, to stdout)
 */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct key {
    uint8_t a[16], b[16];   /* IPv4 as ::ffff:a.b.c.d */
    uint16_t pa, pb;
    uint32_t vlan;          /* outer VID << 12 | inner VID (0 = untagged) */
    uint8_t proto;
    uint8_t pad[3];
};

struct flow {
    struct key k;
    uint64_t hash;          /* 0 = empty slot */
    uint64_t packets, bytes;
    int64_t first_us, last_us;
};

static struct flow *table;
static size_t cap = 1 << 16, used;
static uint64_t nflows_tcp, nflows_udp, nflows_other;

static inline uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v * 0x9E3779B97F4A7C15ULL;
    h = (h << 27 | h >> 37) * 0xC2B2AE3D27D4EB4FULL;
    return h;
}

static uint64_t hash_key(const struct key *k)
{
    uint64_t w[5];
    uint64_t h = 0x243F6A8885A308D3ULL;
    memcpy(w, k->a, 16);
    memcpy(w + 2, k->b, 16);
    memcpy(w + 4, &k->pa, 8); /* pa, pb, vlan */
    for (int i = 0; i < 5; i++)
        h = mix(h, w[i]);
    h = mix(h, k->proto);
    h ^= h >> 31;
    return h ? h : 1;
}

static void grow(void)
{
    size_t ncap = cap * 2;
    struct flow *nt = calloc(ncap, sizeof *nt);
    if (!nt) {
        perror("calloc");
        exit(1);
    }
    for (size_t i = 0; i < cap; i++) {
        if (!table[i].hash)
            continue;
        size_t j = table[i].hash & (ncap - 1);
        while (nt[j].hash)
            j = (j + 1) & (ncap - 1);
        nt[j] = table[i];
    }
    free(table);
    table = nt;
    cap = ncap;
}

static void account(struct key *k, uint32_t len, int64_t ts)
{
    /* symmetric key: order the (address, port) ends */
    int c = memcmp(k->a, k->b, 16);
    if (c > 0 || (c == 0 && k->pa > k->pb)) {
        uint8_t t[16];
        memcpy(t, k->a, 16);
        memcpy(k->a, k->b, 16);
        memcpy(k->b, t, 16);
        uint16_t p = k->pa;
        k->pa = k->pb;
        k->pb = p;
    }
    uint64_t h = hash_key(k);
    size_t i = h & (cap - 1);
    for (;;) {
        struct flow *f = &table[i];
        if (!f->hash) {
            f->k = *k;
            f->hash = h;
            f->packets = 1;
            f->bytes = len;
            f->first_us = f->last_us = ts;
            if (k->proto == 6 && (k->pa || k->pb))
                nflows_tcp++;
            else if (k->proto == 17 && (k->pa || k->pb))
                nflows_udp++;
            else
                nflows_other++;
            if (++used * 2 > cap)
                grow();
            return;
        }
        if (f->hash == h && memcmp(&f->k, k, sizeof *k) == 0) {
            f->packets++;
            f->bytes += len;
            f->last_us = ts;
            return;
        }
        i = (i + 1) & (cap - 1);
    }
}

static const uint8_t V4MAPPED[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF};

static inline uint16_t be16(const u_char *p) { return (uint16_t)(p[0] << 8 | p[1]); }

static uint64_t n_ip, n_nonip, n_short;

/* Parse from the network layer; et = EtherType. */
static void network(const u_char *p, uint32_t n, uint16_t et, uint32_t vlan, uint32_t len,
                    int64_t ts)
{
    struct key k;
    memset(&k, 0, sizeof k);
    k.vlan = vlan;
    uint8_t proto;
    const u_char *l4;
    uint32_t l4n;
    int first = 1;
    if (et == 0x0800) {
        if (n < 20 || (p[0] >> 4) != 4) {
            n_short++;
            return;
        }
        uint32_t ihl = (p[0] & 15) * 4;
        if (ihl < 20 || ihl > n) {
            n_short++;
            return;
        }
        k.a[10] = k.a[11] = k.b[10] = k.b[11] = 0xFF;
        memcpy(k.a + 12, p + 12, 4);
        memcpy(k.b + 12, p + 16, 4);
        proto = p[9];
        first = (be16(p + 6) & 0x1FFF) == 0;
        l4 = p + ihl;
        l4n = n - ihl;
    } else if (et == 0x86DD) {
        if (n < 40 || (p[0] >> 4) != 6) {
            n_short++;
            return;
        }
        memcpy(k.a, p + 8, 16);
        memcpy(k.b, p + 24, 16);
        proto = p[6];
        l4 = p + 40;
        l4n = n - 40;
        /* hop-by-hop, routing, fragment, destination options, AH */
        while ((proto == 0 || proto == 43 || proto == 44 || proto == 60 || proto == 51) &&
               l4n >= 8) {
            uint32_t hl;
            if (proto == 44) {
                hl = 8;
                if (be16(l4 + 2) & 0xFFF8)
                    first = 0;
            } else if (proto == 51) {
                hl = (l4[1] + 2) * 4;
            } else {
                hl = (l4[1] + 1) * 8;
            }
            if (hl > l4n)
                break;
            proto = l4[0];
            l4 += hl;
            l4n -= hl;
        }
    } else {
        n_nonip++;
        return;
    }
    n_ip++;
    k.proto = proto;
    if (first && (proto == 6 || proto == 17) && l4n >= 4) {
        k.pa = be16(l4);
        k.pb = be16(l4 + 2);
    }
    account(&k, len, ts);
}

static void ethernet(const u_char *p, uint32_t n, uint32_t len, int64_t ts)
{
    if (n < 14) {
        n_short++;
        return;
    }
    uint16_t et = be16(p + 12);
    uint32_t off = 14, vlan = 0;
    while ((et == 0x8100 || et == 0x88A8 || et == 0x9100) && off + 4 <= n) {
        vlan = (vlan << 12) | (be16(p + off) & 0x0FFF);
        et = be16(p + off + 2);
        off += 4;
    }
    if (et < 0x0600) { /* 802.3 length: LLC frames, not IP */
        n_nonip++;
        return;
    }
    network(p + off, n - off, et, vlan, len, ts);
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    int list = 0;
    if (argc > 1 && strcmp(argv[1], "-l") == 0) {
        list = 1;
        argc--;
        argv++;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: cfloor [-l] CAPTURE\n");
        return 2;
    }
    double t0 = now();
    char err[PCAP_ERRBUF_SIZE];
    pcap_t *pc = pcap_open_offline(argv[1], err);
    if (!pc) {
        fprintf(stderr, "cfloor: %s\n", err);
        return 1;
    }
    int dlt = pcap_datalink(pc);
    table = calloc(cap, sizeof *table);
    struct pcap_pkthdr *h;
    const u_char *d;
    uint64_t packets = 0, bytes = 0, captured = 0;
    int r;
    while ((r = pcap_next_ex(pc, &h, &d)) == 1) {
        packets++;
        bytes += h->len;
        captured += h->caplen;
        int64_t ts = (int64_t)h->ts.tv_sec * 1000000 + h->ts.tv_usec;
        switch (dlt) {
        case DLT_EN10MB:
            ethernet(d, h->caplen, h->len, ts);
            break;
        case DLT_LINUX_SLL:
            if (h->caplen >= 16)
                network(d + 16, h->caplen - 16, be16(d + 14), 0, h->len, ts);
            break;
        case DLT_RAW:
        case 101: /* LINKTYPE_RAW as stored in files */
            if (h->caplen >= 1)
                network(d, h->caplen, (d[0] >> 4) == 6 ? 0x86DD : 0x0800, 0, h->len, ts);
            break;
        default:
            fprintf(stderr, "cfloor: unsupported link type %d\n", dlt);
            return 1;
        }
    }
    if (r == -1)
        fprintf(stderr, "cfloor: %s\n", pcap_geterr(pc));
    double t1 = now();
    if (list) {
        char a[64], b[64];
        for (size_t i = 0; i < cap; i++) {
            struct flow *f = &table[i];
            if (!f->hash)
                continue;
            const uint8_t *x = f->k.a, *y = f->k.b;
            if (!memcmp(x, V4MAPPED, 12) && !memcmp(y, V4MAPPED, 12)) {
                snprintf(a, sizeof a, "%u.%u.%u.%u", x[12], x[13], x[14], x[15]);
                snprintf(b, sizeof b, "%u.%u.%u.%u", y[12], y[13], y[14], y[15]);
            } else {
                for (int j = 0; j < 2; j++) {
                    const uint8_t *z = j ? y : x;
                    char *o = j ? b : a;
                    for (int q = 0; q < 8; q++)
                        o += sprintf(o, q ? ":%x" : "%x", be16(z + 2 * q));
                }
            }
            printf("%u\t%u\t%s\t%u\t%s\t%u\t%llu\t%llu\n", f->k.vlan, f->k.proto, a, f->k.pa,
                   b, f->k.pb, (unsigned long long)f->packets, (unsigned long long)f->bytes);
        }
    }
    double secs = t1 - t0;
    fprintf(list ? stderr : stdout,
            "cfloor packets=%llu bytes=%llu captured_bytes=%llu flows=%llu tcp_flows=%llu "
            "udp_flows=%llu other_ip_flows=%llu ip_packets=%llu non_ip_packets=%llu "
            "malformed=%llu seconds=%.3f pps=%.0f\n",
            (unsigned long long)packets, (unsigned long long)bytes,
            (unsigned long long)captured, (unsigned long long)(nflows_tcp + nflows_udp),
            (unsigned long long)nflows_tcp, (unsigned long long)nflows_udp,
            (unsigned long long)nflows_other, (unsigned long long)n_ip,
            (unsigned long long)n_nonip, (unsigned long long)n_short, secs,
            secs > 0 ? packets / secs : 0.0);
    pcap_close(pc);
    free(table);
    return 0;
}
