import DNP3
import Foundation
import Monitor
import Testing

/// Small captures → palisade.event/1 JSON lines, kept inline. `UPDATE_GOLDEN=1` prints the
/// current output for review instead of comparing.
@Suite struct DNP3GoldenTests {
    static let golden: [String: [String]] = [
        "dnp3_select_operate.pcap": [
            #"{"schema":"palisade.event/1","frame":4,"ts":"2011-12-21T21:08:57.750375Z","src":"130.126.142.250","dst":"130.126.140.229","src_port":49404,"dst_port":20000,"src_mac":"b8:ac:6f:ab:45:7a","dst_mac":"00:1b:21:0b:15:24","protocol":"dnp3","function":3,"function_name":"Select","direction":"request","operation":"write","target":{"group":12,"variation":1,"start":1,"stop":1}}"#,
            #"{"schema":"palisade.event/1","frame":6,"ts":"2011-12-21T21:08:59.752598Z","src":"130.126.140.229","dst":"130.126.142.250","src_port":20000,"dst_port":49404,"src_mac":"00:1b:21:0b:15:24","dst_mac":"b8:ac:6f:ab:45:7a","protocol":"dnp3","function":129,"function_name":"Response","direction":"response","operation":"write","target":{"group":12,"variation":1,"start":1,"stop":1},"result":"ok"}"#,
            #"{"schema":"palisade.event/1","frame":7,"ts":"2011-12-21T21:08:59.765017Z","src":"130.126.142.250","dst":"130.126.140.229","src_port":49404,"dst_port":20000,"src_mac":"b8:ac:6f:ab:45:7a","dst_mac":"00:1b:21:0b:15:24","protocol":"dnp3","function":4,"function_name":"Operate","direction":"request","operation":"write","target":{"group":12,"variation":1,"start":1,"stop":1}}"#,
            #"{"schema":"palisade.event/1","frame":9,"ts":"2011-12-21T21:09:03.758738Z","src":"130.126.140.229","dst":"130.126.142.250","src_port":20000,"dst_port":49404,"src_mac":"00:1b:21:0b:15:24","dst_mac":"b8:ac:6f:ab:45:7a","protocol":"dnp3","function":129,"function_name":"Response","direction":"response","operation":"write","target":{"group":12,"variation":1,"start":1,"stop":1},"result":"ok"}"#,
        ],
        "cold_restart_and_response.pcap": [
            #"{"schema":"palisade.event/1","frame":4,"ts":"2015-01-29T17:35:45.048062Z","src":"192.168.60.1","dst":"192.168.60.130","src_port":49423,"dst_port":20000,"src_mac":"00:50:56:c0:00:08","dst_mac":"00:0c:29:24:3a:0a","protocol":"dnp3","function":13,"function_name":"Cold Restart","direction":"request","operation":"control"}"#,
            #"{"schema":"palisade.event/1","frame":6,"ts":"2015-01-29T17:35:45.048545Z","src":"192.168.60.130","dst":"192.168.60.1","src_port":20000,"dst_port":49423,"src_mac":"00:0c:29:24:3a:0a","dst_mac":"00:50:56:c0:00:08","protocol":"dnp3","function":129,"function_name":"Response","direction":"response","operation":"control","result":{"code":1,"name":"function code not supported"}}"#,
        ],
        "dnp3_file_del.pcap": [
            #"{"schema":"palisade.event/1","frame":4,"ts":"2011-12-28T03:52:56.004146Z","src":"130.126.142.250","dst":"130.126.140.229","src_port":50301,"dst_port":20000,"src_mac":"b8:ac:6f:ab:45:7a","dst_mac":"00:1b:21:0b:15:24","protocol":"dnp3","function":27,"function_name":"Delete File","direction":"request","operation":"program","target":{"group":70,"variation":3,"text":"C:/temp/DNPDeviceConfiguration written to Remote Device.xml"}}"#,
            #"{"schema":"palisade.event/1","frame":6,"ts":"2011-12-28T03:52:57.992570Z","src":"130.126.140.229","dst":"130.126.142.250","src_port":20000,"dst_port":50301,"src_mac":"00:1b:21:0b:15:24","dst_mac":"b8:ac:6f:ab:45:7a","protocol":"dnp3","function":129,"function_name":"Response","direction":"response","operation":"program","target":{"group":70,"variation":4},"result":"ok"}"#,
        ],
        "dnp3_file_read.pcap": [
            #"{"schema":"palisade.event/1","frame":4,"ts":"2011-12-28T01:33:30.631007Z","src":"130.126.142.250","dst":"130.126.140.229","src_port":50276,"dst_port":20000,"src_mac":"b8:ac:6f:ab:45:7a","dst_mac":"00:1b:21:0b:15:24","protocol":"dnp3","function":25,"function_name":"Open File","direction":"request","operation":"read","target":{"group":70,"variation":3,"text":"./test.xml"}}"#,
            #"{"schema":"palisade.event/1","frame":6,"ts":"2011-12-28T01:33:32.621691Z","src":"130.126.140.229","dst":"130.126.142.250","src_port":20000,"dst_port":50276,"src_mac":"00:1b:21:0b:15:24","dst_mac":"b8:ac:6f:ab:45:7a","protocol":"dnp3","function":129,"function_name":"Response","direction":"response","operation":"read","target":{"group":70,"variation":4},"result":"ok"}"#,
            #"{"schema":"palisade.event/1","frame":7,"ts":"2011-12-28T01:33:32.634015Z","src":"130.126.142.250","dst":"130.126.140.229","src_port":50276,"dst_port":20000,"src_mac":"b8:ac:6f:ab:45:7a","dst_mac":"00:1b:21:0b:15:24","protocol":"dnp3","function":1,"function_name":"Read","direction":"request","operation":"read","target":{"group":70,"variation":5}}"#,
            #"{"schema":"palisade.event/1","frame":15,"ts":"2011-12-28T01:33:36.729050Z","src":"130.126.140.229","dst":"130.126.142.250","src_port":20000,"dst_port":50276,"src_mac":"00:1b:21:0b:15:24","dst_mac":"b8:ac:6f:ab:45:7a","protocol":"dnp3","function":129,"function_name":"Response","direction":"response","operation":"read","target":{"group":70,"variation":5},"result":"ok"}"#,
            #"{"schema":"palisade.event/1","frame":16,"ts":"2011-12-28T01:33:36.740086Z","src":"130.126.142.250","dst":"130.126.140.229","src_port":50276,"dst_port":20000,"src_mac":"b8:ac:6f:ab:45:7a","dst_mac":"00:1b:21:0b:15:24","protocol":"dnp3","function":0,"function_name":"Confirm","direction":"request","operation":"other"}"#,
            #"{"schema":"palisade.event/1","frame":18,"ts":"2011-12-28T01:33:36.955926Z","src":"130.126.142.250","dst":"130.126.140.229","src_port":50276,"dst_port":20000,"src_mac":"b8:ac:6f:ab:45:7a","dst_mac":"00:1b:21:0b:15:24","protocol":"dnp3","function":2,"function_name":"Write","direction":"request","operation":"write","target":{"group":50,"variation":1,"start":0,"stop":0}}"#,
            #"{"schema":"palisade.event/1","frame":20,"ts":"2011-12-28T01:33:39.765502Z","src":"130.126.140.229","dst":"130.126.142.250","src_port":20000,"dst_port":50276,"src_mac":"00:1b:21:0b:15:24","dst_mac":"b8:ac:6f:ab:45:7a","protocol":"dnp3","function":129,"function_name":"Response","direction":"response","operation":"write","result":"ok"}"#,
            #"{"schema":"palisade.event/1","frame":21,"ts":"2011-12-28T01:33:39.780197Z","src":"130.126.142.250","dst":"130.126.140.229","src_port":50276,"dst_port":20000,"src_mac":"b8:ac:6f:ab:45:7a","dst_mac":"00:1b:21:0b:15:24","protocol":"dnp3","function":2,"function_name":"Write","direction":"request","operation":"write","target":{"group":50,"variation":1,"start":0,"stop":0}}"#,
            #"{"schema":"palisade.event/1","frame":23,"ts":"2011-12-28T01:33:42.292689Z","src":"130.126.140.229","dst":"130.126.142.250","src_port":20000,"dst_port":50276,"src_mac":"00:1b:21:0b:15:24","dst_mac":"b8:ac:6f:ab:45:7a","protocol":"dnp3","function":129,"function_name":"Response","direction":"response","operation":"write","result":"ok"}"#,
            #"{"schema":"palisade.event/1","frame":24,"ts":"2011-12-28T01:33:42.300845Z","src":"130.126.142.250","dst":"130.126.140.229","src_port":50276,"dst_port":20000,"src_mac":"b8:ac:6f:ab:45:7a","dst_mac":"00:1b:21:0b:15:24","protocol":"dnp3","function":26,"function_name":"Close File","direction":"request","operation":"other","target":{"group":70,"variation":4}}"#,
            #"{"schema":"palisade.event/1","frame":26,"ts":"2011-12-28T01:33:44.820857Z","src":"130.126.140.229","dst":"130.126.142.250","src_port":20000,"dst_port":50276,"src_mac":"00:1b:21:0b:15:24","dst_mac":"b8:ac:6f:ab:45:7a","protocol":"dnp3","function":129,"function_name":"Response","direction":"response","operation":"other","target":{"group":70,"variation":4},"result":"ok"}"#,
        ],
    ]

    @Test(arguments: [
        "dnp3_select_operate.pcap", "cold_restart_and_response.pcap", "dnp3_file_del.pcap", "dnp3_file_read.pcap",
    ])
    func captureMatchesGolden(name: String) throws {
        try #require(DNP3Corpus.isAvailable)
        let lines = DNP3Corpus.events(DNP3Corpus.dnp3Folder.appending(path: name).path)
            .filter { $0.protocolName == "dnp3" }.map(\.jsonLine)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" || Self.golden[name] == nil {
            print("golden \(name):")
            for line in lines { print("GOLDEN " + line) }
            return
        }
        #expect(lines == Self.golden[name])
    }
}
