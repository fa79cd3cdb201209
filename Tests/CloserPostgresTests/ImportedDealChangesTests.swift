@testable import CloserPostgres
import CloserCore
import CloserExchange
import Foundation
import StoreTestSupport
import Testing

/// A re-import of an edited file writes its changed deals all at once (ImportedDealChanges): the
/// rows, versions, plans, log, stage history and review it leaves are those the one-deal-at-a-time
/// edits leave, the importer changes only what they may, and a failure anywhere writes nothing.
@Suite("A re-imported file's changed deals are written as the one-row edits write them")
struct ImportedDealChangesTests {
    /// A clock the test moves: the export on one day, the edited file imported a few days later.
    final class Hands: @unchecked Sendable {
        private let lock = NSLock()
        private var time = Date(timeIntervalSince1970: 20_770 * 86_400 + 9 * 3_600)
        var now: Date { lock.withLock { time } }
        func advance(days: Double) { lock.withLock { time += days * 86_400 } }
    }

    static let stages = ["开发", "销售进入", "Proposal", "投标", "商务谈判", "Closed Won", "Closed Lost"]

    /// Deals over eight accounts; `edited` changes, by line, amounts (a third), next steps (a
    /// fifth, some to another text, some to another day), stages (a quarter, one stage on: won
    /// deals lost, lost ones reopened, open ones advanced or won) and owners (every eleventh).
    static func file(edited: Bool) -> String {
        var text = "Opportunity ID,Opportunity Name,Account Name,Amount,Stage,Close Date,Owner,Next Step,Next Step Date\n"
        for line in 0..<60 {
            let changed = edited ? line : -1
            let amount = 10 + line + (changed % 3 == 0 ? 5 : 0)
            let stage = stages[(line + (changed % 4 == 1 ? 1 : 0)) % stages.count]
            let owner = "rep\((line + (changed % 11 == 2 ? 1 : 0)) % 3)"
            let step = changed % 5 == 3 ? "上门拜访" : "电话跟进"
            let due = changed % 10 == 4 ? "2026/12/\(line % 20 + 2)" : "2026/12/\(line % 20 + 1)"
            text += "OPP-\(line),项目 \(line),客户 \(line % 8),\(amount)万,\(stage),2027/1/\(line % 28 + 1),\(owner),\(step),\(due)\n"
        }
        return text
    }

    private func importing(_ text: String, into store: PostgresStore, skipBad: Bool = false) throws -> ForeignImportReport {
        let file = try ForeignFile(Data(text.utf8), fileName: "deals.csv", catalog: try store.processCatalog(), user: store.actor)
        return try store.importForeign(file.batch, dryRun: false, skipBad: skipBad)
    }

    /// Every row an import can touch, each as the server prints it, table by table.
    private func rows(_ connection: Connection) throws -> [String] {
        try connection.query("""
            SELECT 'deal ' || d::text AS row FROM (SELECT * FROM deal ORDER BY id) d
            UNION ALL SELECT 'plan ' || p::text FROM (SELECT * FROM planned_activity ORDER BY id) p
            UNION ALL SELECT 'account ' || a::text FROM (SELECT * FROM account ORDER BY id) a
            UNION ALL SELECT 'event ' || e::text FROM (SELECT id, at, "user", entity, entity_id, action, changes, note, account_id, version
                                                      FROM event ORDER BY id) e
            UNION ALL SELECT 'stage ' || s::text FROM (SELECT * FROM stage_event ORDER BY event_id) s
            UNION ALL SELECT 'day ' || d::text FROM (SELECT * FROM stage_day WHERE entries <> 0 OR exits <> 0 ORDER BY stage_day::text) d
            UNION ALL SELECT 'list ' || l::text FROM (SELECT * FROM stage_list_day WHERE deals <> 0 OR amount <> 0 ORDER BY stage_list_day::text) l
            """).map { try $0.text("row") }
    }

    /// A store with the file imported, a second plan before some deals' next step and one deal
    /// edited by hand since, and the edited file imported a few days later: all at once, or one
    /// deal at a time. Returns the store's rows and its weekly review.
    private func reimported(oneByOne: Bool) throws -> (rows: [String], review: WeeklyReview, report: ForeignImportReport) {
        let hands = Hands()
        let settings = try TestServer.initializedDatabase()
        let store = try TestServer.store(on: settings, actor: "admin", clock: { hands.now })
        defer { store.close() }
        #expect(try importing(Self.file(edited: false), into: store).written)
        hands.advance(days: 1)
        let deals = try store.exportSnapshot().deals
        for deal in deals where deal.id % 6 == 1 && deal.outcome == .open {
            _ = try store.planActivity(PlannedActivity(dealID: deal.id, kind: .call, text: "先打电话", due: Day(year: 2026, month: 11, day: 30)))
        }
        if let deal = deals.first(where: { $0.outcome == .open }) {
            _ = try store.editDeal(deal.id, expectedVersion: nil) { $0.amount = Money(minorUnits: 77_700_000, currency: "CNY") }
        }
        hands.advance(days: 3)
        // All at once the planner reads the stored deals a table at a time; one by one, each by its id.
        let report = try PostgresStore.$changesDealsOneByOne.withValue(oneByOne) {
            try StoredRows.$wholeTableRows.withValue(oneByOne ? .max : 1) { try importing(Self.file(edited: true), into: store) }
        }
        let connection = try Connection.open(settings)
        defer { connection.close() }
        let review = try store.weeklyReview(ReviewQuery(today: Day(hands.now), listLimit: 100))
        return (try rows(connection), review, report)
    }

