import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

/// `closer undo`: takes back your own latest move, milestone tick, score change or edit (or the
/// change named) as a new logged change; refused, naming who, when the row changed since.
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo", abstract: "Take back your own last move, milestone tick, score change or edit, as a new logged change.")
    @OptionGroup var store: StoreOptions
    @Option(help: "The change to take back (its id in `closer log --json`); default: your latest one since --since.") var change: Int64?
    @Option(help: "How far back your latest change may be (default today).") var since: String = "today"

    func run() throws {
        let db = try store.open()
        let id: Int64
        if let change {
            id = change
        } else {
            let day = try Parse.day(since)
            let start = Date(timeIntervalSince1970: Double(day.ordinal) * 86_400 - Double(TimeZone.current.secondsFromGMT()))
            guard let last = try db.lastUndoableChange(since: start) else {
                throw CLIError("you have made no change since \(day) that can be undone (a move, a milestone, a score change or an edit)")
            }
            id = last.id
        }
        let undo = try db.undo(eventID: id)
        Output.line("\(UndoNote.done(undo, catalog: try db.processCatalog()).en) (\(undo.entity) #\(undo.entityID), change \(id))")
    }
}
