import Foundation

/// A store that writes another program's rows, as both stores do: planned against everything it
/// holds, then written all or nothing (or skipping the rejected rows), in one transaction.
public protocol ForeignBatchImporting: Sendable {
    /// The user the store acts as: the importer, whose new accounts are theirs.
    var actor: String { get }
    func processCatalog() throws -> ProcessCatalog
    /// With rejected rows and `skipBad` false nothing is written; `dryRun` writes nothing.
    func importForeign(_ batch: ForeignBatch, dryRun: Bool, skipBad: Bool) throws -> ForeignImportReport
}
