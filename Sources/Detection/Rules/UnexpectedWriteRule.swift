import EventModel

/// **write-from-unexpected-host** — a host that is not an HMI/SCADA or engineering workstation
/// writes process values into a device.
///
/// Fires on write requests:
/// - Modbus Write Single Coil (5), Write Single Register (6), Write Multiple Coils (15), Write
///   Multiple Registers (16), Mask Write Register (22), Read/Write Multiple Registers (23);
/// - S7comm Write Var (job 0x05) and Force (userdata group 1, sub-function 0x10);
/// - CIP Write Tag (0x4D), Read-Modify-Write Tag (0x4E), Write Tag Fragmented (0x53) and the Set
///   services (0x02, 0x04, 0x10), except on the objects other rules own (clock 0x8B/0x43, TCP/IP
///   and Ethernet link 0xF5/0xF6, the Logix program structure);
/// - BACnet WriteProperty (15) and WritePropertyMultiple (16);
/// - OPC UA WriteRequest (673);
/// - DNP3 Write (2), except time (g50: controller-clock-set), files (g70: dnp3-file-write) and the
///   IIN clear every master sends (decoded as `other`);
/// - IEC 60870-5-104 parameter loads (P_ME_NA/NB/NC_1, P_AC_NA_1: types 110–113).
///
/// Commands (DNP3 operate, IEC 104 commands, OPC UA Call) are command-from-unexpected-host.
/// Writing is what HMIs and engineering workstations are for, so the rule trusts those roles and
/// stays quiet when the baseline shows the source writing to that destination; from anyone else
/// (another controller, a historian, an IT host, an unclassified host) it is medium. One alert per
/// source, destination, protocol and function; the summary says what was written (registers, tags,
/// data block bytes, BACnet objects, nodes, points).
///
/// Requests a host sends to itself (loopback captures) do not fire.
///
/// Roles are inferred from behaviour, and a rogue client that polls and writes over a
/// supervisory protocol, or sweeps and identifies devices, earns an HMI's or an engineering
/// workstation's role by doing what this rule judges (every rogue of the peers attack scenarios
/// does). So the role vouches only for an established host: one seen from the start of
/// observation, or an hour before the operation (`AssetDirectory.isEstablished`).
public struct UnexpectedWriteRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "write-from-unexpected-host", title: "Write from a host that is not an HMI or engineering workstation",
        severity: .medium, techniques: ["T0836", "T0855"],
        rationale:
            "Only the plant's HMIs and engineering workstations should change values in controllers; a write from elsewhere changes setpoints, outputs or parameters outside the operators' control.",
        protocols: [.modbus, .s7comm, .cip, .bacnet, .opcua, .dnp3, .iec104],
        trustedSourceRoles: [.hmi, .engineeringWorkstation], quietWhenBaselined: true)

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request, event.operation == .write else { return nil }
        // A host talking to itself (loopback captures, a test harness) is no intrusion.
        guard event.source != event.destination || event.isLayer2 else { return nil }
        let function = event.function
        let protocolID = event.protocolID
        switch protocolID {
        case .modbus:
            switch function {
            case 5, 6, 15, 16, 22, 23: break
            default: return nil
            }
        case .s7comm:
            guard (event.functionGroup < 0 && function == 0x05) || (event.functionGroup == 1 && function == 0x10)
            else { return nil }
        case .cip:
            switch function {
            case 0x4D, 0x4E, 0x53, 0x02, 0x04, 0x10: break
            default: return nil
            }
            if event.target.kind == .cipPath {
                switch event.target.first {
                case 0x8B, 0x43, 0xF5, 0xF6: return nil
                case let classID where LogixProgramClass.contains(classID): return nil
                default: break
                }
            }
        case .bacnet:
            guard function == 15 || function == 16 else { return nil }
        case .opcua:
            guard function == 673 else { return nil }
        case .dnp3:
            guard function == 2 else { return nil }
            if event.target.kind == .dnp3Object, event.target.first == 50 || event.target.first == 70 { return nil }
        case .iec104:
            guard (110...113).contains(function) else { return nil }
        default:
            return nil
        }
        return RuleHit(detail: Int64(protocolID.id) << 32 | (function & 0xFFFF_FFFF))
    }

    public func summary(_ occurrence: Occurrence) -> String {
        let what = occurrence.target.isEmpty ? "" : "\(occurrence.target) on "
        return
            "\(occurrence.source) wrote \(what)\(occurrence.destination) with \(occurrence.protocolName) \(occurrence.functionName) (function \(occurrence.function ?? -1)): not an established HMI or engineering workstation"
    }
}
