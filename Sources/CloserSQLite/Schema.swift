import GRDB

/// Schema changes are new migrations, never edits of an old one: stores in the field
/// were created by the old text.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core") { db in
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                INSERT INTO meta (key, value) VALUES ('change_counter', 0);

                CREATE TABLE user (
                    name TEXT PRIMARY KEY,
                    role TEXT NOT NULL,
                    display_name TEXT NOT NULL DEFAULT ''
                );

                CREATE TABLE process (
                    key TEXT PRIMARY KEY,
                    json TEXT NOT NULL
                );

                CREATE TABLE account (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    grade TEXT NOT NULL,
                    assistance INTEGER NOT NULL,
                    loyalty INTEGER NOT NULL,
                    quadrant TEXT NOT NULL,
                    industry TEXT NOT NULL DEFAULT '',
                    region TEXT NOT NULL DEFAULT '',
                    business_nature TEXT NOT NULL DEFAULT '',
                    scale TEXT NOT NULL DEFAULT '',
                    owner TEXT,
                    visibility TEXT NOT NULL,
                    shared_with TEXT NOT NULL DEFAULT '[]',
                    tags TEXT NOT NULL DEFAULT '[]',
                    notes TEXT NOT NULL DEFAULT '',
                    external_id TEXT UNIQUE,
                    search_key TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    updated_by TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX account_name ON account(name);
                CREATE INDEX account_owner ON account(owner);

                CREATE TABLE person (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    title TEXT NOT NULL DEFAULT '',
                    level TEXT NOT NULL,
                    function TEXT NOT NULL,
                    roles TEXT NOT NULL DEFAULT '',
                    stance TEXT NOT NULL,
                    influence INTEGER NOT NULL,
                    inside_coach INTEGER NOT NULL DEFAULT 0,
                    reports_to INTEGER REFERENCES person(id) ON DELETE SET NULL,
                    cares TEXT NOT NULL DEFAULT '',
                    notes TEXT NOT NULL DEFAULT '',
                    phone TEXT NOT NULL DEFAULT '',
                    email TEXT NOT NULL DEFAULT '',
                    last_met TEXT,
                    external_id TEXT UNIQUE,
                    search_key TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    updated_by TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX person_account ON person(account_id);
                CREATE INDEX person_reports_to ON person(reports_to);

                CREATE TABLE deal (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id),
                    title TEXT NOT NULL,
                    process_key TEXT NOT NULL,
                    stage_key TEXT NOT NULL,
                    milestones_done TEXT NOT NULL DEFAULT '[]',
                    amount INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    expected_close TEXT,
                    next_step TEXT NOT NULL DEFAULT '',
                    next_step_due TEXT,
                    budget_known INTEGER NOT NULL DEFAULT 0,
                    competitors TEXT NOT NULL DEFAULT '[]',
                    owner TEXT NOT NULL,
                    overrides TEXT NOT NULL DEFAULT '[]',
                    outcome TEXT NOT NULL,
                    outcome_reason TEXT NOT NULL DEFAULT '',
                    forecast_category TEXT NOT NULL,
                    stage_entered_at REAL NOT NULL,
                    closed_on TEXT,
                    external_id TEXT UNIQUE,
                    -- Derived on every write so that board and table queries aggregate in SQL.
                    probability INTEGER NOT NULL,
                    weighted INTEGER NOT NULL,
                    at_risk INTEGER NOT NULL,
                    milestones_met INTEGER NOT NULL,
                    milestones_total INTEGER NOT NULL,
                    last_activity TEXT,
                    search_key TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    updated_by TEXT NOT NULL DEFAULT ''
                );
                -- Board: per-stage totals and the first cards by amount, from the index alone.
                CREATE INDEX deal_board ON deal(process_key, outcome, stage_key, amount, currency, weighted);
                CREATE INDEX deal_amount ON deal(outcome, amount);
                CREATE INDEX deal_account ON deal(account_id);
                CREATE INDEX deal_owner ON deal(owner, outcome);
                CREATE INDEX deal_due ON deal(outcome, next_step_due);

                CREATE TABLE activity (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    deal_id INTEGER REFERENCES deal(id) ON DELETE SET NULL,
                    kind TEXT NOT NULL,
                    day TEXT NOT NULL,
                    person_ids TEXT NOT NULL DEFAULT '',
                    notes TEXT NOT NULL DEFAULT '',
                    outcome TEXT NOT NULL DEFAULT '',
                    by TEXT NOT NULL DEFAULT '',
                    created_at REAL NOT NULL
                );
                CREATE INDEX activity_deal ON activity(deal_id, day);
                CREATE INDEX activity_account ON activity(account_id, day);

                CREATE TABLE event (
                    id INTEGER PRIMARY KEY,
                    at REAL NOT NULL,
                    user TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    entity_id INTEGER NOT NULL,
                    action TEXT NOT NULL,
                    changes TEXT NOT NULL DEFAULT '{}',
                    note TEXT NOT NULL DEFAULT ''
                );
                CREATE INDEX event_at ON event(at);
                CREATE INDEX event_entity ON event(entity, entity_id, at);
                """)
        }
        migrator.registerMigration("v2-covering-indexes") { db in
            // Measured at 100k deals: each of these lets a screen's query read the index alone
            // instead of fetching every candidate row from the table.
            try db.execute(sql: """
                -- Board for one rep: totals and cards without touching the table.
                CREATE INDEX deal_owner_board ON deal(owner, process_key, outcome, stage_key, amount, currency, weighted, account_id);
                -- Board totals: GROUP BY stage and currency in index order, no temporary B-tree.
                CREATE INDEX deal_stage_totals ON deal(process_key, outcome, stage_key, currency, amount, weighted);
                -- Deal table by amount and text search over it: the pattern is tested in the index.
                DROP INDEX deal_amount;
                CREATE INDEX deal_amount_search ON deal(outcome, amount DESC, search_key);
                DROP INDEX person_account;
                CREATE INDEX person_account_search ON person(account_id, search_key);
                DROP INDEX account_name;
                CREATE INDEX account_name_search ON account(name, search_key);
                """)
        }
        migrator.registerMigration("v3-planner-statistics") { db in
            // Without statistics SQLite walks the whole process index for a one-rep board
            // (52 ms at 100k deals) instead of the rep's own index (6 ms).
            try db.execute(sql: "ANALYZE")
        }
        migrator.registerMigration("v4-account-rollups") { db in
            // Figures the account table sorts and filters on, kept current by every deal and
            // activity write: sorting 20k accounts by pipeline must not aggregate 100k deals.
            try db.execute(sql: """
                ALTER TABLE account ADD COLUMN open_deals INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE account ADD COLUMN pipeline INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE account ADD COLUMN weighted INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE account ADD COLUMN won INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE account ADD COLUMN last_activity TEXT;
                ALTER TABLE account ADD COLUMN next_due TEXT;
                CREATE INDEX account_pipeline ON account(pipeline);
                CREATE INDEX account_last_activity ON account(last_activity);
                """)
            try SQLiteStore.refreshAllAccountRollups(db)
        }
        migrator.registerMigration("v5-saved-filters") { db in try SavedFilterSchema.migrate(db) }
        migrator.registerMigration("v6-ownership") { db in try OwnershipSchema.migrate(db) }
        migrator.registerMigration("v7-account-search-cover") { db in
            // Search as you type on the account table: the text and a rep's visibility are tested
            // in the index that walks names in order, so neither the count nor the page reads a
            // row of the table for an account it does not show (the 100k demo, 20k accounts: a rep's
            // text search `zg` counted in 4.4 → 2.3 ms, its name-ordered page in 4.0 → 3.1 ms). The id
            // right after the name is the table's tie-break, so `ORDER BY name, id … LIMIT` stops at
            // the page instead of sorting each run of equal names (a manager's `z`, 11k matches:
            // the first 5 001 in 4.8 → 1.7 ms).
            try db.execute(sql: """
                DROP INDEX account_name_search;
                CREATE INDEX account_name_search_cover ON account(name, id, search_key, visibility, owner, shared_with);
                ANALYZE account;
                """)
        }
        migrator.registerMigration("v8-review") { db in try ReviewSchema.migrate(db) }
        migrator.registerMigration("v9-person-table") { db in
            // The key-person table pages through every account's persons in name, influence or
            // last-met order: each first page walks an index instead of sorting 100k persons.
            try db.execute(sql: """
                CREATE INDEX person_name ON person(name, id);
                CREATE INDEX person_influence ON person(influence, name, id);
                CREATE INDEX person_last_met ON person(last_met, id);
                """)
        }
        migrator.registerMigration("v10-review-history") { db in
            try StageHistorySchema.migrate(db)
            // The review's stalled, next-step and per-rep figures: one pass over the open deals' index
            // instead of fetching 70k rows of the table.
            try db.execute(sql: """
                CREATE INDEX deal_attention ON deal(outcome, owner, currency, amount, weighted, last_activity, created_at, next_step_due, next_step);
                -- Each list's largest deals: the open deals walked by amount, tested in the index until the list is full.
                CREATE INDEX deal_attention_top ON deal(outcome, amount DESC, owner, last_activity, created_at, next_step_due, next_step);
                ANALYZE;
                """)
        }
        migrator.registerMigration("v11-fewer-deal-indexes") { db in
            // A 100k-row import rebuilds every deal index inside its transaction, and writes each
            // one to the log twice (at commit and at the checkpoint): one index fewer is ~0.1 s off
            // it. deal_owner(owner, outcome) is a prefix of deal_attention's (outcome, owner) for
            // the open deals and of deal_owner_board's (owner) for the rest; the table's search
            // index and the review's largest-deals index both walk the open deals by amount, so
            // one index carries the columns of both. Only closed deals have a close day: the
            // review's won-in-period index holds those alone (a fifth of a 100k import's rows).
            try db.execute(sql: """
                DROP INDEX deal_owner;
                DROP INDEX deal_amount_search;
                DROP INDEX deal_attention_top;
                CREATE INDEX deal_amount_cover ON deal(outcome, amount DESC, search_key, owner, last_activity, created_at, next_step_due, next_step);
                DROP INDEX deal_closed_on;
                CREATE INDEX deal_closed_on ON deal(outcome, closed_on, currency, amount) WHERE closed_on IS NOT NULL;
                ANALYZE deal;
                """)
        }
        migrator.registerMigration("v12-event-account") { db in
            // The log follows the visibility of the account each change hangs from: a rep reading
            // `closer log` sees the changes of the accounts they may see. Rows of entities deleted
            // before this version cannot be placed and stay NULL: only managers read those.
            try db.execute(sql: """
                ALTER TABLE event ADD COLUMN account_id INTEGER;
                CREATE INDEX event_account ON event(account_id, at);
                """)
            try EventAccounts.fill(db)
        }
        migrator.registerMigration("v13-bulk-stage-history") { db in try StageHistoryBulk.migrate(db) }
        migrator.registerMigration("v14-health") { db in try HealthSchema.migrate(db) }
        migrator.registerMigration("v15-planned-activities") { db in try PlanSchema.migrate(db) }
        migrator.registerMigration("v16-event-versions") { db in
            // The version of the row a change produced: an undo reverts a change only while the
            // row is still at that version. Older rows have none and are not undone.
            try db.execute(sql: "ALTER TABLE event ADD COLUMN version INTEGER")
        }
        migrator.registerMigration("v17-team-numbers") { db in try TeamNumbersSchema.migrate(db) }
        migrator.registerMigration("v18-review-lists-once-per-deal") { db in try StageListSchema.migrate(db) }
        migrator.registerMigration("v19-names-by-pinyin") { db in try NameOrderSchema.migrate(db) }
        migrator.registerMigration("v20-deal-account-covering") { db in
            // A rep's board totals and deal count meet their visible accounts as a set; with the
            // board's columns beside the account, those deals are read from the index alone
            // (measured on the 100k store: 0.44 s through the account join, 0.04 s this way).
            try db.execute(sql: """
                DROP INDEX deal_account;
                CREATE INDEX deal_account ON deal(account_id, process_key, outcome, stage_key, currency, amount, weighted);
                """)
        }
        migrator.registerMigration("v21-plans-on-accounts") { db in try PlanSchema.allowPlansWithoutDeal(db) }
        migrator.registerMigration("v22-every-forced-gate-chained") { db in try StageListSchema.chainEveryForcedGate(db) }
        migrator.registerMigration("v23-deal-search-index") { db in try DealSearchSchema.migrate(db) }
        return migrator
    }
}

/// Which account each event-log row hangs from.
enum EventAccounts {
    /// Places the rows that have no account yet by their entity, as it is in the store now: for
    /// a store of an older version, and for a snapshot or demo whose events name no account.
    static func fill(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE event SET account_id = entity_id WHERE account_id IS NULL AND entity = 'account';
            UPDATE event SET account_id = (SELECT d.account_id FROM deal d WHERE d.id = event.entity_id)
                WHERE account_id IS NULL AND entity = 'deal';
            UPDATE event SET account_id = (SELECT p.account_id FROM person p WHERE p.id = event.entity_id)
                WHERE account_id IS NULL AND entity = 'person';
            UPDATE event SET account_id = (SELECT x.account_id FROM activity x WHERE x.id = event.entity_id)
                WHERE account_id IS NULL AND entity = 'activity';
            """)
    }

    /// Entities that hang from an account: their events without one (deleted before the log
    /// knew) are read by managers only.
    static let accountEntities = "('account', 'deal', 'person', 'activity', 'plan')"
}
