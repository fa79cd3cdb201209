import CloserCore
import CloserSQLite
import Foundation

/// `closer-bench store`: builds the demo company at scale (once) and times the store's reads and a move.
struct StoreBench {
    let path: String
    let scale: Int
    let runs: Int
    let seed: UInt64
    static let user = "bench"

    init(_ arguments: Arguments) throws {
        try arguments.check(allowed: ["db", "scale", "runs", "seed"])
        path = try arguments.string("db")
        scale = try arguments.int("scale", default: 100_000)
        runs = max(1, try arguments.int("runs", default: 20))
        seed = UInt64(try arguments.int("seed", default: 1))
        guard scale >= 10 else { throw BenchError("--scale must be at least 10") }
    }

    func run() throws {
        print("closer-bench store — \(path)")
        if BenchStore.isServer(path) || FileManager.default.fileExists(atPath: path) {
            print("store exists: not regenerated (its own scale is shown below; --scale is used only to create a store)")
        } else {
            try create()
        }
        let store = try BenchStore.open(path, actor: "bench")
        let all = try store.deals(DealQuery(filter: DealFilter(includeClosed: true), limit: 1)).total
        let open = try store.deals(DealQuery(limit: 1)).total
        let accounts = try store.accounts(AccountQuery(limit: 1)).total
        let persons = try store.persons(PersonQuery(limit: 1)).total
        print("contents: \(all) deals (\(open) open), \(accounts) accounts, \(persons) persons")
        guard all > 0 else { throw BenchError("the store has no deals: nothing to measure") }
        print("timing: 1 cold run (first call on a freshly opened store: new SQLite connection, empty page cache;")
        print("        the OS file cache may be warm) then \(runs) warm runs; milliseconds\n")

        var table = Table(["case", "cold", "min", "median", "p95", "result"], firstNumeric: 1)
        func bench(_ name: String, _ body: (any Store) throws -> String) throws {
            let fresh = try BenchStore.open(path, actor: "bench")
            let (note, cold) = try Timer.ms { try body(fresh) }
            var warm = [Double]()
            for _ in 0..<runs { warm.append(try Timer.ms { try body(fresh) }.1) }
            let stats = Stats(warm)
            table.add([name, fmt(cold), fmt(stats.min), fmt(stats.median), fmt(stats.p95), note])
        }

        // (a) Board read model: one aggregate + one card query per stage.
        let boardDefault = BoardQuery(processKey: "project", cardsPerStage: 8)
        try bench("board project, default filter") { try Self.describe(try $0.board(boardDefault)) }
        let owner = try store.users().map(\.name).first { $0 == "wang.lei" } ?? store.users().first?.name ?? "wang.lei"
        let boardFiltered = BoardQuery(processKey: "project", filter: DealFilter(owner: owner, grades: [.a]), cardsPerStage: 8)
        try bench("board project, owner \(owner) + grade A") { try Self.describe(try $0.board(boardFiltered)) }

        // (b) Deal table page by amount, descending (COUNT(*) for the total + the page).
        for offset in [0, 50_000] {
            let query = DealQuery(sort: .amount, ascending: false, offset: offset, limit: 40)
            try bench("deals by amount desc, offset \(offset)") { Self.describe(try $0.deals(query)) }
        }

        // (c) Search: pinyin initials and Chinese text.
        for text in ["zgsh", "长春"] {
            try bench("accounts text \"\(text)\"") { Self.describe(try $0.accounts(AccountQuery(text: text, limit: 40))) }
        }
        try bench("persons text \"zgsh\"") { Self.describe(try $0.persons(PersonQuery(text: "zgsh", limit: 40))) }
        for text in ["zgsh", "长春"] {
            let query = DealQuery(filter: DealFilter(text: text), sort: .amount, limit: 40)
            try bench("deals text \"\(text)\" by amount") { Self.describe(try $0.deals(query)) }
        }

        // (d) Write path: a move back and forward again, each one transaction with its event row.
        let (deal, from, to) = try movableDeal(store)
        var single = [Double]()
        try bench("move deal #\(deal) \(from)→\(to) + back") { store in
            let (_, back) = try Timer.ms { try store.moveDeal(deal, to: to, forceReason: nil, expectedVersion: nil) }
            let (_, forth) = try Timer.ms { try store.moveDeal(deal, to: from, forceReason: nil, expectedVersion: nil) }
            single += [back, forth]
            return "2 writes + 2 events"
        }
        let moves = Stats(Array(single.dropFirst(2)))
        table.add(["  one move (of the pairs above)", fmt(single.first ?? .nan), fmt(moves.min), fmt(moves.median), fmt(moves.p95), "1 write txn"])

        print(table.printed())
        guard !BenchStore.isServer(path) else { return }
        let main = fileSize(path), wal = fileSize(path + "-wal"), shm = fileSize(path + "-shm")
        print("\nstore size: \(megabytes(main)) main + \(megabytes(wal)) -wal (+ \(megabytes(shm)) -shm) = \(megabytes(main + wal))")
    }

    /// Generates and imports the demo company, timing the two separately.
    func create() throws {
        print("creating the demo company at scale \(scale) (seed \(seed))…")
        let (snapshot, generateMS) = Timer.ms {
            DemoCompany.generate(seed: seed, scale: scale, today: Day.today(), user: Self.user, now: Date())
        }
        print("  generate: \(fmt(generateMS)) ms — \(snapshot.deals.count) deals, \(snapshot.accounts.count) accounts, "
              + "\(snapshot.persons.count) persons, \(snapshot.activities.count) activities, \(snapshot.events.count) events")
        let store = try SQLiteStore(path: path, actor: "bench")
        let (summary, importMS) = try Timer.ms { try store.importSnapshot(snapshot) }
        print("  import:   \(fmt(importMS)) ms — \(summary)")
        print("  size after import: \(megabytes(fileSize(path))) main + \(megabytes(fileSize(path + "-wal"))) -wal\n")
    }

    /// An open project deal that can go one stage back and return without forcing a gate.
    func movableDeal(_ store: any Store) throws -> (Int64, String, String) {
        let board = try store.board(BoardQuery(processKey: "project", cardsPerStage: 5))
        for (index, column) in board.columns.enumerated() where index > 0 {
            let previous = board.columns[index - 1].stage.key
            for card in column.cards {
                do {
                    _ = try store.moveDeal(card.id, to: previous, forceReason: nil, expectedVersion: nil)
                } catch { continue }
                do {
                    _ = try store.moveDeal(card.id, to: column.stage.key, forceReason: nil, expectedVersion: nil)
                    return (card.id, column.stage.key, previous)
                } catch {
                    // Put it back where it was (forced only if the gate insists) and try another.
                    _ = try? store.moveDeal(card.id, to: column.stage.key, forceReason: "closer-bench restore", expectedVersion: nil)
                }
            }
        }
        throw BenchError("no project deal can move back and forth without forcing a gate")
    }

    static func describe(_ board: Board) throws -> String {
        guard !board.columns.isEmpty else { throw BenchError("board without columns") }
        let deals = board.columns.reduce(0) { $0 + $1.count }
        let cards = board.columns.reduce(0) { $0 + $1.cards.count }
        return "\(board.columns.count) columns, \(deals) deals, \(cards) cards"
    }

    static func describe<Row>(_ page: Page<Row>) -> String { "\(page.rows.count) rows of \(page.total)" }
}
