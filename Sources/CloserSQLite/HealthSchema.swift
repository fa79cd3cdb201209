import CloserCore
import GRDB

/// Deal health's tables, columns and triggers (owned by the deal-health work).
///
/// The report counts seven rules over every open deal, so what the rules read is kept where a
/// pass over the deals finds it without touching persons or activities:
/// - the order of a deal's demos, discoveries and quotes sits in the deal row, kept by triggers
///   on the activity table, so every writer of activities (a form, an import, a restore) keeps it;
/// - the account's decision-makers, the route from our coach or a supporter to one, and the key
///   person met longest ago sit in `account_health`. The route walks the reports-to tree, which
///   a trigger cannot (SQLite has no recursive queries in triggers): triggers on the person
///   table mark the account stale, and every write transaction works the stale accounts out
///   with the same Swift the rules use (`OrgHealthFacts`) before it commits, so no reader ever
///   sees a stale row.
enum HealthSchema {
    static let kinds = "('demo','discovery','quote')"

    /// The deal's activity facts, recomputed from its own activities of the three kinds. The
    /// subqueries repeat the partial index's condition so the planner may use it.
    static let dealFacts = """
        last_demo = (SELECT MAX(day) FROM activity WHERE deal_id = deal.id AND kind IN \(kinds) AND kind = 'demo'),
        first_discovery = (SELECT MIN(day) FROM activity WHERE deal_id = deal.id AND kind IN \(kinds) AND kind = 'discovery'),
        first_quote = (SELECT MIN(day) FROM activity WHERE deal_id = deal.id AND kind IN \(kinds) AND kind = 'quote')
        """

    /// What the report groups by, from the facts just worked out (a second statement: SET reads the old values).
    static let dealFlags = """
        pitched = (last_demo IS NOT NULL AND (first_discovery IS NULL OR first_discovery > last_demo)), quoted = (first_quote IS NOT NULL)
        """

    static func refreshDeal(_ id: String) -> String {
        "UPDATE deal SET \(dealFacts) WHERE \(id); UPDATE deal SET \(dealFlags) WHERE \(id)"
    }

    /// What `trimmingCharacters(in: .whitespaces)` removes (Unicode Zs, the tab, the zero-width
    /// space): an old store's next steps of blanks are none, as the Swift rule says.
    static let blanks = " \t\u{00A0}\u{1680}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200A}\u{200B}\u{202F}\u{205F}\u{3000}"

    static let never = OrgHealthFacts.never

    static func routeKey(_ facts: OrgHealthFacts) -> String { facts.routeKey }

    static func coldKey(_ facts: OrgHealthFacts) -> String { facts.coldKey }

    static func markStale(_ accountID: String) -> String {
        "INSERT INTO account_health (account_id, stale) VALUES (\(accountID), 1) ON CONFLICT (account_id) DO UPDATE SET stale = 1"
    }

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE account ADD COLUMN maturity TEXT;
            ALTER TABLE deal ADD COLUMN needs TEXT NOT NULL DEFAULT '[]';
            -- Derived on every write (Deal.hasStatedNeeds), so the report's index holds it.
            ALTER TABLE deal ADD COLUMN has_needs INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE deal ADD COLUMN last_demo TEXT;
            ALTER TABLE deal ADD COLUMN first_discovery TEXT;
            ALTER TABLE deal ADD COLUMN first_quote TEXT;
            -- A demo with no discovery on or before the latest one; a quote logged: kept with the dates above.
            ALTER TABLE deal ADD COLUMN pitched INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE deal ADD COLUMN quoted INTEGER NOT NULL DEFAULT 0;
            -- The next step's due day, or '' when there is no step or no day (Deal.nextStepKey): the
            -- deal needs a next step when this sorts before today.
            ALTER TABLE deal ADD COLUMN next_key TEXT NOT NULL DEFAULT '';

            -- The team's settings, as text by key ('health.route-days' = '90').
            CREATE TABLE setting (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL,
                updated_by TEXT NOT NULL DEFAULT '',
                updated_at REAL NOT NULL DEFAULT 0
            ) WITHOUT ROWID;

