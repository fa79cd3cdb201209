import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the whole store to FILE with SQLite's online backup, while others keep working; the copy is checked.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The backup file to write.") var file: String
    @Flag(help: "Replace FILE if it exists.") var force = false

    func run() throws {
        let contents = try store.openFile(for: "backup (on the server use pg_dump, or closer copy to a file)").backup(to: (file as NSString).expandingTildeInPath, overwrite: force)
        Output.line("backed up \(contents) to \(file) (checked)")
    }
}

struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the store's contents with a backup made by `closer backup`, after checking it.",
        discussion: "The backup must pass SQLite's integrity check and be a Closer store of this version or older. The store's current contents are first saved next to it as STORE.before-restore.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The backup file to restore.") var file: String
    @Flag(name: .customLong("no-safety-copy"), help: "Do not save the current contents first.") var noSafetyCopy = false

    func run() throws {
        let target = try store.openFile(for: "restore (closer copy brings a file to the server)")
        let safety = noSafetyCopy ? nil : store.path + ".before-restore"
        let contents = try target.restore(from: (file as NSString).expandingTildeInPath, safetyCopy: safety)
        Output.line("restored \(contents) from \(file)")
        if let safety { Output.error("the previous contents are in \(safety) (closer restore \(safety) undoes this)") }
    }
}
