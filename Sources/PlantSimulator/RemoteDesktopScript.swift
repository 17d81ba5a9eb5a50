import RDP
import TLS

/// A remote desktop session (MS-RDPBCGR): X.224 Connection Request with the routing cookie,
/// Connection Confirm selecting CredSSP, then TLS and encrypted traffic both ways for the rest
/// of the session.
final class RemoteDesktopScript: SessionScript {
    let user: String

    init(user: String) { self.user = user }

    func opening(random: inout SplitMix64) -> [Exchange] {
        [
            Exchange(
                request: RDPEncoder.connectionRequest(user: user), replies: [RDPEncoder.connectionConfirm()],
                truth: AttackScenario.label(
                    "RDP session to the engineering workstation", "T0886", "Remote Services", "rdp", "session", 224,
                    "Connection Request", "mstshash=\(user) from the rogue laptop to ews-1"), latency: 2_500),
            Exchange(
                request: TLSEncoder.clientHello(random: bytes(32, &random), serverName: nil),
                replies: [TLSEncoder.serverHello(random: bytes(32, &random))], latency: 3_000),
        ]
    }

    func poll(cycle: Int, random: inout SplitMix64) -> [Exchange] {
        // Screen updates dwarf the keyboard and mouse input: one input record, a few large updates.
        (0..<6).map { _ in
            Exchange(
                request: TLSEncoder.applicationData(bytes(Int(random.int(in: 40...120)), &random)),
                replies: [TLSEncoder.applicationData(bytes(Int(random.int(in: 800...4_000)), &random))],
                latency: random.int(in: 5_000...30_000))
        }
    }

    private func bytes(_ count: Int, _ random: inout SplitMix64) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }
}
