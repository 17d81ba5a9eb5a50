import EventModel

/// **command-from-unexpected-host** — a host that is not an HMI/SCADA or engineering workstation
/// operates outputs or calls methods.
///
/// Fires on command requests:
/// - DNP3 Select (3) — medium —, Operate (4), Direct Operate (5) and Direct Operate No Ack (6) —
///   high: they switch breakers, start pumps, move setpoints on an outstation (CROB g12, analog
///   outputs g41);
/// - IEC 60870-5-104 commands in the control direction: single, double and regulating step
///   commands, set-points and bitstrings, with and without time tag (types 45–51 and 58–64) —
///   high;
/// - OPC UA CallRequest (712): a method on the server, often a machine command (StopLine) —
///   medium.
///
/// Operating a process is what HMIs/SCADA masters and engineering workstations are for: the rule
/// trusts those roles and stays quiet when the baseline shows the source doing this operation to
/// that destination. From any other host (another outstation, a historian, an IT host, an
/// unclassified one) a command is a finding. One alert per source, destination, protocol and
/// function; the summary names the point commanded (IOA, DNP3 index, OPC UA node).
///
/// Requests a host sends to itself (loopback captures) do not fire.
///
/// Roles are inferred from behaviour, and a rogue that polls and commands over DNP3, IEC 104 or
/// OPC UA is classified HMI/SCADA by doing what this rule judges (as in every peers attack
/// scenario). So the role vouches only for an established host: one seen from the start of
/// observation, or an hour before the command (`AssetDirectory.isEstablished`).
public struct UnexpectedCommandRule: ThreatRule {
    public let descriptor = RuleDescriptor(
        id: "command-from-unexpected-host", title: "Command from a host that is not an HMI or engineering workstation",
        severity: .high, techniques: ["T0855", "T0831"],
        rationale:
            "Commands operate the physical process (breakers, valves, motors); only the plant's SCADA/HMI and engineering stations should send them.",
        protocols: [.dnp3, .iec104, .opcua], trustedSourceRoles: [.hmi, .engineeringWorkstation],
        quietWhenBaselined: true)

    public init() {}

    public func match(_ event: ProtocolEvent, in batch: EventBatch) -> RuleHit? {
        guard event.direction == .request || event.direction == .broadcast else { return nil }
        // A host talking to itself (loopback captures, a test harness) is no intrusion.
        guard event.source != event.destination || event.isLayer2 else { return nil }
        let function = event.function
        let protocolID = event.protocolID
        let detail = Int64(protocolID.id) << 32 | (function & 0xFFFF_FFFF)
        switch protocolID {
        case .dnp3:
            switch function {
            case 3: return RuleHit(detail: detail, severity: .medium)
            case 4, 5, 6: return RuleHit(detail: detail)
            default: return nil
            }
        case .iec104:
            guard event.direction == .request else { return nil }
            switch function {
            case 45...51, 58...64: return RuleHit(detail: detail)
            default: return nil
            }
        case .opcua:
            guard function == 712 else { return nil }
            return RuleHit(detail: detail, severity: .medium)
        default:
            return nil
        }
    }

    public func summary(_ occurrence: Occurrence) -> String {
        let what = occurrence.target.isEmpty ? "" : " on \(occurrence.target)"
        return
            "\(occurrence.source) sent \(occurrence.protocolName) \(occurrence.functionName) (function \(occurrence.function ?? -1))\(what) to \(occurrence.destination): not an established HMI or engineering workstation"
    }
}
