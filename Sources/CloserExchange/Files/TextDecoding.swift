import CloserCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns a file's bytes into text without asking which encoding: a BOM says UTF-8 or UTF-16;
/// without one, NUL bytes in every other place say UTF-16 (Excel's "Unicode text"), valid
/// UTF-8 is UTF-8, and anything else that GB18030 reads is GB18030/GBK (Chinese Excel's
/// default). Foundation on Linux has no GB18030, so that one goes through iconv.
public enum TextDecoding {
    public enum Encoding: String, Sendable { case utf8 = "UTF-8", utf8BOM = "UTF-8 with BOM", utf16LE = "UTF-16 LE", utf16BE = "UTF-16 BE", gb18030 = "GB18030" }

    public static func decode(_ data: Data, fileName: String) throws(ImportError) -> (text: String, encoding: Encoding) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (try utf8(bytes.dropFirst(3), fileName: fileName, offset: 3), .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return (try utf16(bytes.dropFirst(2), littleEndian: true, fileName: fileName), .utf16LE) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (try utf16(bytes.dropFirst(2), littleEndian: false, fileName: fileName), .utf16BE) }
        if bytes.count >= 4 {
            let sample = bytes.prefix(4096)
            let evenZeros = stride(from: 0, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
            let oddZeros = stride(from: 1, to: sample.count, by: 2).filter { sample[$0] == 0 }.count
            let half = sample.count / 2
            if oddZeros * 10 > half * 3, evenZeros * 10 < half { return (try utf16(bytes[...], littleEndian: true, fileName: fileName), .utf16LE) }
            if evenZeros * 10 > half * 3, oddZeros * 10 < half { return (try utf16(bytes[...], littleEndian: false, fileName: fileName), .utf16BE) }
        }
        if let text = String(validating: bytes, as: UTF8.self) { return (try checked(text, fileName: fileName), .utf8) }
        if let text = gb18030(bytes) { return (try checked(text, fileName: fileName), .gb18030) }
        throw invalidUTF8(bytes[...], fileName: fileName, offset: 0)
    }

    private static func utf8(_ bytes: ArraySlice<UInt8>, fileName: String, offset: Int) throws(ImportError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw invalidUTF8(bytes, fileName: fileName, offset: offset) }
        return try checked(text, fileName: fileName)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool, fileName: String) throws(ImportError) -> String {
        guard bytes.count % 2 == 0 else { throw ImportError("\(fileName): UTF-16 text with an odd number of bytes (cut off?); nothing was imported") }
        var units = [UInt16]()
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            throw ImportError("\(fileName): invalid UTF-16 (an unpaired surrogate); nothing was imported")
        }
        return try checked(text, fileName: fileName)
    }

    /// Text with NUL characters is a binary file, whatever decoded it.
    private static func checked(_ text: String, fileName: String) throws(ImportError) -> String {
        if let nul = text.utf8.firstIndex(of: 0) {
            let line = text.utf8[..<nul].lazy.filter { $0 == 0x0A }.count + 1
            throw ImportError("\(fileName) line \(line): a NUL byte — this is a binary file, not CSV text; nothing was imported")
        }
        return text
    }

    private static func invalidUTF8(_ bytes: ArraySlice<UInt8>, fileName: String, offset: Int) -> ImportError {
        // Find the first byte UTF-8 refuses, to name its line and column.
        var lineStart = bytes.startIndex, line = 1, index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte >> 5 == 0b110 ? 2 : byte >> 4 == 0b1110 ? 3 : byte >> 3 == 0b11110 ? 4 : 0
            let end = index + length
            if length == 0 || end > bytes.endIndex || String(validating: bytes[index..<end], as: UTF8.self) == nil { break }
            if byte == 0x0A { line += 1; lineStart = end }
            index = end
        }
        let byte = index < bytes.endIndex ? String(format: "0x%02X", bytes[index]) : "end of file"
        return ImportError("\(fileName) line \(line), byte \(index - lineStart + 1): invalid byte \(byte) — not UTF-8, UTF-16 or GB18030 text; nothing was imported")
    }

    /// GB18030 (a superset of GBK and GB2312) to text through iconv; nil if a byte sequence is invalid.
    static func gb18030(_ bytes: [UInt8]) -> String? {
        convert(bytes, from: "GB18030", to: "UTF-8").flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// GB18030 bytes for text (what Chinese Excel writes); nil where iconv refuses.
    public static func gb18030Bytes(_ text: String) -> Data? {
        convert(Array(text.utf8), from: "UTF-8", to: "GB18030").map { Data($0) }
    }

    private static func convert(_ bytes: [UInt8], from source: String, to target: String) -> [UInt8]? {
        let converter = iconv_open(target, source)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        let written: Int? = input.withUnsafeMutableBytes { inBuffer in
            output.withUnsafeMutableBytes { outBuffer -> Int? in
                guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else { return 0 }
                var inPointer: UnsafeMutablePointer<CChar>? = inBase.assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = outBase.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count, outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        return written.map { Array(output.prefix($0)) }
    }
}
