import CloserCore
import CloserExchange
import CloserSQLite
import Foundation
import Testing

/// Mutated files through the CSV and vCard readers: whatever the bytes, a reader returns
/// rows or a one-line refusal naming the file; it never traps. Seeded, so a failure repeats.
@Suite("Foreign import: fuzzing the readers")
struct ImportFuzzTests {
    static let csv = Data("商机名称,客户名称,金额,阶段,预计成交日期\r\n\"扩建,\"\"一期\"\"\",宝钢,\"¥1,200,000.00\",投标,2026/12/1\r\nB,\"多\r\n行\",120万,Closed Won,2026年11月30日\r\n".utf8)
    static let vcf = Data(("BEGIN:VCARD\r\nVERSION:3.0\r\nN:王;伟;;;\r\nORG:宝钢\r\nTITLE:采购经\r\n 理\r\nEND:VCARD\r\n"
        + "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E6=9D=8E;=E5=\r\n=A8=9C\r\nORG:A\r\nEND:VCARD\r\n").utf8)

    static func mutate(_ data: Data, _ generator: inout SeededGenerator) -> Data {
        var bytes = [UInt8](data)
        let interesting: [UInt8] = [0x22, 0x2C, 0x0A, 0x0D, 0x09, 0x3B, 0x3D, 0x3A, 0x5C, 0x20, 0x00, 0xFF, 0xE4, 0xB8, 0x80, 0xEF, 0xBB, 0xBF, 0xFE]
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            guard !bytes.isEmpty else { bytes.append(0x22); continue }
            let index = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: bytes[index] = interesting.randomElement(using: &generator) ?? 0
            case 1: bytes.insert(interesting.randomElement(using: &generator) ?? 0, at: index)
            case 2: bytes.remove(at: index)
            case 3: bytes = Array(bytes.prefix(index))
            default: bytes[index] = UInt8.random(in: 0...255, using: &generator)
            }
        }
        return Data(bytes)
    }

    @Test("mutated CSV and vCard files: rows or a one-line refusal, never a crash", arguments: [("deals.csv", 1_500), ("contacts.vcf", 1_500)])
    func fuzz(name: String, executions defaultExecutions: Int) throws {
        // A longer session by hand: CLOSER_FUZZ_EXECUTIONS=200000 CLOSER_FUZZ_SEED=N swift test --filter ImportFuzzTests
        let environment = ProcessInfo.processInfo.environment
        let executions = environment["CLOSER_FUZZ_EXECUTIONS"].flatMap { Int($0) } ?? defaultExecutions
        var generator = SeededGenerator(seed: environment["CLOSER_FUZZ_SEED"].flatMap { UInt64($0) } ?? 7)
        let catalog = ProcessCatalog()
        let seed = name.hasSuffix(".csv") ? Self.csv : Self.vcf
        var read = 0, refused = 0
        for _ in 0..<executions {
            let data = Self.mutate(seed, &generator)
            do {
                let file = name.hasSuffix(".csv")
                    ? try ForeignFile(data, fileName: name, catalog: catalog, user: "fuzz")
                    : try ForeignFile(vCard: data, fileName: name, account: nil, catalog: catalog, user: "fuzz")
                read += 1
                for rejection in file.batch.rejections {
                    let oneLine = !rejection.description.contains { $0.isNewline }
                    #expect(rejection.description.hasPrefix(name) && oneLine, "\(rejection)")
                }
            } catch {
                refused += 1
                #expect(error.description.hasPrefix(name), "\(error.description)")
                let oneLine = !error.description.contains { $0.isNewline }
                #expect(oneLine, "\(error.description)")
            }
        }
        #expect(read + refused == executions)
        #expect(read > 0 && refused > 0, "read \(read), refused \(refused): the mutations should produce both")
    }
}
