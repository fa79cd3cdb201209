import CloserCore
import CloserStoreKit
import Foundation

/// The deals an import changes, all at once: what the one-row edit (`updateImportedDeal`: the
/// next step settled, then `mutateDeal`) does for each deal, done for every deal in a few
/// statements. The same checks in the same order per deal (the account writable by the importer,
/// the deal still at the version the plan read, the process, the fields, the needs' persons),
/// refused in the same words (a failing deal is handed to the one-row check that words it), and
/// the same rows: plans, deals at their next version with their derived columns and search keys,
/// a log row per change in the order the one-row edits log them.
/// (One by one, a changed deal cost six round trips or more: 40 000 of them took minutes.)
extension PostgresStore {
    /// Whether imports write their changed deals one by one: the reference the set path is held to.
    @TaskLocal static var changesDealsOneByOne = false

    func updateImportedDeals(_ connection: Connection, _ updates: [(old: Deal, new: Deal)], note: String) throws {
        // A deal the file moves to another account takes the one-row path, which checks and holds the new one.
        let moved = updates.filter { Self.changesDealsOneByOne || $0.old.accountID != $0.new.accountID }
        for (old, new) in moved { try updateImportedDeal(connection, old: old, new: new, note: note) }
        let changes = updates.filter { !Self.changesDealsOneByOne && $0.old.accountID == $0.new.accountID }
        guard !changes.isEmpty else { return }

        let accounts = try lockChangedDeals(connection, changes.map(\.old))
        let catalog = try StagePositions.catalog(connection)
        let evidence = try Self.evidence(connection, accounts: Array(accounts.keys))
        let steps = try settleNextSteps(connection, changes)

        var rows = [[SQLValue]](), versions = [Int]()
        rows.reserveCapacity(changes.count)
        for (old, new) in changes {
            var updated = new
            if let step = steps.nextSteps[old.id] { (updated.nextStep, updated.nextStepDue) = step }
            if old.stageKey != updated.stageKey { updated.stageEnteredAt = clock() }
            guard let process = catalog.process(old.processKey) else { throw StoreError.rule(.unknownProcess(old.processKey)) }
            let action = DealLog.action(old, updated)
            let issues = Validation.issues(updated, catalog: catalog)
            guard issues.isEmpty else { throw Self.invalid(issues) }
            try backend.checkNeeds(connection, updated, keeping: old)
            (updated.id, updated.version, updated.createdAt, updated.updatedAt) = (old.id, old.version + 1, old.createdAt, clock())
            let derived = DealDerived(deal: updated, process: process, evidence: evidence[old.accountID] ?? DealEvidence())
            rows.append(updated.pgValues(derived: derived, accountName: accounts[old.accountID]?.name ?? "", updatedBy: actor))
            versions.append(old.version)
            if let planned = steps.logged[old.id] { try log(connection, planned) }
            try log(connection, event("deal", old.id, action, DealLog.changes(old, updated), note: note, account: updated.accountID,
                                      version: updated.version))
        }
        // The import makes these deals' stage history again from the log once it is logged
        // (StageHistoryFill, in `apply`), under their new owners and amounts: the deal trigger's
        // restamping of their old stage events, one statement per deal, stands aside meanwhile.
        let mode = try connection.queryOne("SELECT coalesce(current_setting('closer.history', true), '') AS mode")?.text("mode") ?? ""
        try connection.execute("SET LOCAL closer.history = 'verbatim'")
        try writeOver(connection, "deal", Deal.pgColumns, rows, at: versions)
        try connection.execute("SELECT set_config('closer.history', ?, true)", [.text(mode)])
    }

