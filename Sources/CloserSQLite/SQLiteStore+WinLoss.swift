import CloserCore
import Foundation
import GRDB

/// Win/loss of the deals closed in a range: SQL adds them up per row key, outcome, currency and
/// piece of the range (cut where a rate changes); `WinLoss.rows` converts and derives the rates.
extension SQLiteStore {
    /// The deals of the accounts the user may see (a manager: all).
    public func winLoss(_ query: WinLossQuery) throws -> WinLossReport {
        try readAsActor { db, who in
            let rates = try Self.rateTable(db)
            return try WinLoss.report(query, rates: rates) { dimension in
                try Self.winLossRows(db, query, key: dimension, rates: rates, as: who)
            }
        }
    }

    /// The closed deals' tallies for one dimension (nil: one row for them all).
    static func winLossRows(_ db: Database, _ query: WinLossQuery, key dimension: WinLossDimension?, rates: RateTable,
                            as who: Actor) throws -> [String: WinLossRow] {
        let pieces = RatePieces(rates, from: query.since, until: query.until)
        let piece = RateSQL.piece(day: "d.closed_on", pieces)
        var filter = SQLFilter()
        filter.add("d.outcome IN ('won','lost','withdrawn')")
        filter.add("d.closed_on >= ? AND d.closed_on < ?", [query.since.description, query.until.description])
        if let rep = query.rep { filter.add("d.owner = ?", [rep]) }
        if let process = query.processKey { filter.add("d.process_key = ?", [process]) }
        filter.restrict(accountColumn: "d.account_id", to: who)
        let offset = query.timeZone.secondsFromGMT(for: query.since.startDate(timeZone: query.timeZone))
        let cycle = "MAX(0, CAST(julianday(d.closed_on) - julianday(date(d.created_at + \(offset), 'unixepoch')) AS INTEGER))"
        var source = "deal d"
        var key = "''"
        var lostToKey = "0"
        switch dimension {
        case nil: break
        case .reason:
            key = "COALESCE(d.loss_reason, '\(LostReason.other)')"
            filter.add("d.outcome = 'lost'")
        case .stage: key = "d.stage_key"
        case .rep: key = "d.owner"
        case .month: key = "substr(d.closed_on, 1, 7)"
        case .quarter: key = "substr(d.closed_on, 1, 4) || '-Q' || ((CAST(substr(d.closed_on, 6, 2) AS INTEGER) + 2) / 3)"
        case .competitor:
            // Each competitor a deal met, once: listed on the deal, or recorded as the one who won it.
            source = """
                (SELECT DISTINCT d.*, c.value AS met FROM deal d, json_each(d.competitors) c WHERE c.value <> ''
                 UNION
                 SELECT d.*, d.lost_to AS met FROM deal d WHERE d.lost_to IS NOT NULL AND d.lost_to <> '') d
                """
            key = "d.met"
            // A loss nobody is named as the winner of is not one of theirs (NULL, which CASE makes 0).
            lostToKey = "SUM(CASE WHEN d.outcome = 'lost' AND d.lost_to = d.met THEN 1 ELSE 0 END)"
        }
        var tallies: [WinLossTally] = []
        try Row.forEach(db, sql: """
            SELECT \(key) AS key, d.outcome, d.currency, \(piece.sql) AS piece, COUNT(*) AS deals, SUM(d.amount) AS amount,
                   SUM(CASE WHEN d.outcome = 'withdrawn' THEN 0 ELSE \(cycle) END) AS cycle, \(lostToKey) AS lost_to_key
            FROM \(source) \(filter.whereClause) GROUP BY 1, 2, 3, 4
            """, arguments: piece.arguments + filter.arguments) { row in
            guard let outcome = Outcome(rawValue: row["outcome"]) else { return }
            tallies.append(WinLossTally(key: row["key"] ?? "", outcome: outcome, currency: row["currency"], day: pieces.day(ofPiece: row["piece"]),
                                        deals: row["deals"], amount: row["amount"] as Int64? ?? 0, cycleDays: row["cycle"] as Int? ?? 0,
                                        lostToKey: row["lost_to_key"] as Int? ?? 0))
        }
        return WinLoss.rows(tallies, rates: rates)
    }
}
