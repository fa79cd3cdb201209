import CloserCore
import Foundation
import GRDB

/// A row kept under optimistic concurrency: read, edit, and saved only if still at the version read.
protocol VersionedRecord: Sendable {
    static var table: String { get }
    static var columns: [String] { get }
    init(row: Row)
    var id: Int64 { get }
    var version: Int { get set }
    var createdAt: Date { get set }
    var updatedAt: Date { get set }
    var searchKey: String { get }
    func columnValues(searchKey: String, updatedBy: String) -> [(any DatabaseValueConvertible)?]
}

extension Account: VersionedRecord {
    static var table: String { "account" }
}

extension Person: VersionedRecord {
    static var table: String { "person" }
}
