import DNP3
import EtherNetIP
import IEC104
import Modbus
import PacketLayers
import S7Comm

/// The injected attack (docs/simulator.md): a rogue laptop on the OT segment discovers the
/// plant, writes to controllers, commands the substation, stops and reprograms a PLC, and opens
/// a remote desktop session to the engineering workstation. Each step is labelled with what
/// Palisade's decoders report for it and the MITRE ATT&CK for ICS technique it exercises.
enum AttackScenario {
    static func schedule(in simulation: Simulation, at attackStart: Int64, duration: Int64) {
        let plant = simulation.plant
        let rogue = plant.device("rogue-laptop")
        var random = simulation.random.split()
        let steps = makeSteps(plant: plant, rogue: rogue, random: &random)
        // The steps share the middle of the capture, at most 5 s apart.
        let spacing = min(5_000_000, (duration * 6 / 10) / Int64(max(steps.count, 1)))
        for (index, activity) in steps.enumerated() {
            simulation.schedule(activity, at: attackStart + Int64(index) * spacing + random.int(in: 0...200_000))
        }
    }

    static func label(
        _ step: String, _ technique: String, _ techniqueName: String, _ protocolName: String, _ operation: String,
        _ function: Int?, _ functionName: String, _ detail: String
    ) -> TruthLabel {
        TruthLabel(
            step: step, technique: technique, techniqueName: techniqueName, protocolName: protocolName,
            operation: operation, function: function, functionName: functionName, detail: detail)
    }

