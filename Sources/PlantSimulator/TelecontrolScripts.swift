import DNP3
import IEC104

/// A DNP3 master's polls over TCP 20000: an event poll (class 1, 2, 3) every cycle and an
/// integrity poll (class 0) every `integrityEvery` cycles, answered with 32-bit analog inputs.
final class DNP3PollScript: SessionScript {
    let master: UInt16
    let outstation: UInt16
    let integrityEvery: Int
    private var applicationSequence: UInt8 = 0
    private var masterTransport: UInt8 = 0
    private var outstationTransport: UInt8 = 0

    init(master: UInt16, outstation: UInt16, integrityEvery: Int) {
        self.master = master
        self.outstation = outstation
        self.integrityEvery = integrityEvery
    }

    func opening(random: inout SplitMix64) -> [Exchange] {
        [integrity(cycle: 0, random: &random)]
    }

    func poll(cycle: Int, random: inout SplitMix64) -> [Exchange] {
        if cycle > 0, cycle % integrityEvery == 0 { return [integrity(cycle: cycle, random: &random)] }
        let classNumber = UInt8(1 + cycle % 3)
        let sequence = nextSequence()
        let values = classNumber == 1 && cycle % 2 == 0 ? analogValues(count: 2, cycle: cycle, random: &random) : []
        let objects = values.isEmpty ? [] : DNP3Encoder.analogInputs(start: 0, values: values)
        return [
            request(
                DNP3Encoder.readClass(sequence: sequence, classNumber: classNumber),
                response: DNP3Encoder.response(sequence: sequence, objects: objects))
        ]
    }

    private func integrity(cycle: Int, random: inout SplitMix64) -> Exchange {
        let sequence = nextSequence()
        let values = analogValues(count: 8, cycle: cycle, random: &random)
        return request(
            DNP3Encoder.readClass(sequence: sequence, classNumber: 0),
            response: DNP3Encoder.response(
                sequence: sequence, objects: DNP3Encoder.analogInputs(start: 0, values: values)))
    }

    private func analogValues(count: Int, cycle: Int, random: inout SplitMix64) -> [Int32] {
        (0..<count).map { index in
            Int32(
                ProcessValues.analog(
                    base: 11_000 + Double(index * 40), amplitude: 200, cycle: cycle, period: 40,
                    random: &random))
        }
    }

    func nextSequence() -> UInt8 {
        defer { applicationSequence = (applicationSequence + 1) & 0x0F }
        return applicationSequence
    }

    /// Frames a master request and the outstation's response, each in one link frame.
    func request(_ fragment: [UInt8], response: [UInt8], latency: Int64 = 4_000, truth: TruthLabel? = nil) -> Exchange {
        let requestFrame = DNP3Encoder.frame(
            control: DNP3Encoder.masterControl, destination: outstation, source: master,
            transportSequence: masterTransport, fragment: fragment)
        let responseFrame = DNP3Encoder.frame(
            control: DNP3Encoder.outstationControl, destination: master, source: outstation,
            transportSequence: outstationTransport, fragment: response)
        masterTransport = (masterTransport + 1) & 0x3F
        outstationTransport = (outstationTransport + 1) & 0x3F
        return Exchange(request: requestFrame, replies: [responseFrame], truth: truth, latency: latency)
    }
}

/// An IEC 104 controlling station's session on TCP 2404: STARTDT, a general interrogation, then
/// spontaneous measurements from the outstation each cycle, S-frames every fourth cycle and a
/// TESTFR every tenth.
final class IEC104Script: SessionScript {
    let commonAddress: UInt16
    private(set) var masterSent: UInt16 = 0
    private(set) var outstationSent: UInt16 = 0

    init(commonAddress: UInt16) { self.commonAddress = commonAddress }

    func opening(random: inout SplitMix64) -> [Exchange] {
        let start = Exchange(
            request: IEC104Encoder.unnumbered(.startDataTransferActivation),
            replies: [IEC104Encoder.unnumbered(.startDataTransferConfirmation)], latency: 900)
        let interrogation = masterI(IEC104Encoder.interrogation(cause: .activation, commonAddress: commonAddress))
        var replies = [
            outstationI(IEC104Encoder.interrogation(cause: .activationConfirmation, commonAddress: commonAddress))
        ]
        replies.append(
            outstationI(
                IEC104Encoder.asdu(
                    typeID: 13, cause: .interrogatedByStation, commonAddress: commonAddress,
                    objects: measurements(cycle: 0, random: &random))))
        replies.append(
            outstationI(
                IEC104Encoder.asdu(
                    typeID: 1, cause: .interrogatedByStation, commonAddress: commonAddress,
                    objects: (0..<4).map {
                        .init(address: 2001 + UInt32($0), element: IEC104Encoder.singlePoint($0 != 2))
                    })))
        replies.append(
            outstationI(IEC104Encoder.interrogation(cause: .activationTermination, commonAddress: commonAddress)))
        return [start, Exchange(request: interrogation, replies: replies, latency: 3_000)]
    }

    func poll(cycle: Int, random: inout SplitMix64) -> [Exchange] {
        var exchanges: [Exchange] = []
        let spontaneous = outstationI(
            IEC104Encoder.asdu(
                typeID: 13, cause: .spontaneous, commonAddress: commonAddress,
                objects: Array(measurements(cycle: cycle, random: &random).prefix(2))))
        // The outstation speaks; the master acknowledges every fourth cycle with an S-frame.
        let acknowledgment = cycle % 4 == 3 ? [IEC104Encoder.supervisory(receive: outstationSent)] : []
        exchanges.append(Exchange(request: spontaneous, replies: acknowledgment, fromClient: false, latency: 8_000))
        if cycle % 10 == 9 {
            exchanges.append(
                Exchange(
                    request: IEC104Encoder.unnumbered(.testFrameActivation),
                    replies: [IEC104Encoder.unnumbered(.testFrameConfirmation)], latency: 1_000))
        }
        return exchanges
    }

    private func measurements(cycle: Int, random: inout SplitMix64) -> [IEC104Encoder.InformationObject] {
        (0..<4).map { index in
            let value = ProcessValues.analog(
                base: 20.0 + Double(index) * 90, amplitude: 2.5, cycle: cycle, period: 30,
                random: &random)
            return .init(address: 1001 + UInt32(index), element: IEC104Encoder.shortFloat(Float(value)))
        }
    }

    /// An I-frame from the controlling station with the next send number.
    func masterI(_ asdu: [UInt8]) -> [UInt8] {
        defer { masterSent &+= 1 }
        return IEC104Encoder.information(send: masterSent, receive: outstationSent, asdu: asdu)
    }

    func outstationI(_ asdu: [UInt8]) -> [UInt8] {
        defer { outstationSent &+= 1 }
        return IEC104Encoder.information(send: outstationSent, receive: masterSent, asdu: asdu)
    }

    /// A command from the controlling station and its confirmation.
    func command(typeID: UInt8, address: UInt32, element: [UInt8], truth: TruthLabel?) -> Exchange {
        let request = masterI(
            IEC104Encoder.asdu(
                typeID: typeID, cause: .activation, commonAddress: commonAddress,
                objects: [.init(address: address, element: element)]))
        let confirmation = outstationI(
            IEC104Encoder.asdu(
                typeID: typeID, cause: .activationConfirmation, commonAddress: commonAddress,
                objects: [.init(address: address, element: element)]))
        return Exchange(request: request, replies: [confirmation], truth: truth, latency: 5_000)
    }
}
