import CloserCore
import Foundation
import GRDB

/// The local file store: one SQLite file in WAL mode, so the TUI, the CLI and a stand-up
/// screen can read while one of them writes.
public final class SQLiteStore: Store {
    public let location: String
    /// Who this handle acts for: what they may see and change, and whose name the log records.
    public let actor: String
    let database: any DatabaseWriter
    public let isReadOnly: Bool
    let clock: @Sendable () -> Date
    /// The deal table's totals while nothing is written (shared by every actor's handle: the
    /// statements carry the actor's visibility).
    let dealCounts: CountCache

    /// Opens (creating if needed) the store at `path`; falls back to read-only when the file
    /// cannot be written, so a user can still look.
    /// `readOnly` opens for looking only (a wall screen, or a file the user may not change).
    /// `willMigrate` is called before an existing file is brought up to this version's schema, which
    /// for a large store (its stage history is filled from the log) can take a minute: say so first.
    public init(path: String, actor: String, readOnly: Bool = false, clock: @escaping @Sendable () -> Date = { Date() },
                willMigrate: (() -> Void)? = nil) throws {
        location = path
        self.actor = actor
        self.clock = clock
        dealCounts = CountCache()
        var configuration = Configuration()
        configuration.busyMode = .timeout(3)
        configuration.foreignKeysEnabled = true
        configuration.label = "closer"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // SQLite's default 2 MB page cache re-reads a 100k-deal store from the OS on every
            // screen; map the file and keep a larger cache instead.
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            // Sorts, GROUP BYs and the stage-history trigger's statement journals in memory, not in
            // temporary files: half the cost of logging an event (110 → 54 µs at 100k deals).
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        let fileExists = FileManager.default.fileExists(atPath: path)
        if readOnly, !fileExists { throw StoreError.cannotOpen(path: path, reason: "no such file") }
        let writable = readOnly ? false : fileExists ? FileManager.default.isWritableFile(atPath: path)
            && FileManager.default.isWritableFile(atPath: (path as NSString).deletingLastPathComponent.isEmpty
                ? "." : (path as NSString).deletingLastPathComponent) : true
        do {
            if writable {
                if !fileExists { try StoreLocation.prepareDirectory(for: path) }
                let pool = try DatabasePool(path: path, configuration: configuration)
                if !fileExists { chmod(path, 0o600) }
                // Migrating takes the write lock: only when needed, so opening to read never waits on a writer.
                if try !pool.read({ try Schema.migrator.hasCompletedMigrations($0) }) {
                    if fileExists { willMigrate?() }
                    try Schema.migrator.migrate(pool)
                }
                // The built-in processes come with the program: a new version may order their stages anew.
                if try pool.read({ try StageHistorySchema.positionsAreStale($0) }) {
                    try pool.write { try StageHistorySchema.syncPositions($0) }
                }
                if try pool.read({ try Self.accountHealthIsStale($0) }) {
                    try pool.write { try Self.refreshStaleAccountHealth($0) }
                }
                database = pool
                isReadOnly = false
            } else {
                configuration.readonly = true
                let queue = try DatabaseQueue(path: path, configuration: configuration)
                guard try queue.read({ try Schema.migrator.hasCompletedMigrations($0) }) else {
                    throw StoreError.cannotOpen(path: path, reason: "read-only and made by an older version; open it once writable")
                }
                database = queue
                isReadOnly = true
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw SQLiteStore.translate(error, path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
    }

    /// A private in-memory store, for tests and previews.
    public init(inMemoryWithClock clock: @escaping @Sendable () -> Date = { Date() }, actor: String = "admin") throws {
        location = ":memory:"
        self.actor = actor
        self.clock = clock
        dealCounts = CountCache()
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: configuration)
        try Schema.migrator.migrate(queue)
        database = queue
        isReadOnly = false
    }

    /// A private in-memory copy of another store, acting for `actor`: for tests that start many
    /// times from the same world.
    init(inMemoryCopyOf other: SQLiteStore, actor: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: configuration)
        try other.database.backup(to: queue)
        location = ":memory:"
        database = queue
        isReadOnly = false
        clock = other.clock
        dealCounts = CountCache()
        self.actor = actor
    }

    private init(sharing other: SQLiteStore, actor: String) {
        location = other.location
        database = other.database
        isReadOnly = other.isReadOnly
        clock = other.clock
        dealCounts = other.dealCounts
        self.actor = actor
    }

    /// The same store, acting for someone else (the database and its connections are shared).
    public func acting(as user: String) -> SQLiteStore {
        SQLiteStore(sharing: self, actor: user.trimmingCharacters(in: .whitespaces))
    }

    static func translate(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: return .readOnly(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: "the file or its folder cannot be opened")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .cannotOpen(path: path, reason: "the file is not a Closer store (not an SQLite database, or damaged)")
        case .SQLITE_FULL: return .refused(.diskFull)
        case .SQLITE_CONSTRAINT: return .invalid(.constraint(error.message ?? "a constraint failed"))
        default: return .refused(.storeFailure(error.message ?? "\(error.resultCode)"))
        }
    }