    @Test func anEditedFileWritesTheRowsLogAndHistoryTheOneDealEditsWrite() throws {
        let together = try reimported(oneByOne: false)
        let oneByOne = try reimported(oneByOne: true)
        #expect(together.report.written && together.report.count(.update, .deals) > 25, "\(together.report.summary)")
        #expect(together.report.summary == oneByOne.report.summary)
        let (a, b) = (together.rows, oneByOne.rows)
        #expect(a.count == b.count && a.count > 400)
        let same = a == b
        #expect(same, "\(zip(a, b).first { $0 != $1 }.map { "\($0)\n  ≠ \($1)" } ?? "counts differ")")
        #expect(together.review == oneByOne.review)
        let moves = [together.review.advanced, together.review.won, together.review.lost].map(\.items.count)
        #expect(moves.allSatisfy { $0 > 0 }, "the review sees the file's moves: \(moves)")
    }

    /// A rep on their own login (row-level security judging every statement): the edited rows of
    /// their accounts are written, the other rep's row is refused naming its holder, and with it
    /// in the file nothing at all is written unless they skip it.
    @Test func aRepsEditedFileChangesTheirDealsAndReportsTheOtherRepsRow() throws {
        let team = try SecurityTeam()
        defer { team.close() }
        let rep = try team.app(as: team.owner)
        defer { rep.close() }
        let mine = [team.owned, team.shared, team.exclusive]
        var text = "Opportunity Name,Account Name,Amount,Next Step\n"
        for account in mine + [team.othersOwn] {
            text += "Deal of \(account.name),\(account.name),25万,再次拜访\n"
        }
        let administrator = try Connection.open(team.settings)
        defer { administrator.close() }
        let before = try rows(administrator)

        let refused = try importing(text, into: rep)
        #expect(!refused.written && refused.rejections.map(\.line) == [5])
        #expect(refused.rejections.first?.reason.contains(team.other) == true, "\(refused.rejections)")
        #expect(try rows(administrator) == before, "nothing written, no log row")

        let skipped = try importing(text, into: rep, skipBad: true)
        #expect(skipped.written && skipped.count(.update, .deals) == 3, "\(skipped.summary)")
        for account in mine {
            let old = try #require(team.dealOf[account.id])
            let now = try team.admin.deal(old.id)
            #expect(now.version == old.version + 2, "the deal's next-step sync and the import: \(account.name)")
            #expect(now.amount.minorUnits == 25_000_000 && now.nextStep == "再次拜访")
            let logged = try administrator.query("""
                SELECT action, "user", note FROM event WHERE entity = 'deal' AND entity_id = ? AND note LIKE 'imported%'
                """, [.int(old.id)]).map { "\(try $0.text("action")) \(try $0.text("user"))" }
            #expect(logged == ["updated \(team.owner)"])
            let history = try administrator.query("SELECT DISTINCT amount FROM stage_event WHERE deal_id = ?", [.int(old.id)])
            #expect(try history.map { try $0.int64("amount") } == [25_000_000], "the deal's stage history under its new amount")
        }
        let others = try #require(team.dealOf[team.othersOwn.id])
        #expect(try team.admin.deal(others.id).version == others.version + 1, "the other rep's deal has only its plan's sync")
    }

    /// The server refuses one deal half-way through the file (a trigger standing in for any
    /// failure of the statement): the import is refused and the store is as it was.
    @Test func aFailureHalfWayWritesNothing() throws {
        let hands = Hands()
        let settings = try TestServer.initializedDatabase()
        let store = try TestServer.store(on: settings, actor: "admin", clock: { hands.now })
        defer { store.close() }
        #expect(try importing(Self.file(edited: false), into: store).written)
        hands.advance(days: 2)
        let connection = try Connection.open(settings)
        defer { connection.close() }
        try connection.execute("""
            CREATE FUNCTION refuse_project_30() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.title = '项目 30' THEN RAISE EXCEPTION 'deal 30 refused'; END IF;
                RETURN NEW;
            END $$
            """)
        try connection.execute("CREATE TRIGGER refuse_project_30 BEFORE UPDATE ON deal FOR EACH ROW EXECUTE FUNCTION refuse_project_30()")
        let before = try rows(connection)
        #expect(throws: (any Error).self) { try importing(Self.file(edited: true), into: store) }
        #expect(try rows(connection) == before)
    }
}
