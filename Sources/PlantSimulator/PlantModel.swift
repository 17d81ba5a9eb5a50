import PacketLayers

/// The simulated plant: a packaging cell (Siemens), a filling cell (Rockwell), utilities
/// (Schneider, Phoenix Contact, WAGO BACnet), a substation (SEL DNP3, Hitachi Energy IEC 104),
/// supervisory hosts, a historian, switches, and an IT VLAN. The OT network is one layer-2
/// segment 10.10.0.0/16 with a /24 per cell (untagged); the IT hosts sit on VLAN 20, 10.20.0.0/24.
/// The devices are fixed; the seed only changes timing, sequence numbers and process values.
public struct PlantModel: Sendable {
    public var devices: [Device]

    public static let itVLAN: UInt16 = 20
    public static let domain = "plant.local"

    public func device(_ name: String) -> Device {
        guard let device = devices.first(where: { $0.name == name }) else { preconditionFailure("no device \(name)") }
        return device
    }

    public func devices(of kind: Device.Kind) -> [Device] { devices.filter { $0.kind == kind } }

    /// `rogue`: adds the attacker's laptop (10.10.3.66).
    public static func standard(rogue: Bool = false) -> PlantModel {
        var devices: [Device] = []
        func add(
            _ name: String, _ kind: Device.Kind, role: String, level: Int?, oui: UInt64, ip: String,
            vlan: UInt16? = nil, _ identity: DeviceIdentity
        ) {
            let host = UInt64(IPAddress(ip)!.ipv4Value & 0xFFFF)
            // The low three bytes: a per-vendor serial-like prefix and the address's host part.
            let mac = MACAddress(rawValue: oui << 24 | UInt64(0x40 + devices.count) << 16 | host)
            devices.append(
                Device(
                    name: name, kind: kind, expectedRole: role, purdueLevel: level, mac: mac, ip: IPAddress(ip)!,
                    vlan: vlan, identity: identity))
        }
        let siemens: UInt64 = 0x001B1B
        let rockwell: UInt64 = 0x0000BC
        let schneider: UInt64 = 0x0080F4
        let phoenix: UInt64 = 0x00A045
        let wago: UInt64 = 0x0030DE
        let sel: UInt64 = 0x0030A7
        let hitachi: UInt64 = 0x0002A3
        let beckhoff: UInt64 = 0x000105
        let moxa: UInt64 = 0x0090E8
        let advantech: UInt64 = 0x00D0C9
        let dell: UInt64 = 0x001422
        let dellClient: UInt64 = 0xF8B156
        let hp: UInt64 = 0x3CD92B
        let cisco: UInt64 = 0x001E13
        let hirschmann: UInt64 = 0x008063

        // Level 1 / 0: packaging cell, Siemens S7-300/400 with ET 200 I/O.
        add(
            "plc-pack-1", .siemensPLC, role: "plc", level: 1, oui: siemens, ip: "10.10.1.10",
            DeviceIdentity(
                vendor: "Siemens", model: "CPU 315-2 PN/DP", orderNumber: "6ES7 315-2EH14-0AB0", firmware: "V3.2.6",
                hardware: "V4", serial: "S C-H4P312672015", stationName: "plc-pack-1"))
        add(
            "plc-pack-2", .siemensPLC, role: "plc", level: 1, oui: siemens, ip: "10.10.1.11",
            DeviceIdentity(
                vendor: "Siemens", model: "CPU 414-3 PN/DP", orderNumber: "6ES7 414-3EM07-0AB0", firmware: "V6.0.8",
                hardware: "V2", serial: "S C-L7K104882019", stationName: "plc-pack-2"))
        add(
            "io-pack-1", .profinetIODevice, role: "io_device", level: 0, oui: siemens, ip: "10.10.1.20",
            DeviceIdentity(
                vendor: "Siemens", model: "ET 200SP", orderNumber: "6ES7 155-6AU01-0BN0", firmware: "V4.2.1",
                vendorID: 0x002A, productCode: 0x0313, stationName: "et200sp-pack-1"))
        add(
            "io-pack-2", .profinetIODevice, role: "io_device", level: 0, oui: siemens, ip: "10.10.1.21",
            DeviceIdentity(
                vendor: "Siemens", model: "ET 200MP", orderNumber: "6ES7 155-5AA00-0AB0", firmware: "V3.0.0",
                vendorID: 0x002A, productCode: 0x0303, stationName: "et200mp-pack-2"))

        // Filling cell: Rockwell Logix with a POINT I/O adapter.
        add(
            "plc-fill-1", .logixPLC, role: "plc", level: 1, oui: rockwell, ip: "10.10.2.10",
            DeviceIdentity(
                vendor: "Rockwell Automation/Allen-Bradley", product: "1756-L73/B LOGIX5573", firmware: "32.11",
                serial: "0x60a1b2c3", vendorID: 1, deviceType: 14, productCode: 94))
        add(
            "plc-fill-2", .logixPLC, role: "plc", level: 1, oui: rockwell, ip: "10.10.2.11",
            DeviceIdentity(
                vendor: "Rockwell Automation/Allen-Bradley", product: "1769-L33ER/A LOGIX5333ER", firmware: "30.11",
                serial: "0x60c4d5e6", vendorID: 1, deviceType: 14, productCode: 107))
        add(
            "io-fill-1", .cipAdapter, role: "io_device", level: 0, oui: rockwell, ip: "10.10.2.20",
            DeviceIdentity(
                vendor: "Rockwell Automation/Allen-Bradley", product: "1734-AENT/B Ethernet Adapter", firmware: "6.12",
                serial: "0x40f1e2d3", vendorID: 1, deviceType: 12, productCode: 142))

        // Utilities: Modbus controllers and a BACnet building controller.
        add(
            "plc-util-1", .modbusPLC, role: "plc", level: 1, oui: schneider, ip: "10.10.3.10",
            DeviceIdentity(
                vendor: "Schneider Electric", product: "BMX P34 2020", model: "Modicon M340", firmware: "v3.20"))
        add(
            "plc-util-2", .modbusPLC, role: "plc", level: 1, oui: phoenix, ip: "10.10.3.11",
            DeviceIdentity(vendor: "Phoenix Contact", product: "ILC 151 ETH", model: "2700974", firmware: "4.42"))
        add(
            "bms-1", .bacnetController, role: "plc", level: 1, oui: wago, ip: "10.10.3.20",
            DeviceIdentity(
                vendor: "WAGO Kontakttechnik GmbH", model: "750-831", firmware: "01.03.08", vendorID: 222,
                deviceInstance: 3020, stationName: "AHU-3 Controller"))

        // Substation: telecontrol outstations.
        add(
            "rtu-sub-1", .dnp3Outstation, role: "rtu", level: 1, oui: sel, ip: "10.10.4.10",
            DeviceIdentity(vendor: "Schweitzer Engineering Laboratories", model: "SEL-3530 RTAC"))
        add(
            "rtu-sub-2", .iec104Outstation, role: "rtu", level: 1, oui: hitachi, ip: "10.10.4.11",
            DeviceIdentity(vendor: "Hitachi Energy", model: "RTU560"))

        // Level 2: supervision and engineering.
        add(
            "hmi-pack", .hmi, role: "hmi", level: 2, oui: advantech, ip: "10.10.10.21",
            DeviceIdentity(vendor: "Advantech", software: "WinCC V7.5"))
        add(
            "hmi-fill", .hmi, role: "hmi", level: 2, oui: advantech, ip: "10.10.10.22",
            DeviceIdentity(vendor: "Advantech", software: "FactoryTalk View SE"))
        add(
            "hmi-util", .hmi, role: "hmi", level: 2, oui: advantech, ip: "10.10.10.23",
            DeviceIdentity(vendor: "Advantech", software: "Vijeo Designer"))
        add(
            "scada-1", .scadaServer, role: "hmi", level: 2, oui: hp, ip: "10.10.10.30",
            DeviceIdentity(vendor: "Hewlett Packard", software: "SCADA server"))
        add(
            "bms-ws", .bmsWorkstation, role: "hmi", level: 2, oui: dell, ip: "10.10.10.40",
            DeviceIdentity(vendor: "Dell", software: "BMS front end"))
        add(
            "ews-1", .engineeringWorkstation, role: "engineering_workstation", level: 2, oui: dell, ip: "10.10.10.10",
            DeviceIdentity(vendor: "Dell", software: "TIA Portal V17"))
        add(
            "opcua-1", .opcuaServer, role: "opc_server", level: 2, oui: beckhoff, ip: "10.10.10.50",
            DeviceIdentity(
                vendor: "Beckhoff Automation", product: "TwinCAT OPC UA Server", model: "CX5140", software: "4.3.48",
                stationName: "CX-OPCUA-1"))
        add(
            "iiot-gw-1", .iiotGateway, role: "iiot_gateway", level: 2, oui: moxa, ip: "10.10.10.60",
            DeviceIdentity(vendor: "Moxa", model: "UC-8112A-ME-T", stationName: "uc8112-gw-1"))

        // Level 3: site operations.
        add(
            "historian-1", .historian, role: "historian", level: 3, oui: hp, ip: "10.10.30.10",
            DeviceIdentity(vendor: "Hewlett Packard", software: "Historian"))

        // Network devices (LLDP).
        add(
            "sw-core-1", .networkSwitch, role: "network_device", level: nil, oui: cisco, ip: "10.10.0.2",
            DeviceIdentity(
                vendor: "Cisco", model: "IE-4000-8GT8GP4G-E", software: "Cisco IOS Software, IE4000 Version 15.2(7)E4",
                stationName: "sw-core-1"))
        add(
            "sw-cell-1", .networkSwitch, role: "network_device", level: nil, oui: hirschmann, ip: "10.10.0.3",
            DeviceIdentity(
                vendor: "Hirschmann", model: "RSP35", software: "Hirschmann Railswitch HiOS-3S-08.7.01",
                stationName: "sw-cell-1"))
        add(
            "sw-cell-2", .networkSwitch, role: "network_device", level: nil, oui: hirschmann, ip: "10.10.0.4",
            DeviceIdentity(
                vendor: "Hirschmann", model: "RSP35", software: "Hirschmann Railswitch HiOS-3S-08.7.01",
                stationName: "sw-cell-2"))
        add(
            "sw-it-1", .networkSwitch, role: "network_device", level: nil, oui: cisco, ip: "10.20.0.2",
            vlan: itVLAN,
            DeviceIdentity(
                vendor: "Cisco", model: "C9300-48P", software: "Cisco IOS XE Software, Version 17.06.05",
                stationName: "sw-it-1"))

        // Level 4: the IT VLAN. The server answers DHCP and DNS; clients lease and look names up.
        add(
            "dc-it-1", .itServer, role: "it_server", level: 4, oui: dell, ip: "10.20.0.10", vlan: itVLAN,
            DeviceIdentity(vendor: "Dell", software: "Windows Server 2019", stationName: "dc-it-1"))
        let clients: [(String, UInt64)] = [
            ("it-pc-01", dellClient), ("it-pc-02", dellClient), ("it-pc-03", hp), ("it-pc-04", hp),
            ("it-pc-05", dellClient), ("it-pc-06", 0x5065F3), ("it-pc-07", 0xE4434B), ("it-pc-08", 0x6C3C8C),
        ]
        for (index, client) in clients.enumerated() {
            add(
                client.0, .itClient, role: "it_client", level: 4, oui: client.1, ip: "10.20.0.\(101 + index)",
                vlan: itVLAN, DeviceIdentity(vendor: "", software: "MSFT 5.0", stationName: client.0))
        }
        if rogue {
            // Found by its behaviour: it sweeps devices with identification requests.
            add(
                "rogue-laptop", .rogueLaptop, role: "engineering_workstation", level: 2, oui: 0xB827EB,
                ip: "10.10.3.66", DeviceIdentity(vendor: "Raspberry Pi"))
        }
        return PlantModel(devices: devices)
    }
}
