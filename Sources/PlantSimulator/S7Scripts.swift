import S7Comm

/// S7comm on ISO-on-TCP port 102: COTP connect with TSAPs, setup communication, then jobs. The
/// PDU reference counts up per job; `connectionType` is 1 (PG: engineering) or 2 (OP: HMI).
final class S7Script: SessionScript {
    let connectionType: UInt8
    let slot: UInt8
    private var reference: UInt16
    private let cycleJobs: (S7Script, Int, inout SplitMix64) -> [Exchange]
    private let onceJobs: (S7Script, inout SplitMix64) -> [Exchange]

    init(
        connectionType: UInt8, slot: UInt8 = 2, firstReference: UInt16,
        once: @escaping (S7Script, inout SplitMix64) -> [Exchange] = { _, _ in [] },
        cycle: @escaping (S7Script, Int, inout SplitMix64) -> [Exchange] = { _, _, _ in [] }
    ) {
        self.connectionType = connectionType
        self.slot = slot
        self.reference = firstReference
        self.onceJobs = once
        self.cycleJobs = cycle
    }

    func nextReference() -> UInt16 {
        reference &+= 1
        return reference
    }

    func opening(random: inout SplitMix64) -> [Exchange] {
        let calling = S7CommEncoder.tsap(connectionType: 0x01, rack: 0, slot: 0)
        let called = S7CommEncoder.tsap(connectionType: connectionType, rack: 0, slot: slot)
        let clientReference = UInt16(truncatingIfNeeded: random.next() | 1)
        let connect = Exchange(
            request: S7CommEncoder.connectionRequest(
                sourceReference: clientReference, callingTSAP: calling, calledTSAP: called),
            replies: [
                S7CommEncoder.connectionConfirm(
                    destinationReference: clientReference, sourceReference: 0x0044, callingTSAP: calling,
                    calledTSAP: called)
            ], latency: 900)
        let setupReference = nextReference()
        let setup = Exchange(
            request: S7CommEncoder.setupCommunication(rosctr: 1, reference: setupReference),
            replies: [S7CommEncoder.setupCommunication(rosctr: 3, reference: setupReference, pduLength: 240)],
            latency: 1_200)
        return [connect, setup] + onceJobs(self, &random)
    }

    func poll(cycle: Int, random: inout SplitMix64) -> [Exchange] { cycleJobs(self, cycle, &random) }

    /// Read Var of `items` with values from the process.
    func read(_ items: [S7CommEncoder.Item], cycle: Int, random: inout SplitMix64) -> Exchange {
        let reference = nextReference()
        let values = items.map { item in
            ProcessValues.registers(
                count: Int(item.length + 1) / 2, cycle: cycle, seedOffset: item.byteAddress,
                random: &random
            ).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }.prefix(Int(item.length)).map { $0 }
        }
        return Exchange(
            request: S7CommEncoder.readVariableRequest(reference: reference, items: items),
            replies: [S7CommEncoder.readVariableResponse(reference: reference, values: values)],
            latency: random.int(in: 2_000...9_000))
    }

    /// The SZL reads an engineering tool makes when it goes online: module identification (0x0011)
    /// and component identification (0x001C), answered with `identity`'s records.
    func identificationReads(_ identity: DeviceIdentity, label: (UInt16) -> TruthLabel? = { _ in nil }) -> [Exchange] {
        var exchanges: [Exchange] = []
        let firmware = firmwareWords(identity.firmware)
        let moduleRecords = [
            S7CommEncoder.moduleIdentificationRecord(index: 1, orderNumber: identity.orderNumber, ausbg: 0, ausbe: 0),
            S7CommEncoder.moduleIdentificationRecord(
                index: 6, orderNumber: identity.orderNumber, ausbg: 0,
                ausbe: UInt16(identity.hardware.dropFirst().prefix { $0.isNumber }) ?? 1),
            S7CommEncoder.moduleIdentificationRecord(
                index: 7, orderNumber: identity.orderNumber, ausbg: firmware.ausbg, ausbe: firmware.ausbe),
        ]
        let componentRecords = [
            S7CommEncoder.componentIdentificationRecord(index: 1, text: identity.stationName),
            S7CommEncoder.componentIdentificationRecord(index: 2, text: identity.model),
            S7CommEncoder.componentIdentificationRecord(index: 3, text: "Packaging line"),
            S7CommEncoder.componentIdentificationRecord(index: 4, text: "Original Siemens Equipment"),
            S7CommEncoder.componentIdentificationRecord(index: 5, text: identity.serial),
            S7CommEncoder.componentIdentificationRecord(index: 7, text: identity.model),
        ]
        for (id, length, records) in [(UInt16(0x0011), 28, moduleRecords), (UInt16(0x001C), 34, componentRecords)] {
            let reference = nextReference()
            exchanges.append(
                Exchange(
                    request: S7CommEncoder.readSZLRequest(reference: reference, id: id, index: 0),
                    replies: [
                        S7CommEncoder.readSZLResponse(
                            reference: reference, id: id, index: 0, recordLength: length, records: records)
                    ], truth: label(id), latency: 6_000))
        }
        return exchanges
    }

    /// "V3.2.6" as SZL Ausbg ('V' << 8 | major) and Ausbe (minor << 8 | patch).
    private func firmwareWords(_ text: String) -> (ausbg: UInt16, ausbe: UInt16) {
        let numbers = text.dropFirst().split(separator: ".").map { UInt16($0) ?? 0 }
        let major = numbers.first ?? 0
        let minor = numbers.count > 1 ? numbers[1] : 0
        let patch = numbers.count > 2 ? numbers[2] : 0
        return (UInt16(UInt8(ascii: "V")) << 8 | major, minor << 8 | patch)
    }
}
