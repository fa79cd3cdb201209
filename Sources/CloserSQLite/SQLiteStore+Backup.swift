import CloserCore
import Foundation
import GRDB

/// Counts that say what a backup holds, for the messages around backup and restore.
public struct StoreContents: Sendable, Equatable, CustomStringConvertible {
    public var accounts: Int
    public var persons: Int
    public var deals: Int
    public var activities: Int

    public var description: String { "\(accounts) accounts, \(persons) persons, \(deals) deals, \(activities) activities" }

    static func count(_ db: Database) throws -> StoreContents {
        func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
        return StoreContents(accounts: try count("account"), persons: try count("person"), deals: try count("deal"), activities: try count("activity"))
    }
}

extension SQLiteStore {
    /// Copies the whole store to `path` with SQLite's online backup: it reads one consistent
    /// snapshot while others keep reading and writing (WAL), and the copy is checked after.
    /// A manager's (or anyone's while the store has no users): the copy holds every account.
    public func backup(to path: String, overwrite: Bool = false) throws -> StoreContents {
        try read { db in try requireTeamAdmin(db, to: .backUp) }
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            guard overwrite else { throw StoreError.refused(.fileExists(path: path)) }
            try? fm.removeItem(atPath: path)
        }
        let folder = (path as NSString).deletingLastPathComponent
        guard folder.isEmpty || fm.fileExists(atPath: folder) else { throw StoreError.refused(.noSuchFolder(folder)) }
        do {
            let destination = try DatabaseQueue(path: path)
            chmod(path, 0o600)
            try database.backup(to: destination)
            return try Self.check(destination, path: path)
        } catch let error as DatabaseError {
            try? fm.removeItem(atPath: path)
            throw Self.translate(error, path: path)
        }
    }

    /// Replaces the store's contents with a backup, after checking the backup: an SQLite
    /// file that passes its integrity check and was made by Closer (by this version or an
    /// older one, which is then migrated). The store's own contents are first copied to
    /// `safetyCopy`, so a wrong restore can be undone.
    public func restore(from path: String, safetyCopy: String?) throws -> StoreContents {
        if isReadOnly { throw StoreError.readOnly(path: location) }
        try read { db in try requireTeamAdmin(db, to: .restore) }
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.refused(.noSuchBackup(path: path)) }
        let source: DatabaseQueue
        do {
            var configuration = Configuration()
            configuration.readonly = true
            source = try DatabaseQueue(path: path, configuration: configuration)
            _ = try Self.check(source, path: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.refused(.notABackup(path: path))
        }
        if let safetyCopy { _ = try backup(to: safetyCopy, overwrite: true) }
        do {
            let before = try changeToken()
            try source.backup(to: database)
            try database.writeWithoutTransaction { db in
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try Schema.migrator.migrate(database)
            // Screens poll the change counter: make it move past what they last saw.
            try database.write { db in
                try db.execute(sql: "UPDATE meta SET value = MAX(value, ?) + 1 WHERE key = 'change_counter'", arguments: [before])
            }
            return try read { db in try StoreContents.count(db) }
        } catch let error as DatabaseError {
            throw Self.translate(error, path: location)
        }
    }

    /// A Closer store, undamaged and not from a newer version: or a refusal that says which.
    static func check(_ reader: any DatabaseReader, path: String) throws -> StoreContents {
        try reader.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard integrity == ["ok"] else {
                throw StoreError.refused(.damagedBackup(path: path, detail: integrity.first ?? "integrity check failed"))
            }
            let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            guard tables.isSuperset(of: ["grdb_migrations", "meta", "account", "person", "deal", "activity", "event"]) else {
                throw StoreError.refused(.notACloserStore(path: path, schemaOnly: false))
            }
            let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
            let known = Set(Schema.migrator.migrations)
            guard applied.contains("v1-core") else {
                throw StoreError.refused(.notACloserStore(path: path, schemaOnly: true))
            }
            if let newer = applied.subtracting(known).sorted().first {
                throw StoreError.refused(.newerStore(path: path, schema: newer))
            }
            return try StoreContents.count(db)
        }
    }
}
