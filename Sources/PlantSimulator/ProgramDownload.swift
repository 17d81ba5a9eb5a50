import S7Comm

/// An S7 block download as STEP 7 performs it: the PG asks to download (Request download), the
/// PLC then pulls the block with Download block jobs that the PG answers with the data, and
/// ends with Download ended; the PG then inserts the block with PI "_INSE".
enum ProgramDownload {
    static func exchanges(script: S7Script, random: inout SplitMix64) -> [Exchange] {
        let filename = S7CommEncoder.blockFilename(blockType: "08", number: 1)
        let block = (0..<180).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let label = { (step: String, function: Int, name: String, detail: String) in
            AttackScenario.label(step, "T0843", "Program Download", "s7comm", "program", function, name, detail)
        }
        var exchanges: [Exchange] = []
        let request = script.nextReference()
        exchanges.append(
            Exchange(
                request: S7CommEncoder.downloadJob(
                    reference: request, function: 0x1A, filename: filename, loadMemoryLength: 256,
                    mc7Length: block.count),
                replies: [S7CommEncoder.downloadAcknowledgment(reference: request, function: 0x1A)],
                truth: label("S7 request download", 0x1A, "Request download", "OB 1 to plc-pack-1"), latency: 9_000))
        // The PLC's jobs use its own PDU references.
        let pull = UInt16(0x0D00)
        exchanges.append(
            Exchange(
                request: S7CommEncoder.downloadJob(reference: pull, function: 0x1B, filename: filename),
                replies: [S7CommEncoder.downloadBlockResponse(reference: pull, moreFollows: false, block: block)],
                fromClient: false,
                truth: label("S7 download block", 0x1B, "Download block", "the PLC pulls OB 1 from the rogue host"),
                latency: 3_000))
        exchanges.append(
            Exchange(
                request: S7CommEncoder.downloadJob(reference: pull + 1, function: 0x1C, filename: filename),
                replies: [S7CommEncoder.downloadAcknowledgment(reference: pull + 1, function: 0x1C)], fromClient: false,
                truth: label("S7 download ended", 0x1C, "Download ended", "OB 1 transfer complete"), latency: 2_000))
        // Parameter block: block count (binary), an unknown byte, then type, number and file system.
        let insert = script.nextReference()
        exchanges.append(
            Exchange(
                request: S7CommEncoder.piService(
                    reference: insert, parameterBlock: [0x01, 0x00] + Array("0800001P".utf8),
                    service: "_INSE"),
                replies: [S7CommEncoder.controlResponse(reference: insert, function: 0x28)],
                truth: label("S7 PI insert block", 0x28, "PI-Service", "_INSE OB 1 on plc-pack-1"), latency: 15_000))
        return exchanges
    }
}
