import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Open the full-screen dashboard (the default).")
    @OptionGroup var store: StoreOptions

    func run() throws {
        let db = try store.open()
        Output.line("store: \(db.location)")
    }
}