    private static func makeSteps(plant: PlantModel, rogue: Device, random: inout SplitMix64) -> [any Activity] {
        var steps: [any Activity] = []
        func session(_ server: String, _ port: UInt16, _ script: any SessionScript) {
            steps.append(
                TCPSession(
                    client: rogue, server: plant.device(server), serverPort: port, interval: 1_000_000, script: script,
                    cycles: 1, random: random.split()))
        }

        // Reconnaissance.
        steps.append(
            ARPSweep(
                scanner: rogue, subnets: ["10.10.1", "10.10.2", "10.10.3", "10.10.4"], hosts: 1...30,
                label: label(
                    "ARP sweep of the OT subnets", "T0846", "Remote System Discovery", "arp", "discovery", 1, "Request",
                    "who-has 10.10.1-4.1-30"), random: random.split()))
        let utilities = plant.device("plc-util-1")
        let identify = ModbusPollScript(reads: [], firstTransaction: 1)
        session(
            "plc-util-1", 502,
            OneShotScript { _ in
                [
                    identify.exchange(
                        ModbusEncoder.readDeviceIdentificationRequestPDU(),
                        ModbusEncoder.readDeviceIdentificationResponsePDU(objects: utilities.identity.modbusObjects),
                        truth: label(
                            "Modbus device identification", "T0888", "Remote System Information Discovery", "modbus",
                            "discovery", 43, "Read Device Identification", "FC 43 / MEI 14 to plc-util-1"))
                ]
            })
        steps.append(
            ListIdentityBrowse(
                browser: rogue, every: 0,
                label: label(
                    "EtherNet/IP ListIdentity broadcast", "T0888", "Remote System Information Discovery", "enip",
                    "discovery", 0x63, "List Identity", "UDP 44818 to 10.10.255.255"), random: random.split()))
        steps.append(
            BACnetWhoIs(
                sender: rogue,
                label: label(
                    "BACnet Who-Is broadcast", "T0846", "Remote System Discovery", "bacnet", "discovery", 8, "who-Is",
                    "global Who-Is to 10.10.255.255")))
        let siemens = plant.device("plc-pack-1")
        session(
            "plc-pack-1", 102,
            S7Script(
                connectionType: 1, firstReference: 0x0100,
                once: { script, _ in
                    Array(
                        script.identificationReads(siemens.identity) { id in
                            id == 0x0011
                                ? label(
                                    "S7 SZL module identification read", "T0888", "Remote System Information Discovery",
                                    "s7comm", "discovery", 1, "Read SZL", "SZL 0x0011 index 0 from plc-pack-1") : nil
                        }.prefix(1))
                }))

        // Unauthorised writes and commands.
        let writer = ModbusPollScript(reads: [], firstTransaction: 0x0200)
        session(
            "plc-util-1", 502,
            OneShotScript { _ in
                [
                    writer.exchange(
                        ModbusEncoder.writeSingleRegisterPDU(address: 12, value: 9_999),
                        ModbusEncoder.writeSingleRegisterPDU(address: 12, value: 9_999),
                        truth: label(
                            "Modbus write single register", "T0836", "Modify Parameter", "modbus", "write", 6,
                            "Write Single Register", "holding register 12 := 9999 on plc-util-1"))
                ]
            })
        let multiple = ModbusPollScript(reads: [], firstTransaction: 0x0300)
        session(
            "plc-util-2", 502,
            OneShotScript { _ in
                [
                    multiple.exchange(
                        ModbusEncoder.writeMultipleRegistersPDU(start: 40, values: [0, 0, 0, 0]),
                        ModbusEncoder.writeMultipleResponsePDU(function: .writeMultipleRegisters, start: 40, count: 4),
                        truth: label(
                            "Modbus write multiple registers", "T0836", "Modify Parameter", "modbus", "write", 16,
                            "Write Multiple Registers", "holding registers 40-43 := 0 on plc-util-2"))
                ]
            })
        session(
            "plc-pack-1", 102,
            S7Script(
                connectionType: 1, firstReference: 0x0400,
                once: { script, _ in
                    let reference = script.nextReference()
                    let item = S7CommEncoder.Item(dbNumber: 10, byteAddress: 2, length: 2)
                    return [
                        Exchange(
                            request: S7CommEncoder.writeVariableRequest(
                                reference: reference, items: [item], values: [[0x27, 0x0F]]),
                            replies: [S7CommEncoder.writeVariableResponse(reference: reference, itemCount: 1)],
                            truth: label(
                                "S7 write variable", "T0836", "Modify Parameter", "s7comm", "write", 5, "Write Var",
                                "DB10.DBW2 := 9999 on plc-pack-1"), latency: 7_000)
                    ]
                }))
        session(
            "plc-fill-1", 44818,
            EtherNetIPScript(
                tags: [], session: 0x7A11_0001, firstContext: 0x5151,
                once: { script, _ in
                    [
                        script.message(
                            request: EtherNetIPEncoder.unconnectedSend(
                                message: EtherNetIPEncoder.writeTagRequest(tag: "Filler_Speed", value: 0)),
                            reply: EtherNetIPEncoder.reply(service: 0x4D),
                            truth: label(
                                "CIP write tag", "T0836", "Modify Parameter", "cip", "write", 0x4D, "Write_Tag",
                                "Filler_Speed := 0 on plc-fill-1"))
                    ]
                }))
        let commands = IEC104Script(commonAddress: 47)
        session(
            "rtu-sub-2", 2404,
            OneShotScript(
                opening: { _ in
                    [
                        Exchange(
                            request: IEC104Encoder.unnumbered(.startDataTransferActivation),
                            replies: [IEC104Encoder.unnumbered(.startDataTransferConfirmation)], latency: 900)
                    ]
                },
                exchanges: { _ in
                    [
                        commands.command(
                            typeID: 45, address: 5001, element: IEC104Encoder.singleCommand(false),
                            truth: label(
                                "IEC 104 single command", "T0855", "Unauthorized Command Message", "iec104", "write",
                                45, "C_SC_NA_1", "breaker IOA 5001 OFF on rtu-sub-2"))
                    ]
                }))
        let dnp3 = DNP3PollScript(master: 3, outstation: 10, integrityEvery: 1)
        session(
            "rtu-sub-1", 20000,
            OneShotScript { _ in
                let sequence = dnp3.nextSequence()
                let crob = DNP3Encoder.controlRelayOutputBlock(index: 2)
                return [
                    dnp3.request(
                        DNP3Encoder.directOperate(sequence: sequence, index: 2),
                        response: DNP3Encoder.response(sequence: sequence, objects: crob),
                        truth: label(
                            "DNP3 direct operate", "T0855", "Unauthorized Command Message", "dnp3", "write", 5,
                            "Direct Operate", "CROB index 2 pulse on rtu-sub-1"))
                ]
            })

        // Stopping and reprogramming controllers.
        session(
            "plc-pack-1", 102,
            S7Script(
                connectionType: 1, firstReference: 0x0500,
                once: { script, _ in
                    let reference = script.nextReference()
                    return [
                        Exchange(
                            request: S7CommEncoder.plcStop(reference: reference),
                            replies: [S7CommEncoder.controlResponse(reference: reference, function: 0x29)],
                            truth: label(
                                "S7 PLC stop", "T0858", "Change Operating Mode", "s7comm", "control", 0x29, "PLC Stop",
                                "CPU to STOP on plc-pack-1"), latency: 20_000)
                    ]
                }))
        session(
            "plc-fill-2", 44818,
            EtherNetIPScript(
                tags: [], session: 0x7A11_0002, firstContext: 0x6161,
                once: { script, _ in
                    [
                        script.message(
                            request: EtherNetIPEncoder.resetRequest(), reply: EtherNetIPEncoder.reply(service: 0x05),
                            truth: label(
                                "CIP identity reset", "T0816", "Device Restart/Shutdown", "cip", "control", 0x05,
                                "Reset",
                                "Identity object reset of plc-fill-2"))
                    ]
                }))
        session(
            "plc-pack-1", 102,
            S7Script(
                connectionType: 1, firstReference: 0x0600,
                once: { script, random in
                    ProgramDownload.exchanges(script: script, random: &random)
                }))

        // Remote access to the engineering workstation.
        session("ews-1", 3389, RemoteDesktopScript(user: "engineer"))
        session("hmi-pack", 5900, VNCScript(desktopName: "HMI-PACK WinCC Runtime"))
        return steps
    }
}
