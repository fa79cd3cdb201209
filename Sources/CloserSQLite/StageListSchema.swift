import GRDB

/// The review's period lists count each deal once: a deal that advanced twice last week is one
/// advanced deal, its amount converted on the day of its last advance. Each stage event knows
/// when the same deal next did the same thing (`next_same_at`: its next creation, win, loss,
/// withdrawal, advance or slip; `next_forced_at`: its next forced gate), so "the deal's last such
/// event in the period" is a test on one row — `next_same_at` empty or after the period — and
/// the events that are their deal's last ever are added up per UTC day, rep and currency in
/// `stage_list_day`. A period's lists are then the rollup's whole days, the partial days at its
/// edges and where a rate changes (by row), and the few events of it whose deal did the same
/// again after the period (by row). Triggers keep both, as they keep `stage_day` (standing aside,
/// like those, while StageHistoryBulk writes an import's new deals); the per-event flow rollup the
/// lists used to count moves from is gone (nothing reads it).
enum StageListSchema {
    /// The list a stage event is in, on a table alias: created, won, lost, withdrawn, advanced or slipped (NULL: none).
    static func list(_ row: String) -> String {
        """
        (CASE WHEN \(row).kind IN ('moved','forced') THEN (CASE WHEN \(row).step > 0 THEN 'advanced' WHEN \(row).step < 0 THEN 'slipped' END) \
        WHEN \(row).kind IN ('created','won','lost','withdrawn') THEN \(row).kind END)
        """
    }

    /// `y` comes after `x` in the deal's history (the log's order breaks ties).
    static func after(_ y: String, _ x: String) -> String {
        "(\(y).at > \(x).at OR (\(y).at = \(x).at AND \(y).event_id > \(x).event_id))"
    }

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER stage_day_insert;
            DROP TRIGGER stage_day_delete;
            DROP TRIGGER stage_day_update;
            DROP TABLE stage_flow_day;
            ALTER TABLE stage_event ADD COLUMN next_same_at REAL;
            ALTER TABLE stage_event ADD COLUMN next_forced_at REAL;
            UPDATE stage_event SET
                next_same_at = (SELECT MIN(y.at) FROM stage_event y WHERE y.deal_id = stage_event.deal_id
                                AND \(list("y")) = \(list("stage_event")) AND \(after("y", "stage_event"))),
                next_forced_at = CASE WHEN kind = 'forced' THEN
                                 (SELECT MIN(y.at) FROM stage_event y WHERE y.deal_id = stage_event.deal_id AND y.kind = 'forced'
                                  AND \(after("y", "stage_event"))) END
            WHERE \(list("stage_event")) IS NOT NULL;
            -- The period's rows of a list, the deal's last of the period told in the index: counts, sums and the largest deals.
            DROP INDEX stage_event_period;
            CREATE INDEX stage_event_period_last ON stage_event(kind, at, step, next_same_at, next_forced_at, owner, currency, amount, deal_id);
            -- The events of a period whose deal did the same again after it (few, unless the period is long past).
            CREATE INDEX stage_event_next_same ON stage_event(next_same_at, at) WHERE next_same_at IS NOT NULL;
            CREATE INDEX stage_event_next_forced ON stage_event(next_forced_at, at) WHERE next_forced_at IS NOT NULL;
            CREATE TABLE stage_list_day (
                day INTEGER NOT NULL,
                list TEXT NOT NULL,
                owner TEXT NOT NULL,
                currency TEXT NOT NULL,
                deals INTEGER NOT NULL,
                amount INTEGER NOT NULL,
                PRIMARY KEY (day, list, owner, currency)
            ) WITHOUT ROWID;
            INSERT INTO stage_list_day (day, list, owner, currency, deals, amount)
            SELECT CAST(s.at / 86400 AS INTEGER), \(list("s")), s.owner, s.currency, COUNT(*), SUM(s.amount) FROM stage_event s
            WHERE \(list("s")) IS NOT NULL AND s.next_same_at IS NULL GROUP BY 1, 2, 3, 4;
            INSERT INTO stage_list_day (day, list, owner, currency, deals, amount)
            SELECT CAST(s.at / 86400 AS INTEGER), 'forced', s.owner, s.currency, COUNT(*), SUM(s.amount) FROM stage_event s
            WHERE s.kind = 'forced' AND s.next_forced_at IS NULL GROUP BY 1, 2, 3, 4;
            """)
        try db.execute(sql: triggers)
    }

    /// v22: a forced gate into the stage the deal already stood in moves it neither on nor back, so
    /// it is in no list, and the triggers above let it pass without chaining it to the deal's other
    /// forced gates (the set-based fill, StageHistoryRebuild, and the server chain every one). The
    /// triggers now chain every forced gate, and a store's gates are chained again once.
    static func chainEveryForcedGate(_ db: Database) throws {
        let nextForced = "SELECT MIN(y.at) FROM stage_event y WHERE y.deal_id = stage_event.deal_id AND y.kind = 'forced' AND \(after("y", "stage_event"))"
        try db.execute(sql: """
            DROP TRIGGER stage_event_next_insert;
            DROP TRIGGER stage_event_next_delete;
            \(nextTriggers(when: { "(\(list($0)) IS NOT NULL OR \($0).kind = 'forced')" }))
            UPDATE stage_event SET next_forced_at = (\(nextForced))
            WHERE kind = 'forced' AND next_forced_at IS NOT (\(nextForced));
            """)
    }

    /// v10's daily entries and exits of `stage_day`, as its triggers kept them (v10's own text stays as it ran).
    static func stageDay(_ row: String, _ sign: String) -> String {
        """
        INSERT INTO stage_day (process_key, day, owner, position, advanced, left_stage, entries, exits, seconds)
        SELECT \(row).process_key, CAST(\(row).at / 86400 AS INTEGER), \(row).owner, \(row).entry_position,
               \(row).advanced_at IS NOT NULL, '', \(sign)1, 0, 0
        WHERE \(row).entry_position IS NOT NULL AND \(row).prev_entry_at IS NULL
        ON CONFLICT DO UPDATE SET entries = entries + excluded.entries;
        INSERT INTO stage_day (process_key, day, owner, position, advanced, left_stage, entries, exits, seconds)
        SELECT \(row).process_key, CAST(\(row).at / 86400 AS INTEGER), \(row).owner, -1, 0, \(row).left_stage,
               0, \(sign)1, \(sign)(\(row).at - \(row).entered_at)
        WHERE \(row).entered_at IS NOT NULL AND \(row).left_stage IS NOT NULL
        ON CONFLICT DO UPDATE SET exits = exits + excluded.exits, seconds = seconds + excluded.seconds;

