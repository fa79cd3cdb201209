import CloserCore
import Foundation

/// A foreign file read all the way to checked rows: decoded, split, mapped and read, ready
/// for `SQLiteStore.importForeign`. One path for the CLI, the benchmark and the tests.
public struct ForeignFile: Sendable {
    public var table: ForeignTable
    public var mapping: ColumnMapping
    public var batch: ForeignBatch
    /// The process deals' stages were mapped to (deals only).
    public var process: ProcessTemplate?

    public init(_ data: Data, fileName: String, mapping file: MappingFile? = nil, entity: ImportEntity? = nil, process: String? = nil,
                dateFormat: ImportDateFormat? = nil, catalog: ProcessCatalog, user: String,
                byteLimit: Int = ForeignTable.defaultByteLimit) throws(ImportError) {
        table = try ForeignTable.read(data, fileName: fileName, byteLimit: byteLimit)
        mapping = try ColumnMapping(header: table.header, mapping: file, entity: entity, fileName: fileName)
        let reader = try ForeignRowReader(fileName: fileName, mapping: mapping, catalog: catalog, file: file, process: process, defaultOwner: user,
                                          dateFormat: dateFormat)
        self.process = reader.stages?.process
        batch = try reader.read(table.rows)
    }
}
