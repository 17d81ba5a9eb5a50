import PacketCrafting
import PacketLayers

/// One simulated host: addresses, what it is, and the identity its protocols carry. The identity
/// is the single source for every encoder that describes the device (S7 SZL, CIP identity,
/// Modbus device identification, BACnet, PROFINET DCP, LLDP, DHCP), so the inventory built from
/// the capture can be checked against it.
public struct Device: Sendable {
    /// What the device does in the plant; decides which activities it takes part in.
    public enum Kind: String, Sendable {
        case siemensPLC, logixPLC, modbusPLC, bacnetController, profinetIODevice, cipAdapter
        case dnp3Outstation, iec104Outstation, opcuaServer
        case hmi, scadaServer, engineeringWorkstation, bmsWorkstation, historian, iiotGateway
        case networkSwitch, itServer, itClient, rogueLaptop
    }

    public var name: String
    public var kind: Kind
    /// The role the inventory should give it (an `AssetRole` raw value: `plc`, `hmi` …).
    public var expectedRole: String
    public var purdueLevel: Int?
    public var mac: MACAddress
    public var ip: IPAddress
    public var vlan: UInt16?
    public var identity: DeviceIdentity

    public var endpoint: NetworkEndpoint { NetworkEndpoint(mac: mac, ip: ip) }
}

/// What a device says about itself (fields a kind has no protocol for stay empty).
public struct DeviceIdentity: Sendable {
    public var vendor: String
    public var product: String = ""
    public var model: String = ""
    public var orderNumber: String = ""
    public var firmware: String = ""
    public var hardware: String = ""
    public var serial: String = ""
    /// CIP vendor id / device type / product code, BACnet vendor id and device instance.
    public var vendorID: UInt16 = 0
    public var deviceType: UInt16 = 0
    public var productCode: UInt16 = 0
    public var deviceInstance: UInt32 = 0
    /// Software version string (LLDP system description, OPC UA build info, DHCP vendor class).
    public var software: String = ""
    /// PROFINET station name, DHCP host name, LLDP system name: the device's own name.
    public var stationName: String = ""
}