            CREATE TABLE account_health (
                account_id INTEGER PRIMARY KEY,
                decision_makers INTEGER NOT NULL DEFAULT 0,
                dm_last_met TEXT,
                dm_route INTEGER NOT NULL DEFAULT 0,
                coldest_id INTEGER,
                coldest_met TEXT,
                -- The day the #7 rules compare with a cutoff, each in one comparison: '' when no
                -- decision-maker was ever met (and no route), '9999-12-31' when a route makes the day
                -- irrelevant; the coldest key person's last-met day, '' for never, '9999-12-31' for nobody.
                route_key TEXT NOT NULL DEFAULT '',
                cold_key TEXT NOT NULL DEFAULT '9999-12-31',
                stale INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX account_health_stale ON account_health(account_id) WHERE stale = 1;
            -- The review's open-deal index, widened by what the health rules read and ordered so the
            -- report groups the open deals by rep, currency, stage and the rules' own flags as it walks
            -- the index: no sort, no table read. Its columns are deal_attention's and more, after the
            -- same (outcome, owner, currency), so the review reads it as it read deal_attention, and an
            -- import still writes one index, not two.
            DROP INDEX deal_attention;
            CREATE INDEX deal_health ON deal(outcome, owner, currency, process_key, stage_key, budget_known, has_needs, quoted, pitched,
                                             amount, weighted, last_activity, created_at, next_step_due, next_step, next_key, account_id);
            -- A deal's demos, discoveries and quotes: what the triggers below read, a tenth of the activities.
            CREATE INDEX activity_health ON activity(deal_id, kind, day) WHERE kind IN \(kinds);

            CREATE TRIGGER deal_health_activity_added AFTER INSERT ON activity
            WHEN NEW.deal_id IS NOT NULL AND NEW.kind IN \(kinds) AND \(HealthBulk.standAside)
            BEGIN \(refreshDeal("id = NEW.deal_id")); END;
            CREATE TRIGGER deal_health_activity_deleted AFTER DELETE ON activity
            WHEN OLD.deal_id IS NOT NULL AND OLD.kind IN \(kinds) AND \(HealthBulk.standAside)
            BEGIN \(refreshDeal("id = OLD.deal_id")); END;
            CREATE TRIGGER deal_health_activity_changed AFTER UPDATE OF deal_id, kind, day ON activity
            WHEN (OLD.kind IN \(kinds) OR NEW.kind IN \(kinds)) AND \(HealthBulk.standAside)
            BEGIN \(refreshDeal("id IN (OLD.deal_id, NEW.deal_id)")); END;

            CREATE TRIGGER account_health_person_added AFTER INSERT ON person WHEN \(HealthBulk.standAside)
            BEGIN \(markStale("NEW.account_id")); END;
            CREATE TRIGGER account_health_person_deleted AFTER DELETE ON person WHEN \(HealthBulk.standAside)
            BEGIN \(markStale("OLD.account_id")); END;
            CREATE TRIGGER account_health_person_changed AFTER UPDATE ON person
            WHEN (OLD.account_id IS NOT NEW.account_id OR OLD.name IS NOT NEW.name OR OLD.level IS NOT NEW.level
              OR OLD.roles IS NOT NEW.roles OR OLD.stance IS NOT NEW.stance OR OLD.inside_coach IS NOT NEW.inside_coach
              OR OLD.reports_to IS NOT NEW.reports_to OR OLD.last_met IS NOT NEW.last_met) AND \(HealthBulk.standAside)
            BEGIN \(markStale("OLD.account_id")); \(markStale("NEW.account_id")); END;

            \(refreshDeal("id IN (SELECT deal_id FROM activity WHERE kind IN \(kinds) AND deal_id IS NOT NULL)"));
            UPDATE deal SET next_key = CASE WHEN trim(next_step, ?) = '' OR next_step_due IS NULL THEN '' ELSE next_step_due END;
            INSERT INTO account_health (account_id, stale) SELECT id, 1 FROM account;
            ANALYZE deal;
            """, arguments: [blanks])
        try SQLiteStore.refreshStaleAccountHealth(db)
    }
}

extension SQLiteStore {
    /// Works out `account_health` for every account marked stale: what changed persons leave
    /// behind. Runs inside the write that changed them (see `write`), and once at opening for
    /// a store changed by something else (a migration).
    static func refreshStaleAccountHealth(_ db: Database) throws {
        let stale = try Int64.fetchAll(db, sql: "SELECT account_id FROM account_health WHERE stale = 1")
        guard !stale.isEmpty else { return }
        let update = try db.makeStatement(sql: """
            UPDATE account_health SET decision_makers = ?, dm_last_met = ?, dm_route = ?, coldest_id = ?, coldest_met = ?,
                                      route_key = ?, cold_key = ?, stale = 0
            WHERE account_id = ?
            """)
        var start = 0
        while start < stale.count {
            let chunk = Array(stale[start..<min(start + 500, stale.count)])
            start += chunk.count
            let marks = chunk.map { _ in "?" }.joined(separator: ",")
            let existing = Set(try Int64.fetchAll(db, sql: "SELECT id FROM account WHERE id IN (\(marks))", arguments: StatementArguments(chunk)))
            var persons = [Int64: [Person]]()
            for row in try Row.fetchAll(db, sql: """
                SELECT id, account_id, name, level, roles, stance, inside_coach, reports_to, last_met
                FROM person WHERE account_id IN (\(marks))
                """, arguments: StatementArguments(chunk)) {
                let person = Person(
                    id: row["id"], accountID: row["account_id"], name: row.text("name"),
                    level: PersonLevel(rawValue: row.text("level")) ?? .operator_,
                    roles: Set(row.text("roles").split(separator: ",").compactMap { PersonRole(rawValue: String($0)) }),
                    stance: Stance(rawValue: row.text("stance")) ?? .neutral, isInsideCoach: row["inside_coach"],
                    reportsTo: row["reports_to"], lastMet: ColumnCoding.day(row["last_met"]))
                persons[person.accountID, default: []].append(person)
            }
            for id in chunk {
                guard existing.contains(id) else {
                    try db.execute(sql: "DELETE FROM account_health WHERE account_id = ?", arguments: [id])
                    continue
                }
                let facts = OrgHealthFacts(persons: persons[id] ?? [])
                try update.execute(arguments: [
                    facts.decisionMakers, facts.decisionMakerLastMet?.description, facts.hasRouteToDecisionMaker,
                    facts.coldest?.personID, facts.coldest?.lastMet?.description, HealthSchema.routeKey(facts), HealthSchema.coldKey(facts), id,
                ])
            }
        }
    }

    /// Whether something other than a store write left accounts to work out.
    static func accountHealthIsStale(_ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM account_health WHERE stale = 1 LIMIT 1") == true
    }
}

/// Many persons or activities at once (a snapshot or another CRM's file): the health triggers
/// stand aside while the rows go in, one at a time, and what they would have kept is worked out
/// after in a statement or two — 55k demos logged one by one cost ~2 s of CPU and twice that in
/// page writes; set-based, 0.5 s. As for the stage history (`StageHistoryBulk`), a row in `meta`
/// is the sign, deleted in the same transaction, so no other connection ever sees it.
enum HealthBulk {
    static let flag = "bulk_health"
    static let standAside = "NOT EXISTS (SELECT 1 FROM meta WHERE key = '\(flag)')"

    /// The triggers stand aside from here to `end` (a failure between rolls the sign back with the rest).
    static func begin(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO meta (key, value) VALUES (?, 1)", arguments: [flag])
    }

    /// Marks `accounts` stale (their persons changed) and works out the facts of `deals` (their
    /// demos, discoveries or quotes changed); the triggers keep them again from here.
    static func end(_ db: Database, accounts: Set<Int64>, deals: Set<Int64>) throws {
        try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [flag])
        try markStale(db, accounts)
        try refreshDeals(db, deals)
    }

    /// The deals whose health facts these activities touch.
    static func deals(of activities: some Sequence<Activity>) -> Set<Int64> {
        Set(activities.lazy.filter { [.demo, .discovery, .quote].contains($0.kind) }.compactMap(\.dealID))
    }

    static func markStale(_ db: Database, _ accounts: Set<Int64>) throws {
        guard !accounts.isEmpty else { return }
        try db.execute(sql: """
            INSERT INTO account_health (account_id, stale) SELECT value, 1 FROM json_each(?) WHERE true
            ON CONFLICT (account_id) DO UPDATE SET stale = 1
            """, arguments: [ColumnCoding.codable(accounts.sorted())])
    }

    static func refreshDeals(_ db: Database, _ deals: Set<Int64>) throws {
        guard !deals.isEmpty else { return }
        try db.execute(sql: HealthSchema.refreshDeal("id IN (SELECT value FROM json_each(?))"),
                       arguments: [ColumnCoding.codable(deals.sorted()), ColumnCoding.codable(deals.sorted())])
    }
}
