import CloserCore
import Foundation

/// The rows `--skip-bad` left out, as a CSV the user can fix in Excel and import again:
/// the file's own header and fields, plus a last column saying what was wrong. It reads
/// back with the same mapping (the extra column is reported as not imported).
public enum ForeignRejects {
    public static let reasonColumn = "Closer error"

    public static func encode(header: [String], batch: ForeignBatch, rejections: [Rejection]) throws -> Data {
        var reasons = [Int: [String]]()
        for rejection in rejections {
            reasons[rejection.line, default: []].append(rejection.column.isEmpty ? rejection.reason : "\(rejection.column): \(rejection.reason)")
        }
        let rows = reasons.keys.sorted().map { line -> [String] in
            var fields = batch.fields(line: line) ?? []
            if fields.count < header.count { fields += Array(repeating: "", count: header.count - fields.count) }
            // The file is for Excel: a field it would run as a formula is guarded (the importer unguards it).
            return (Array(fields.prefix(header.count)) + [(reasons[line] ?? []).joined(separator: "; ")]).map(ExcelFormula.guarded)
        }
        return ExcelCSV.withBOM(try CSVTable(header: header + [reasonColumn], rows: rows).encoded())
    }
}

/// What Chinese Excel needs to open a CSV as UTF-8 rather than GBK: a byte-order mark.
public enum ExcelCSV {
    public static let bom = Data([0xEF, 0xBB, 0xBF])

    public static func withBOM(_ data: Data) -> Data { bom + data }
}
