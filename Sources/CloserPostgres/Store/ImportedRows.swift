import CloserCore
import Foundation

/// What a bulk write (an import, the demo) does once for all its rows, while the triggers that
/// would do it per statement stand aside (`closer.history = 'verbatim'`): the deals' columns the
/// store derives, the accounts whose key persons changed, the log's accounts.
enum ImportedRows {
    /// The deals' derived columns in one pass over the deal table: each of the file's deals
    /// (`filed`) gets its next step from its first open plan (in `planOrder`); each deal
    /// the file's activities name gets its last activity and, when it has activities of the health
    /// kinds, the facts the health triggers keep (HealthSchemaSQL.refreshDeals, the same
    /// expressions). One UPDATE instead of four: every pass rewrote 100 000 wide deal rows.
    static func settleDeals(_ connection: Connection, filed: [Int64], named: [Int64]) throws {
        guard !filed.isEmpty || !named.isEmpty else { return }
        let kinds = HealthSchemaSQL.kinds
        try connection.execute("""
            WITH filed AS (SELECT DISTINCT id FROM unnest(?::bigint[]) AS f (id)),
                 named AS (SELECT DISTINCT id FROM unnest(?::bigint[]) AS n (id)),
                 first_plan AS (SELECT DISTINCT ON (p.deal_id) p.deal_id, p.text, p.due
                                FROM planned_activity p JOIN filed f ON f.id = p.deal_id
                                WHERE p.done_on IS NULL
                                ORDER BY p.deal_id, p.due IS NULL, p.due, p.due_time IS NOT NULL, p.due_time, p.id),
                 facts AS (SELECT a.deal_id, max(a.day) AS last_day,
                                  count(*) FILTER (WHERE a.kind IN \(kinds)) > 0 AS health,
                                  max(a.day) FILTER (WHERE a.kind = 'demo') AS last_demo,
                                  min(a.day) FILTER (WHERE a.kind = 'discovery') AS first_discovery,
                                  min(a.day) FILTER (WHERE a.kind = 'quote') AS first_quote
                           FROM activity a JOIN named n ON n.id = a.deal_id GROUP BY a.deal_id),
                 settled AS (SELECT coalesce(f.id, x.deal_id) AS id, f.id IS NOT NULL AS filed, p.text, p.due,
                                    x.last_day, coalesce(x.health, false) AS health, x.last_demo, x.first_discovery, x.first_quote
                             FROM filed f
                             FULL JOIN facts x ON x.deal_id = f.id
                             LEFT JOIN first_plan p ON p.deal_id = f.id)
            UPDATE deal d SET
                next_step = CASE WHEN s.filed THEN coalesce(s.text, '') ELSE d.next_step END,
                next_step_due = CASE WHEN s.filed THEN s.due ELSE d.next_step_due END,
                last_activity = coalesce(s.last_day, d.last_activity),
                last_demo = CASE WHEN s.health THEN s.last_demo ELSE d.last_demo END,
                first_discovery = CASE WHEN s.health THEN s.first_discovery ELSE d.first_discovery END,
                first_quote = CASE WHEN s.health THEN s.first_quote ELSE d.first_quote END,
                pitched = CASE WHEN s.health THEN (s.last_demo IS NOT NULL AND (s.first_discovery IS NULL OR s.first_discovery > s.last_demo))
                               ELSE d.pitched END,
                quoted = CASE WHEN s.health THEN s.first_quote IS NOT NULL ELSE d.quoted END
            FROM settled s
            WHERE d.id = s.id
            """, [idArray(filed), idArray(named)])
    }

    /// The accounts whose persons the write added: their health facts are worked out before the
    /// write commits (`refreshStaleAccountHealth`), as the person triggers would have marked them.
    static func markAccountHealth(_ connection: Connection, accounts: [Int64]) throws {
        guard !accounts.isEmpty else { return }
        try connection.execute("""
            INSERT INTO account_health (account_id, stale) SELECT DISTINCT id, true FROM unnest(?::bigint[]) AS a (id)
            ON CONFLICT (account_id) DO UPDATE SET stale = true
            """, [idArray(accounts)])
    }

    static func idArray(_ ids: [Int64]) -> SQLValue {
        .text("{" + ids.map(String.init).joined(separator: ",") + "}")
    }

    /// The account each logged row belongs to, for rows about the file's own accounts, persons,
    /// deals and activities; the rest are placed in SQL afterwards (`placeEvents`). Placing them
    /// before they go in spares an UPDATE of the whole log.
    struct EventPlaces {
        private var accounts: [String: [Int64: Int64]] = [:]

        init(_ snapshot: Snapshot) {
            func byID(_ pairs: [(Int64, Int64)]) -> [Int64: Int64] {
                Dictionary(pairs.filter { $0.0 != 0 }, uniquingKeysWith: { first, _ in first })
            }
            accounts["account"] = byID(snapshot.accounts.map { ($0.id, $0.id) })
            accounts["person"] = byID(snapshot.persons.map { ($0.id, $0.accountID) })
            accounts["deal"] = byID(snapshot.deals.map { ($0.id, $0.accountID) })
            accounts["activity"] = byID(snapshot.activities.map { ($0.id, $0.accountID) })
        }

        func account(of event: ChangeEvent) -> Int64? {
            accounts[event.entity]?[event.entityID]
        }
    }
}
