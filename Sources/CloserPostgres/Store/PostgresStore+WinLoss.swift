import CloserCore
import Foundation

/// Win/loss of the deals closed in a range (SQLiteStore+WinLoss): SQL adds them up per row key,
/// outcome, currency and piece of the range; `WinLoss.rows` converts and derives the rates.
extension PostgresStore {
    /// The deals of the accounts the user may see (a manager: all).
    public func winLoss(_ query: WinLossQuery) throws -> WinLossReport {
        try readAsActor { connection, who in
            let rates = try Self.rateTable(connection)
            return try WinLoss.report(query, rates: rates) { dimension in
                try Self.winLossRows(connection, query, key: dimension, rates: rates, as: who)
            }
        }
    }

    static func winLossRows(_ connection: Connection, _ query: WinLossQuery, key dimension: WinLossDimension?, rates: RateTable,
                            as who: Actor) throws -> [String: WinLossRow] {
        let pieces = RatePieces(rates, from: query.since, until: query.until)
        let piece = RateSQL.piece(day: "d.closed_on", pieces)
        var filter = SQLConditions()
        filter.add("d.outcome IN ('won','lost','withdrawn')")
        filter.add("d.closed_on >= ? AND d.closed_on < ?", [.text(query.since.description), .text(query.until.description)])
        if let rep = query.rep { filter.add("d.owner = ?", [.text(rep)]) }
        if let process = query.processKey { filter.add("d.process_key = ?", [.text(process)]) }
        filter.restrict(accountColumn: "d.account_id", to: who)
        let offset = query.timeZone.secondsFromGMT(for: query.since.startDate(timeZone: query.timeZone))
        let cycle = "greatest(0, d.closed_on::date - (to_timestamp(d.created_at + \(offset)) AT TIME ZONE 'UTC')::date)"
        var source = "deal d"
        var key = "''"
        var lostToKey = "0"
        switch dimension {
        case nil: break
        case .reason:
            key = "coalesce(d.loss_reason, '\(LostReason.other)')"
            filter.add("d.outcome = 'lost'")
        case .stage: key = "d.stage_key"
        case .rep: key = "d.owner"
        case .month: key = "substr(d.closed_on, 1, 7)"
        case .quarter: key = "substr(d.closed_on, 1, 4) || '-Q' || ((substr(d.closed_on, 6, 2)::integer + 2) / 3)"
        case .competitor:
            // Each competitor a deal met, once: listed on the deal, or recorded as the one who won it.
            source = """
                (SELECT d.*, c.met FROM deal d, json_array_elements_text(d.competitors::json) AS c(met) WHERE c.met <> ''
                 UNION
                 SELECT d.*, d.lost_to AS met FROM deal d WHERE d.lost_to IS NOT NULL AND d.lost_to <> '') d
                """
            key = "d.met"
            // A loss nobody is named as the winner of is not one of theirs.
            lostToKey = "sum(CASE WHEN d.outcome = 'lost' AND d.lost_to = d.met THEN 1 ELSE 0 END)"
        }
        var tallies: [WinLossTally] = []
        for row in try connection.query("""
            SELECT \(key) AS key, d.outcome, d.currency, \(piece.sql) AS piece, count(*) AS deals, sum(d.amount)::bigint AS amount,
                   sum(CASE WHEN d.outcome = 'withdrawn' THEN 0 ELSE \(cycle) END)::bigint AS cycle, (\(lostToKey))::bigint AS lost_to_key
            FROM \(source) \(filter.whereClause) GROUP BY 1, 2, 3, 4
            """, piece.values + filter.values) {
            guard let outcome = Outcome(rawValue: try row.string("outcome")) else { continue }
            tallies.append(WinLossTally(key: try row.optionalText("key") ?? "", outcome: outcome, currency: try row.string("currency"),
                                        day: pieces.day(ofPiece: try row.int("piece")), deals: try row.int("deals"),
                                        amount: try row.optionalInt64("amount") ?? 0, cycleDays: Int(try row.optionalInt64("cycle") ?? 0),
                                        lostToKey: Int(try row.optionalInt64("lost_to_key") ?? 0)))
        }
        return WinLoss.rows(tallies, rates: rates)
    }
}