    /// The changed deals' accounts locked (in id order) once the importer may write each, then the
    /// deals locked: the first deal whose account is not writable, or which is no longer at the
    /// version the plan read, is refused by the one-row check. Returns the accounts by id.
    private func lockChangedDeals(_ connection: Connection, _ deals: [Deal]) throws -> [Int64: Account] {
        let who = try knownActor(connection)
        var writable = [Int64: Account]()
        for row in try connection.query("""
            SELECT a.* FROM account a JOIN unnest(?::bigint[]) AS x (id) ON a.id = x.id ORDER BY a.id FOR UPDATE OF a
            """, [ImportedRows.idArray(Set(deals.map(\.accountID)).sorted())]) {
            let (account, ownership) = try Self.ownership(of: row, try row.int64("id"))
            if ownership.access(for: who) >= .write { writable[account.id] = account }
        }
        var versions = [Int64: Int]()
        for row in try connection.query("""
            SELECT d.id, d.version FROM deal d JOIN unnest(?::bigint[]) AS x (id) ON d.id = x.id ORDER BY d.id FOR UPDATE OF d
            """, [ImportedRows.idArray(deals.map(\.id).sorted())]) {
            versions[try row.int64("id")] = try row.int("version")
        }
        for deal in deals {
            if writable[deal.accountID] == nil {
                writable[deal.accountID] = try lockWritableAccount(connection, .accountOfDeal(deal.id), subject: .deal(deal.id))
            }
            if versions[deal.id] != deal.version { _ = try currentRow(connection, table: "deal", id: deal.id, expected: deal.version) }
        }
        return writable
    }

    /// What a changed next step does to each deal's plans (`NextStepReplacement`, the rule of the
    /// one-deal edit), written a statement per kind; then each deal's next step as its plans now give it.
    /// Returns those next steps and each deal's plan log row, by deal.
    private func settleNextSteps(_ connection: Connection, _ changes: [(old: Deal, new: Deal)]) throws
        -> (nextSteps: [Int64: (String, Day?)], logged: [Int64: ChangeEvent]) {
        let rescheduled = changes.compactMap { old, new -> (deal: Deal, text: String, due: Day?)? in
            let text = new.nextStep.trimmingCharacters(in: .whitespacesAndNewlines)
            return text != old.nextStep || new.nextStepDue != old.nextStepDue ? (old, text, new.nextStepDue) : nil
        }
        guard !rescheduled.isEmpty else { return ([:], [:]) }
        let dealIDs = ImportedRows.idArray(rescheduled.map(\.deal.id))
        var first = [Int64: PlannedActivity]()
        for row in try connection.query("""
            SELECT DISTINCT ON (deal_id) * FROM planned_activity WHERE deal_id = ANY (?::bigint[]) AND done_on IS NULL
            ORDER BY deal_id, \(Self.planOrder)
            """, [dealIDs]) {
            let plan = try PlannedActivity(pg: row)
            if let dealID = plan.dealID { first[dealID] = plan }
        }
        let newCount = rescheduled.filter {
            if case .plan = NextStepReplacement(first: first[$0.deal.id], text: $0.text, due: $0.due) { true } else { false }
        }.count
        var newIDs = try Self.reserveIDs(connection, "planned_activity", count: newCount)[...]
        var logged = [Int64: ChangeEvent](), cancelled = [Int64](), inserted = [PlannedActivity]()
        var rewritten = [[SQLValue]](), versions = [Int]()
        for (deal, text, due) in rescheduled {
            switch NextStepReplacement(first: first[deal.id], text: text, due: due) {
            case .unchanged:
                continue
            case .cancel(let plan):
                cancelled.append(plan.id)
                logged[deal.id] = backend.cancelledPlanEvent(plan)
            case .rewrite(let plan, var updated, let action):
                (updated.version, updated.updatedAt) = (plan.version + 1, clock())
                rewritten.append(updated.pgValues(updatedBy: actor))
                versions.append(plan.version)
                logged[deal.id] = backend.savedPlanEvent(updated, old: plan, action: action)
            case .plan:
                guard let id = newIDs.popFirst() else { continue }
                let now = clock()
                let plan = PlannedActivity(id: id, dealID: deal.id, accountID: deal.accountID, text: text, due: due, owner: actor,
                                           version: 1, createdAt: now, updatedAt: now)
                inserted.append(plan)
                logged[deal.id] = backend.plannedEvent(plan)
            }
        }
        if !cancelled.isEmpty {
            try connection.execute("DELETE FROM planned_activity WHERE id = ANY (?::bigint[])", [ImportedRows.idArray(cancelled)])
        }
        try writeOver(connection, "planned_activity", PlannedActivity.pgColumns, rewritten, at: versions)
        try Self.insertAll(connection, "planned_activity", PlannedActivity.pgColumns, inserted.map { $0.pgValues(updatedBy: actor) })

        var nextSteps = [Int64: (String, Day?)]()
        for (deal, _, _) in rescheduled { nextSteps[deal.id] = ("", nil) }
        for row in try connection.query("""
            SELECT DISTINCT ON (deal_id) deal_id, text, due FROM planned_activity WHERE deal_id = ANY (?::bigint[]) AND done_on IS NULL
            ORDER BY deal_id, \(Self.planOrder)
            """, [dealIDs]) {
            nextSteps[try row.int64("deal_id")] = (try row.string("text"), try row.day("due"))
        }
        return (nextSteps, logged)
    }

