import VNC

/// A VNC session (RFC 6143) to an HMI panel: the server speaks first, VNC Authentication, then a
/// framebuffer update and a mouse click.
final class VNCScript: SessionScript {
    let desktopName: String

    init(desktopName: String) { self.desktopName = desktopName }

    func opening(random: inout SplitMix64) -> [Exchange] {
        let challenge = (0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let response = (0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        return [
            Exchange(request: VNCEncoder.protocolVersion(), fromClient: false, latency: 3_000),
            Exchange(
                request: VNCEncoder.protocolVersion(),
                replies: [VNCEncoder.securityTypes([VNCEncoder.vncAuthentication])],
                truth: AttackScenario.label(
                    "VNC session to the packaging HMI", "T0886", "Remote Services", "vnc", "session", nil,
                    "ProtocolVersion", "RFB 003.008 from the rogue laptop to hmi-pack"), latency: 1_000),
            Exchange(
                request: VNCEncoder.securityTypeSelected(VNCEncoder.vncAuthentication),
                replies: [VNCEncoder.authenticationBlock(challenge)], latency: 800),
            Exchange(
                request: VNCEncoder.authenticationBlock(response), replies: [VNCEncoder.securityResultOK()],
                latency: 2_000),
            Exchange(
                request: VNCEncoder.clientInit(),
                replies: [VNCEncoder.serverInit(width: 1280, height: 800, name: desktopName)], latency: 1_500),
        ]
    }

    func poll(cycle: Int, random: inout SplitMix64) -> [Exchange] {
        let pixels = (0..<(16 * 8 * 4)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        return [
            Exchange(
                request: VNCEncoder.framebufferUpdateRequest(incremental: false, x: 0, y: 0, width: 16, height: 8),
                replies: [VNCEncoder.framebufferUpdate(x: 0, y: 0, width: 16, height: 8, pixels: pixels)],
                latency: 12_000),
            Exchange(request: VNCEncoder.pointerEvent(buttons: 1, x: 640, y: 400), latency: 500),
        ]
    }
}
