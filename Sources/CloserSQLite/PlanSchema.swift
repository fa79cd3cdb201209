import CloserCore
import GRDB

/// Planned activities: several per deal, each with a day (and maybe a time), done or not. The
/// deal's `next_step` and `next_step_due` columns stay — the board, the tables, the review and
/// the account rollups read them — but they are derived: the earliest open plan's text and day.
enum PlanSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE planned_activity (
                id INTEGER PRIMARY KEY,
                deal_id INTEGER NOT NULL REFERENCES deal(id) ON DELETE CASCADE,
                account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                text TEXT NOT NULL,
                due TEXT,
                due_time TEXT,
                owner TEXT NOT NULL DEFAULT '',
                done_on TEXT,
                activity_id INTEGER REFERENCES activity(id) ON DELETE SET NULL,
                version INTEGER NOT NULL,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                updated_by TEXT NOT NULL DEFAULT ''
            );
            -- A deal's plans: a handful each, read and ordered whole.
            CREATE INDEX planned_activity_deal ON planned_activity(deal_id);
            """)
        // Every next step becomes the deal's first planned activity, with its text and due day.
        try plansFromNextSteps(db, dealsAfter: 0)
    }

    /// A plan for each deal after `dealsAfter` (by id) that has a next step and no open plan:
    /// what the migration does once for every deal, and an import or a snapshot for the deals it
    /// inserted. One statement over the rows, in id order (both B-trees append). Deals an import
    /// has just inserted (`fresh`) cannot have plans yet: not looking for them halves the cost
    /// (100k deals: 0.26 against 0.45 s).
    static func plansFromNextSteps(_ db: Database, dealsAfter: Int64, fresh: Bool = false) throws {
        try db.execute(sql: """
            INSERT INTO planned_activity (deal_id, account_id, kind, text, due, owner, version, created_at, updated_at, updated_by)
            SELECT d.id, d.account_id, 'other', d.next_step, d.next_step_due, d.owner, 1, d.updated_at, d.updated_at, d.updated_by
            FROM deal d
            WHERE d.id > ? AND (d.next_step != '' OR d.next_step_due IS NOT NULL)
            """ + (fresh ? "" : """

              AND NOT EXISTS (SELECT 1 FROM planned_activity p WHERE p.deal_id = d.id AND p.done_on IS NULL)
            """), arguments: [dealsAfter])
    }

    /// Places plan rows of the log that name no account (a snapshot's), by the plan's account.
    static func fillEventAccounts(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE event SET account_id = (SELECT p.account_id FROM planned_activity p WHERE p.id = event.entity_id)
            WHERE account_id IS NULL AND entity = 'plan'
            """)
    }

    /// The order of `PlannedActivity.precedes` in SQL: by day (undated last), all-day first, by time, by id.
    static let order = "due IS NULL, due, due_time IS NOT NULL, due_time, id"
}