    /// Writes `rows` (values of `columns`, id first, as `StatementText.update` takes them) over the
    /// rows of `table` still at `versions`: copied into a scratch table, then one UPDATE. A row no
    /// longer at its version is refused as the one-row write refuses it.
    func writeOver(_ connection: Connection, _ table: String, _ columns: [String], _ rows: [[SQLValue]], at versions: [Int]) throws {
        guard !rows.isEmpty else { return }
        let scratch = "closer_rewrite_\(table)"
        let plain = columns.map { $0.replacingOccurrences(of: "\"", with: "") }
        try connection.execute("DROP TABLE IF EXISTS pg_temp.\(scratch)")
        try connection.execute("""
            CREATE TEMP TABLE \(scratch) ON COMMIT DROP AS SELECT \(columns.joined(separator: ", ")), version AS closer_at FROM \(table) WITH NO DATA
            """)
        try connection.copyIn(table: scratch, columns: plain + ["closer_at"]) { copy in
            for (row, version) in zip(rows, versions) { try copy.append(row + [.int(Int64(version))]) }
        }
        let assigned = columns.filter { $0 != "id" }
        let written = try connection.execute("""
            UPDATE \(table) t SET (\(assigned.joined(separator: ", "))) = (\(assigned.map { "s.\($0)" }.joined(separator: ", ")))
            FROM \(scratch) s WHERE t.id = s.id AND t.version = s.closer_at
            """)
        guard written != rows.count else { return }
        // Someone's write in between, or a row the importer may not change: refused as the one-row write refuses it.
        guard let unwritten = try connection.queryOne("""
            SELECT s.id, s.closer_at FROM \(scratch) s LEFT JOIN \(table) t ON t.id = s.id AND t.version = s.closer_at + 1
            WHERE t.id IS NULL ORDER BY s.id LIMIT 1
            """) else { return }
        let id = try unwritten.int64("id")
        _ = try currentRow(connection, table: table, id: id, expected: try unwritten.int("closer_at"))
        throw StoreError.notFound(entity: table, id: id)
    }

    /// What each account's people say, for its deals' gates and health (`evidence(accountID:)` for many).
    static func evidence(_ connection: Connection, accounts: [Int64]) throws -> [Int64: DealEvidence] {
        var evidence = [Int64: DealEvidence]()
        for row in try connection.query("""
            SELECT account_id, \(evidenceColumns) FROM person JOIN unnest(?::bigint[]) AS x (id) ON account_id = x.id GROUP BY account_id
            """, [ImportedRows.idArray(accounts.sorted())]) {
            evidence[try row.int64("account_id")] = DealEvidence(hasInsideCoach: try row.bool("coach"), hasDecisionMaker: try row.bool("decider"))
        }
        return evidence
    }
}
