import CloserCore
import CloserExchange
import Foundation
import Testing

/// Decoding and reading another program's file: each encoding Excel writes, each dialect,
/// and each kind of broken file, with the bytes made here.
@Suite("Foreign import: encodings and malformed files")
struct ForeignTableTests {
    static let text = "客户名称,联系人,职位,金额\r\n中国石化,王伟,采购经理,\"¥1,200,000.00\"\r\n宝钢,\"李\r\n娜\",总工,120万\r\n"

    static func utf16(_ text: String, littleEndian: Bool, bom: Bool) -> Data {
        var bytes: [UInt8] = bom ? (littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]) : []
        for unit in text.utf16 {
            let (low, high) = (UInt8(unit & 0xFF), UInt8(unit >> 8))
            bytes += littleEndian ? [low, high] : [high, low]
        }
        return Data(bytes)
    }

    static func encoded(_ name: String, _ text: String) throws -> Data {
        switch name {
        case "UTF-8": return Data(text.utf8)
        case "UTF-8 with BOM": return ExcelCSV.withBOM(Data(text.utf8))
        case "UTF-16 LE": return utf16(text, littleEndian: true, bom: true)
        case "UTF-16 BE": return utf16(text, littleEndian: false, bom: true)
        case "UTF-16 LE no BOM": return utf16(text, littleEndian: true, bom: false)
        case "GB18030": return try #require(TextDecoding.gb18030Bytes(text))
        default: throw ImportError("no encoding \(name)")
        }
    }

    @Test("every encoding Excel writes is detected without asking", arguments: ["UTF-8", "UTF-8 with BOM", "UTF-16 LE", "UTF-16 BE", "UTF-16 LE no BOM", "GB18030"])
    func encodings(name: String) throws {
        let table = try ForeignTable.read(try Self.encoded(name, Self.text), fileName: "k.csv")
        #expect(table.encoding.rawValue == name.replacingOccurrences(of: " no BOM", with: ""))
        #expect(table.header == ["客户名称", "联系人", "职位", "金额"])
        #expect(table.rows.map(\.values) == [["中国石化", "王伟", "采购经理", "¥1,200,000.00"], ["宝钢", "李\r\n娜", "总工", "120万"]])
        #expect(table.rows.map(\.line) == [2, 3])
    }

    @Test("GB18030 bytes really are GBK: 客户 is BF CD BB A7")
    func gbkBytes() throws {
        #expect(Array(try #require(TextDecoding.gb18030Bytes("客户"))) == [0xBF, 0xCD, 0xBB, 0xA7])
    }

    @Test("Excel's Unicode text is UTF-16 with tabs; semicolons too; lines count the newlines inside quotes")
    func dialects() throws {
        let tsv = "Deal Name\tAccount Name\tAmount\n\"Two\nline\nnotes\"\tAcme\t5\nNext\tAcme\t6\n"
        let table = try ForeignTable.read(Self.utf16(tsv, littleEndian: true, bom: true), fileName: "u.txt")
        #expect(table.delimiter == "\t")
        #expect(table.rows.map(\.line) == [2, 5])
        let semicolons = try ForeignTable.read(Data("Company;Amount\nAcme;\"1.200,00\"\n".utf8), fileName: "s.csv")
        #expect(semicolons.delimiter == ";" && semicolons.rows.first?.values == ["Acme", "1.200,00"])
    }

    private func refusal(_ data: Data, _ name: String = "bad.csv") -> String {
        do {
            _ = try ForeignTable.read(data, fileName: name)
            return ""
        } catch {
            return error.description
        }
    }

    @Test("an unclosed quote names the line it opens on")
    func unbalancedQuotes() {
        let message = refusal(Data("Company,Notes\nAcme,ok\nBeta,\"never closed\nGamma,x\n".utf8))
        #expect(message.contains("bad.csv line 3") && message.contains("unbalanced") && message.contains("nothing was imported"), "\(message)")
        #expect(!message.contains("\n"))
    }

    @Test("invalid bytes name line and byte", arguments: [false, true])
    func invalidBytes(withBOM: Bool) {
        // 0xFF is never valid in UTF-8, and FF FF is no GB18030 sequence either.
        var bytes = Array("Company,Notes\nAcme,ok\nBeta,".utf8) + [0xFF, 0xFF] + Array("\n".utf8)
        if withBOM { bytes = [0xEF, 0xBB, 0xBF] + bytes }
        let message = refusal(Data(bytes))
        #expect(message.contains("line 3") && message.contains("0xFF"), "\(message)")
    }

    @Test("a 1-byte file, an empty file and a header alone are refused")
    func tiny() {
        #expect(refusal(Data("a".utf8)).contains("1 byte"))
        #expect(refusal(Data()).contains("empty"))
        #expect(refusal(Data("\n".utf8)).contains("empty"))
        #expect(refusal(Data("Company,Amount\n".utf8)).contains("no rows"))
    }

    @Test("binary garbage is refused as binary, not read as text")
    func binary() {
        var generator = SystemRandomNumberGenerator()
        let garbage = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let message = refusal(garbage, "photo.csv")
        #expect(message.hasPrefix("photo.csv") && (message.contains("binary") || message.contains("invalid byte")), "\(message)")
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52])
        #expect(refusal(png).contains("binary") || refusal(png).contains("invalid byte"))
    }

    @Test("a 50 MB file is refused before it is read, with the limit in the message")
    func huge() {
        let row = Data("Acme,1000,proposal,2026-12-01\n".utf8)
        var data = Data("Company,Amount,Stage,Close Date\n".utf8)
        data.reserveCapacity(50 * 1024 * 1024 + row.count)
        while data.count < 50 * 1024 * 1024 { data.append(row) }
        let started = Date()
        let message = refusal(data, "big.csv")
        #expect(message.contains("big.csv") && message.contains("50 MB") && message.contains("40 MB"), "\(message)")
        #expect(Date().timeIntervalSince(started) < 2)
        // The limit is the user's to raise; a real file that size then reads.
        #expect((try? ForeignTable.read(data.prefix(2_000_000), fileName: "big.csv"))?.rows.isEmpty == false)
    }
}
