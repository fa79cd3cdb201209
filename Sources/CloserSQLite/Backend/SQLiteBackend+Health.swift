import CloserCore
import CloserStoreKit
import Foundation
import GRDB

/// The file store's SQL for the shared health settings and warnings (CloserStoreKit/Health).
extension SQLiteBackend: HealthBackend {
    func healthSettings(_ db: Database) throws -> HealthSettings { try SQLiteStore.healthSettings(db) }

    func replaceHealthSettings(_ db: Database, _ values: [String: String]) throws {
        try db.execute(sql: "DELETE FROM setting WHERE key >= ? AND key < ?", arguments: [SQLiteStore.healthSettingPrefix, "health/"])
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO setting (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)",
                           arguments: [SQLiteStore.healthSettingPrefix + key, value, actor, clock().timeIntervalSince1970])
        }
    }

    func healthFacts(_ db: Database, dealIDs ids: [Int64], visibleTo actor: Actor) throws -> [(Deal, DealHealthFacts)] {
        var filter = SQLFilter()
        filter.add("d.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))", ids)
        filter.restrict(to: actor)
        return try Row.fetchAll(db, sql: "SELECT \(HealthRows.columns) FROM deal d \(HealthRows.joins) \(filter.whereClause)",
                                arguments: filter.arguments).map { (Deal(row: $0), HealthRows.facts($0)) }
    }
}
