import EtherNetIP

/// EtherNet/IP explicit messaging on TCP 44818: RegisterSession, then Read Tag requests in
/// Unconnected Send (to the controller in slot 0) as an HMI polls tags.
final class EtherNetIPScript: SessionScript {
    let tags: [String]
    let session: UInt32
    private var context: UInt64
    private let onceRequests: (EtherNetIPScript, inout SplitMix64) -> [Exchange]

    init(
        tags: [String], session: UInt32, firstContext: UInt64,
        once: @escaping (EtherNetIPScript, inout SplitMix64) -> [Exchange] = { _, _ in [] }
    ) {
        self.tags = tags
        self.session = session
        self.context = firstContext
        self.onceRequests = once
    }

    func opening(random: inout SplitMix64) -> [Exchange] {
        let register = Exchange(
            request: EtherNetIPEncoder.registerSession(session: 0, context: nextContext()),
            replies: [EtherNetIPEncoder.registerSession(session: session, context: context)], latency: 700)
        return [register] + onceRequests(self, &random)
    }

    func poll(cycle: Int, random: inout SplitMix64) -> [Exchange] {
        tags.enumerated().map { index, tag in
            let value = Int32(
                ProcessValues.analog(
                    base: 500 + Double(index * 100), amplitude: 50, cycle: cycle, period: 60, random: &random))
            return message(
                request: EtherNetIPEncoder.unconnectedSend(message: EtherNetIPEncoder.readTagRequest(tag: tag)),
                reply: EtherNetIPEncoder.readTagReply(value: value), latency: random.int(in: 600...2_500))
        }
    }

    func nextContext() -> UInt64 {
        context &+= 1
        return context
    }

    /// A SendRRData request and its reply carrying `request` and `reply` CIP messages.
    func message(request: [UInt8], reply: [UInt8], latency: Int64 = 1_500, truth: TruthLabel? = nil) -> Exchange {
        let context = nextContext()
        return Exchange(
            request: EtherNetIPEncoder.sendRRData(session: session, context: context, cip: request),
            replies: [EtherNetIPEncoder.sendRRData(session: session, context: context, cip: reply)], truth: truth,
            latency: latency)
    }
}

extension DeviceIdentity {
    var cipIdentity: EtherNetIPEncoder.Identity {
        let revision = firmware.split(separator: ".").map { UInt8($0) ?? 0 }
        return EtherNetIPEncoder.Identity(
            vendorID: vendorID, deviceType: deviceType, productCode: productCode, revisionMajor: revision.first ?? 1,
            revisionMinor: revision.count > 1 ? revision[1] : 0,
            serialNumber: UInt32(serial.dropFirst(2), radix: 16) ?? 0, productName: product)
    }
}
