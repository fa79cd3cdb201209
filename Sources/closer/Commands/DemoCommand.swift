import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill an empty store with a realistic demo company (deterministic for a seed).",
        discussion: "Without --scale: ~40 accounts, ~250 key persons, ~150 deals, 12 weeks of history. With --scale N: N deals, N/5 accounts, N persons, 10·N activities, for benchmarks.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Number of deals for a large benchmark store.") var scale: Int?
    @Option(help: "Random seed: the same seed gives the same company.") var seed: UInt64 = 1

    func validate() throws {
        if let scale, scale < 10 { throw ValidationError("--scale must be at least 10") }
    }

    func run() throws {
        let db = try store.open()
        let existing = try db.deals(DealQuery(filter: DealFilter(includeClosed: true), limit: 1)).total
            + (try db.accounts(AccountQuery(limit: 1)).total)
        guard existing == 0 else {
            throw CLIError("the store \(db.location) already has data; load the demo into a new one with --db PATH")
        }
        let started = Date()
        let snapshot = DemoCompany.generate(seed: seed, scale: scale, today: Day.today(), user: store.actor, now: Date())
        let summary = try db.importSnapshot(snapshot)
        let seconds = Date().timeIntervalSince(started)
        Output.line("demo company loaded into \(db.location): \(summary) in \(String(format: "%.1f", seconds)) s")
    }
}
