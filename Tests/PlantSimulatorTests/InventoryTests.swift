import AssetInventory
import Foundation
import Monitor
import PlantSimulator
import Testing

/// The inventory of the simulated plant finds every device with the role, Purdue level and
/// identity the plant model gave it.
@Suite struct InventoryTests {
    static let reference: ReferenceData = {
        do { return try ReferenceData.load() } catch { fatalError("reference data: \(error)") }
    }()

    static let inventory: Inventory = CaptureAnalyzer().inventory(
        [SimulatedCapture.attack.path], reference: reference
    ).inventory

    /// Devices whose role the inventory cannot infer from this traffic, with the role it gives
    /// and why (docs/simulator.md, "Inventory tolerances").
    static let roleTolerances: [String: (role: AssetRole, reason: String)] = [
        // RoleClassifier recognises CIP I/O by device-type names ("adapter", "discrete i/o"), but
        // the CIP identity fact carries the numeric type (12): it serves EtherNet/IP, so `plc`.
        "io-fill-1": (.controller, "CIP device type is numeric; serving EtherNet/IP makes it a controller")
    ]

    static let plant = PlantSimulator.plant(attack: true)

    @Test(arguments: plant.devices.map(\.name))
    func deviceIsFoundWithItsRole(name: String) throws {
        let device = Self.plant.device(name)
        let asset = try #require(
            Self.inventory.assets.first { $0.macs.contains(device.mac) }, "\(name) (\(device.mac)) not in inventory")
        #expect(asset.ips.contains(device.ip), "\(name): \(asset.ips)")
        let expected = Self.roleTolerances[name]?.role ?? AssetRole(rawValue: device.expectedRole)
        #expect(asset.role == expected, "\(name): \(asset.role) because \(asset.roleReasons)")
        if Self.roleTolerances[name] == nil {
            #expect(asset.purdueLevel == device.purdueLevel, "\(name): level \(String(describing: asset.purdueLevel))")
        }
    }

    @Test(arguments: plant.devices.map(\.name))
    func identityMatchesThePlantModel(name: String) throws {
        let device = Self.plant.device(name)
        let asset = try #require(Self.inventory.assets.first { $0.macs.contains(device.mac) })
        let identity = device.identity
        switch device.kind {
        case .siemensPLC:
            #expect(asset.identity.orderNumber == identity.orderNumber)
            #expect(asset.identity.firmware == identity.firmware)
            #expect(asset.identity.serial == identity.serial)
            #expect(asset.identity.model == identity.model)
            #expect(asset.names.contains { $0.name == identity.stationName })
        case .logixPLC, .cipAdapter:
            #expect(asset.identity.vendor == identity.vendor)
            #expect(asset.identity.product == identity.product)
            #expect(asset.identity.firmware == identity.firmware)
            #expect(asset.identity.deviceType == String(identity.deviceType))
        case .modbusPLC:
            #expect(asset.identity.vendor == identity.vendor)
            #expect(asset.identity.firmware == identity.firmware)
            #expect(asset.facts.contains { $0.key.name == "product_code" && $0.value == identity.product })
        case .profinetIODevice:
            #expect(asset.identity.stationName == identity.stationName)
            #expect(asset.identity.model == identity.model)
        case .bacnetController:
            #expect(asset.identity.model == identity.model)
            #expect(asset.identity.firmware == identity.firmware)
            #expect(asset.names.contains { $0.name == identity.stationName })
            #expect(asset.facts.contains { $0.key.name == "device_id" && $0.value == String(identity.deviceInstance) })
        case .networkSwitch:
            #expect(asset.names.contains { $0.name == identity.stationName })
        case .opcuaServer:
            #expect(asset.names.contains { $0.name == identity.product })
            #expect(asset.identity.product == "urn:BeckhoffAutomation:TcOpcUaServer")
        case .iiotGateway:
            #expect(asset.names.contains { $0.name == identity.stationName })
        case .itClient:
            #expect(asset.names.contains { $0.name == identity.stationName })
            #expect(asset.facts.contains { $0.key.name == "vendor_class" && $0.value == identity.software })
        case .itServer:
            #expect(asset.names.contains { $0.name == identity.stationName + ".corp.local" })
        default:
            break
        }
        // Nobody else carries the device's identity.
        if device.kind == .logixPLC || device.kind == .cipAdapter {
            #expect(Self.inventory.assets.filter { $0.identity.product == identity.product }.count == 1)
        }
    }
}
