import CloserCore
import CloserStoreKit
import Foundation

/// The server's SQL for the shared health settings and warnings (CloserStoreKit/Health).
extension PostgresBackend: HealthBackend {
    func healthSettings(_ connection: Connection) throws -> HealthSettings { try PostgresStore.healthSettings(connection) }

    func replaceHealthSettings(_ connection: Connection, _ values: [String: String]) throws {
        try connection.execute("DELETE FROM setting WHERE key >= ? AND key < ?", [.text(PostgresStore.healthSettingPrefix), .text("health/")])
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            try connection.execute("INSERT INTO setting (key, value, updated_by, updated_at) VALUES (?, ?, ?, ?)",
                                   [.text(PostgresStore.healthSettingPrefix + key), .text(value), .text(actor), .time(clock())])
        }
    }

    func healthFacts(_ connection: Connection, dealIDs ids: [Int64], visibleTo actor: Actor) throws -> [(Deal, DealHealthFacts)] {
        var filter = SQLConditions()
        filter.add("d.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))", ids.map(SQLValue.int))
        filter.restrict(to: actor)
        return try connection.query("SELECT \(HealthRows.columns) FROM deal d \(HealthRows.joins) \(filter.whereClause)", filter.values)
            .map { (try Deal(pg: $0), try HealthRows.facts($0)) }
    }
}
