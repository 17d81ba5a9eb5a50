import PacketLayers
import Testing

@Suite("Addresses")
struct AddressTests {
    @Test("MAC addresses: parsing, printing, flags")
    func macAddresses() throws {
        let address = try #require(MACAddress("00:1B:1b:0a:FF:01"))
        #expect(address.rawValue == 0x001B_1B0A_FF01)
        #expect(address.description == "00:1b:1b:0a:ff:01")
        #expect(address.oui == 0x001B1B)
        #expect(!address.isMulticast)
        #expect(MACAddress("01-80-c2-00-00-0e")?.isMulticast == true)
        #expect(MACAddress("ff:ff:ff:ff:ff:ff") == .broadcast)
        #expect(MACAddress.broadcast.isBroadcast)
        #expect(MACAddress(rawValue: 0xFFFF_0000_0000_0001).rawValue == 1)  // kept to 48 bits
        #expect(MACAddress("00:11:22:33:44") == nil)
        #expect(MACAddress("00:11:22:33:44:555") == nil)
        #expect(MACAddress("00:11:22:33:44:gg") == nil)
        #expect(MACAddress("0:1:2:3:4:5")?.description == "00:01:02:03:04:05")
        #expect(MACAddress("00:00:00:00:00:01")! < MACAddress("00:00:00:00:01:00")!)
    }

    @Test("Address text at the edges")
    func addressText() {
        #expect(MACAddress.zero.description == "00:00:00:00:00:00")
        #expect(MACAddress.broadcast.description == "ff:ff:ff:ff:ff:ff")
        #expect(MACAddress(rawValue: 0x0A0B_0C0D_0E0F).description == "0a:0b:0c:0d:0e:0f")
        var bytes: [UInt8] = Array("x=".utf8)
        MACAddress(rawValue: 0x00D0_C977_0120).write(into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "x=00:d0:c9:77:01:20")

        #expect(IPAddress(ipv4: 0).description == "0.0.0.0")
        #expect(IPAddress(ipv4: 0xFFFF_FFFF).description == "255.255.255.255")
        #expect(IPAddress(ipv4: 0x0A09_6405).description == "10.9.100.5")
        // IPv4-mapped prints dotted (the mapped unspecified address too); IPv4-compatible does not.
        #expect(IPAddress(high: 0, low: 0x0000_FFFF_C0A8_0001).description == "192.168.0.1")
        #expect(IPAddress(high: 0, low: 0x0000_FFFF_0000_0000).description == "0.0.0.0")
        #expect(IPAddress(high: 0, low: 0x0000_0000_C0A8_0001).description == "::c0a8:1")

        #expect(IPAddress.unspecified.description == "::")
        #expect(IPAddress(high: 0, low: 1).description == "::1")
        #expect(IPAddress(high: 0x0001_0000_0000_0000, low: 0).description == "1::")
        #expect(IPAddress(high: .max, low: .max).description == "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
        #expect(IPAddress(high: 0x2001_0DB8_0000_0000, low: 1).description == "2001:db8::1")
        // A single zero group is not compressed; of two equal runs the first is.
        #expect(
            IPAddress(high: 0x2001_0DB8_0000_0001, low: 0x0001_0001_0001_0001).description == "2001:db8:0:1:1:1:1:1")
        #expect(IPAddress(high: 0x2001_0DB8_0000_0000, low: 0x0001_0000_0000_0001).description == "2001:db8::1:0:0:1")
        // The longest run wins even when it comes second.
        #expect(IPAddress(high: 0x2001_0000_0000_0001, low: 0x0000_0000_0000_0001).description == "2001:0:0:1::1")
        #expect(
            IPAddress(high: 0xFE80_0000_0000_0000, low: 0x0211_22FF_FE33_4455).description == "fe80::211:22ff:fe33:4455"
        )
        var text: [UInt8] = []
        IPAddress(high: 0x2001_0DB8_0000_0000, low: 1).write(into: &text)
        IPAddress(ipv4: 0x7F00_0001).write(into: &text)
        #expect(String(decoding: text, as: UTF8.self) == "2001:db8::1127.0.0.1")
    }

    @Test("IPv4 addresses are held IPv4-mapped and print dotted")
    func ipv4() throws {
        let address = try #require(IPAddress("192.168.0.254"))
        #expect(address.isIPv4)
        #expect(address.ipv4Value == 0xC0A8_00FE)
        #expect(address == IPAddress(ipv4: 0xC0A8_00FE))
        #expect(address.high == 0)
        #expect(address.low == 0x0000_FFFF_C0A8_00FE)
        #expect(address.description == "192.168.0.254")
        #expect(IPAddress("224.0.0.251")!.isMulticast)
        #expect(!IPAddress("223.255.255.255")!.isMulticast)
        #expect(IPAddress("255.255.255.255")!.isBroadcast)
        #expect(IPAddress("0.0.0.0")!.isUnspecified)
        #expect(IPAddress.unspecified.isUnspecified)
        for bad in ["256.1.1.1", "1.2.3", "1.2.3.4.5", "a.b.c.d", "1..2.3", ""] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
        #expect(IPAddress("10.0.0.1")! < IPAddress("10.0.0.2")!)
    }

    @Test(
        "IPv6 addresses: parsing and RFC 5952 text",
        arguments: [
            ("2001:db8::1", "2001:db8::1"),
            ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("::", "::"),
            ("::1", "::1"),
            ("fe80::", "fe80::"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),  // one zero group is not compressed
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),  // the longest run is compressed
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),  // the first of equal runs
            ("ff02::1:ff00:2", "ff02::1:ff00:2"),
            ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
        ])
    func ipv6(text: String, canonical: String) throws {
        let address = try #require(IPAddress(text))
        #expect(!address.isIPv4)
        #expect(address.description == canonical)
        #expect(IPAddress(canonical) == address)
    }

    @Test("IPv6 values and invalid text")
    func ipv6Values() {
        let address = IPAddress("2001:db8::ff00:42:8329")!
        #expect(address.high == 0x2001_0DB8_0000_0000)
        #expect(address.low == 0x0000_FF00_0042_8329)
        #expect(IPAddress("ff05::2")!.isMulticast)
        #expect(!IPAddress("fe80::1")!.isMulticast)
        #expect(IPAddress("::")!.isUnspecified)
        for bad in ["1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "g::1", ":::"] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }
}