        """
    }

    static var triggers: String {
        func days(_ row: String, _ sign: String) -> String {
            stageDay(row, sign) + """
            INSERT INTO stage_list_day (day, list, owner, currency, deals, amount)
            SELECT CAST(\(row).at / 86400 AS INTEGER), \(list(row)), \(row).owner, \(row).currency, \(sign)1, \(sign)\(row).amount
            WHERE \(list(row)) IS NOT NULL AND \(row).next_same_at IS NULL
            ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, amount = amount + excluded.amount;
            INSERT INTO stage_list_day (day, list, owner, currency, deals, amount)
            SELECT CAST(\(row).at / 86400 AS INTEGER), 'forced', \(row).owner, \(row).currency, \(sign)1, \(sign)\(row).amount
            WHERE \(row).kind = 'forced' AND \(row).next_forced_at IS NULL
            ON CONFLICT DO UPDATE SET deals = deals + excluded.deals, amount = amount + excluded.amount;
            """
        }
        return """
            -- A bulk write of new deals (StageHistoryBulk) fills the sums and the lists' rollup itself.
            CREATE TRIGGER stage_day_insert AFTER INSERT ON stage_event WHEN \(StageHistoryBulk.standAside) BEGIN \(days("NEW", "+")) END;
            CREATE TRIGGER stage_day_delete AFTER DELETE ON stage_event BEGIN \(days("OLD", "-")) END;
            CREATE TRIGGER stage_day_update
            AFTER UPDATE OF process_key, owner, amount, currency, at, kind, step, entry_position, prev_entry_at, advanced_at, left_stage, entered_at,
                            next_same_at, next_forced_at
            ON stage_event
            BEGIN \(days("OLD", "-")) \(days("NEW", "+")) END;
            \(nextTriggers(when: { "\(list($0)) IS NOT NULL" }))
            """
    }

    /// Each event's successors of its list and among its deal's forced gates, kept as events come
    /// and go, for the events `when` picks (NEW or OLD). A new deal's first event has nothing before
    /// or after it: a bulk write of new deals needs none of this.
    static func nextTriggers(when: (String) -> String) -> String {
        """
            -- A new event is the next of the deal's previous one in its list, and has a next itself when one came later.
            CREATE TRIGGER stage_event_next_insert AFTER INSERT ON stage_event WHEN \(when("NEW")) AND \(StageHistoryBulk.standAside)
            BEGIN
                UPDATE stage_event SET next_same_at = NEW.at
                WHERE deal_id = NEW.deal_id AND event_id <> NEW.event_id AND \(after("NEW", "stage_event"))
                  AND (next_same_at IS NULL OR next_same_at > NEW.at) AND \(list("stage_event")) = \(list("NEW"));
                UPDATE stage_event SET next_same_at = (SELECT MIN(y.at) FROM stage_event y WHERE y.deal_id = NEW.deal_id
                                                       AND \(list("y")) = \(list("NEW")) AND \(after("y", "NEW")))
                WHERE event_id = NEW.event_id;
                UPDATE stage_event SET next_forced_at = NEW.at
                WHERE NEW.kind = 'forced' AND deal_id = NEW.deal_id AND kind = 'forced' AND event_id <> NEW.event_id
                  AND \(after("NEW", "stage_event")) AND (next_forced_at IS NULL OR next_forced_at > NEW.at);
                UPDATE stage_event SET next_forced_at = (SELECT MIN(y.at) FROM stage_event y WHERE y.deal_id = NEW.deal_id
                                                         AND y.kind = 'forced' AND \(after("y", "NEW")))
                WHERE NEW.kind = 'forced' AND event_id = NEW.event_id;
            END;
            -- A removed event's previous one in its list takes its next.
            CREATE TRIGGER stage_event_next_delete AFTER DELETE ON stage_event WHEN \(when("OLD"))
            BEGIN
                UPDATE stage_event SET next_same_at = OLD.next_same_at
                WHERE deal_id = OLD.deal_id AND next_same_at = OLD.at AND \(list("stage_event")) = \(list("OLD"));
                UPDATE stage_event SET next_forced_at = OLD.next_forced_at
                WHERE OLD.kind = 'forced' AND deal_id = OLD.deal_id AND kind = 'forced' AND next_forced_at = OLD.at;
            END;
            """
    }
}