    /// Runs a write in one transaction: the body's changes, its event-log rows and the change
    /// counter commit together or not at all.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if isReadOnly { throw StoreError.readOnly(path: location) }
        do {
            return try database.write { db in
                let result = try body(db)
                // Persons the body changed leave their accounts' health facts to work out (HealthSchema).
                try Self.refreshStaleAccountHealth(db)
                try db.execute(sql: "UPDATE meta SET value = value + 1 WHERE key = 'change_counter'")
                return result
            }
        } catch let error as DatabaseError {
            throw SQLiteStore.translate(error, path: location)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try database.read(body)
        } catch let error as DatabaseError {
            throw SQLiteStore.translate(error, path: location)
        }
    }

    /// The row of `table` with this id, or a not-found refusal naming the entity.
    static func fetchRow(_ db: Database, _ table: String, id: Int64) throws -> Row {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound(entity: table, id: id)
        }
        return row
    }

    /// Appends to the log. Its times never go back: a writer whose clock runs behind another's
    /// logs at the latest time already logged, so the log's order (and the stage history read
    /// from it) is the order the changes were committed in.
    func log(_ db: Database, _ event: ChangeEvent) throws {
        var event = event
        if let latest = try Double.fetchOne(db.cachedStatement(sql: "SELECT MAX(at) FROM event")), latest > event.at.timeIntervalSince1970 {
            event.at = Date(timeIntervalSince1970: latest)
        }
        // Cached: compiling an insert into the log compiles its triggers' programs too, which costs
        // more than the insert (an import logs one row per new account and person).
        try db.cachedStatement(sql: SQLText.insert(into: "event", columns: ChangeEvent.columns))
            .execute(arguments: StatementArguments(event.columnValues))
    }

    /// An event-log row by the actor. `account` is the account the entity hangs from (an
    /// account's own id for account events), so the log follows the account's visibility.
    /// `version` is the row's version the change produced, for a versioned row (what an undo checks).
    func event(_ entity: String, _ id: Int64, _ action: String, _ changes: [String: FieldChange] = [:],
               note: String = "", account: Int64?, version: Int? = nil) -> ChangeEvent {
        ChangeEvent(at: clock(), user: actor, entity: entity, entityID: id, action: action, changes: changes, note: note,
                    accountID: account, version: version)
    }

    /// The row a write starts from, refused if it is no longer at the version the caller read.
    func currentRow(_ db: Database, table: String, id: Int64, expected: Int?) throws -> Row {
        let row = try Self.fetchRow(db, table, id: id)
        let current: Int = row["version"]
        if let expected, expected != current {
            throw StoreError.staleVersion(entity: table, id: id, expected: expected, current: current, lastChangedBy: row.text("updated_by"))
        }
        return row
    }

    public func changeToken() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'change_counter'") ?? 0 }
    }

    // MARK: Processes and users

    public func processCatalog() throws -> ProcessCatalog {
        try read { db in
            _ = try knownActor(db)
            return try Self.catalog(db)
        }
    }

    static func catalog(_ db: Database) throws -> ProcessCatalog {
        let custom = try String.fetchAll(db, sql: "SELECT json FROM process ORDER BY key").compactMap {
            ColumnCoding.decode(ProcessTemplate.self, from: $0)
        }
        return ProcessCatalog(custom: custom)
    }

    public func saveProcess(_ template: ProcessTemplate) throws {
        do { try template.validate() } catch { throw StoreError.invalid(.process(error)) }
        try write { db in
            try requireTeamAdmin(db, to: .changeProcesses)
            try db.execute(sql: "INSERT OR REPLACE INTO process (key, json) VALUES (?, ?)",
                           arguments: [template.key, ColumnCoding.codable(template)])
            try StageHistorySchema.syncPositions(db)
            try log(db, event("process", 0, "saved", note: template.key, account: nil))
        }
    }

    public func users() throws -> [User] {
        try read { db in
            _ = try knownActor(db)
            return try Row.fetchAll(db, sql: "SELECT * FROM user ORDER BY name").map {
                User(name: $0.text("name"), role: UserRole(rawValue: $0.text("role")) ?? .rep, displayName: $0.text("display_name"))
            }
        }
    }

    public func saveUser(_ user: User) throws {
        guard !user.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError.invalid(.userNeedsName) }
        try Validation.requirePlainText(user.name, field: "user name")
        try Validation.requirePlainText(user.displayName, field: "display name")
        try write { db in
            // The team's first manager may be added by anyone (a store with no manager has nobody
            // to ask); after that, users are a manager's to add, change or promote.
            let hasManager = try Bool.fetchOne(db, sql: "SELECT 1 FROM user WHERE role = 'manager' LIMIT 1") == true
            if hasManager { try requireTeamAdmin(db, to: .changeUsers) }
            try db.execute(sql: "INSERT OR REPLACE INTO user (name, role, display_name) VALUES (?, ?, ?)",
                           arguments: [user.name, user.role.rawValue, user.displayName])
            try log(db, event("user", 0, "saved", ["role": FieldChange(old: nil, new: user.role.rawValue)], note: user.name, account: nil))
        }
    }
}
