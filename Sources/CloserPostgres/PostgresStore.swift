import CloserCore
import Foundation
import NIOConcurrencyHelpers

/// The team server store: the same protocols and semantics as the file store, on a PostgreSQL
/// database that `closer server init` prepared. A handle holds a few connections for its
/// statements and one that listens for everybody's commits; `acting(as:)` shares them.
///
/// Reads run in one REPEATABLE READ snapshot; writes in one READ COMMITTED transaction that
/// locks the rows it starts from (so a stale version is refused, never overwritten) and takes
/// the log's lock before it appends, so the log's order is the order of the commits.
public final class PostgresStore: Store {
    public let settings: PostgresSettings
    public var location: String { settings.location }
    /// Who this handle acts for: what they may see and change, and whose name the log records.
    public let actor: String
    /// For looking only (a wall screen): every write is refused before it reaches the server.
    public let isReadOnly: Bool
    let pool: ConnectionPool
    let listener: ChangeListener
    let clock: @Sendable () -> Date
    let lifetime: StoreLifetime
    /// The role this handle is connected as, and whether it administers the store.
    let session: SessionIdentity
    /// Who the actor was at this handle's last read: the next read starts on it while the user
    /// table is asked again in the same snapshot (PostgresStore+ActingRead).
    let lastActor = NIOLockedValueBox<Actor?>(nil)
    /// Recent searches' matches, for as long as nothing is written (SearchProbeCache): shared
    /// with every handle on these connections.
    let searchProbes: SearchProbeCache

    /// Connects and checks the schema: a database without one, or with an older or newer one
    /// than this program's, is refused with one line saying what to do.
    public init(settings: PostgresSettings, actor: String = PostgresSettings.loginName(), readOnly: Bool = false,
                clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.settings = settings
        isReadOnly = readOnly
        self.actor = actor.trimmingCharacters(in: .whitespaces)
        self.clock = clock
        lifetime = StoreLifetime()
        let first = try Connection.open(settings)
        do {
            switch try SchemaMigrator.state(first) {
            case .empty:
                throw StoreError.cannotOpen(path: settings.location, reason: "it has no Closer schema yet: run closer server init --db \(settings.location)")
            case .version(let version) where version > PostgresSchema.latestVersion:
                throw SchemaMigrator.refuseNewer(version, location: settings.location)
            case .version(let version) where version < PostgresSchema.latestVersion:
                throw StoreError.cannotOpen(path: settings.location, reason: "its schema is version \(version), older than this program's \(PostgresSchema.latestVersion): run closer server init --db \(settings.location)")
            case .version:
                break
            }
            session = try SessionIdentity.read(first)
            try session.requireActing(as: self.actor, location: settings.location)
            // The built-in processes come with the program: a new version may order their stages anew.
            if !readOnly, try StagePositions.areStale(first, catalog: try StagePositions.catalog(first)) {
                try Transaction.run(on: first) { try StagePositions.syncWithStoredCatalog(first) }
            }
            // Persons changed by other means (psql, a copy) leave accounts' health to work out.
            if !readOnly, try first.queryOne("SELECT 1 AS x FROM account_health WHERE stale LIMIT 1") != nil {
                try Transaction.run(on: first) { try Self.refreshStaleAccountHealth(first) }
            }
            listener = ChangeListener(settings: settings)
            try listener.start()
        } catch {
            first.close()
            throw error
        }
        pool = ConnectionPool(settings: settings, first: first)
        searchProbes = SearchProbeCache()
    }

    private init(sharing other: PostgresStore, actor: String) {
        settings = other.settings
        pool = other.pool
        listener = other.listener
        clock = other.clock
        lifetime = other.lifetime
        isReadOnly = other.isReadOnly
        session = other.session
        searchProbes = other.searchProbes
        self.actor = actor
    }

    /// Runs `body` once the last handle on this store's connections is gone (tests drop their
    /// database then).
    public func whenGone(_ body: @escaping @Sendable () -> Void) {
        lifetime.add(body)
    }

    /// The same store, acting for someone else (the connections and the listener are shared).
    public func acting(as user: String) -> PostgresStore {
        PostgresStore(sharing: self, actor: user.trimmingCharacters(in: .whitespaces))
    }

    /// Moves whenever anyone commits a write to the database, as heard by LISTEN: no statement is sent.
    /// Throws `StoreError.unreachable` while the server is away.
    public func changeToken() throws -> Int64 {
        try listener.token()
    }

    /// Closes the connections of this handle and of every handle acting as someone else on it.
    public func close() {
        listener.stop()
        pool.close()
    }

    // MARK: Transactions

    /// Runs `body` in one REPEATABLE READ, read-only transaction: its statements see one snapshot.
    func read<T>(_ body: (Connection) throws -> T) throws -> T {
        func once() throws -> T {
            try pool.withConnection { connection in
                try Transaction.run(on: connection, isolation: .repeatableRead, readOnly: true) { try body(connection) }
            }
        }
        do {
            do {
                return try once()
            } catch is OutdatedStatement {
                // The connection has forgotten the statements it kept; a read has nothing to undo.
                do { return try once() } catch let outdated as OutdatedStatement { throw outdated.refusal }
            }
        } catch let error as StoreError {
            throw explained(error)
        }
    }

    /// Runs a write in one transaction: its changes and its event-log rows commit together or not at all.
    func write<T>(_ body: (Connection) throws -> T) throws -> T {
        if isReadOnly { throw StoreError.readOnly(path: location) }
        do {
            return try pool.withConnection { connection in
                try Transaction.run(on: connection) {
                    let result = try body(connection)
                    // Persons the body changed leave their accounts' health facts to work out (HealthSchemaSQL).
                    try Self.refreshStaleAccountHealth(connection)
                    return result
                }
            }
        } catch let outdated as OutdatedStatement {
            throw outdated.refusal
        } catch let error as StoreError {
            throw explained(error)
        }
    }

    // MARK: Rows and the log

    /// The row of `table` with this id, or a not-found refusal naming the entity. `lock` holds it
    /// until the transaction ends, so nobody changes it between a check and the write.
    static func fetchRow(_ connection: Connection, _ table: String, id: Int64, lock: Bool = false) throws -> SQLRow {
        guard let row = try connection.queryOne("SELECT * FROM \(table) WHERE id = ?\(lock ? " FOR UPDATE" : "")", [.int(id)]) else {
            throw StoreError.notFound(entity: table, id: id)
        }
        return row
    }

    /// The row a write starts from, locked, and refused if it is no longer at the version the caller read.
    func currentRow(_ connection: Connection, table: String, id: Int64, expected: Int?) throws -> SQLRow {
        let row = try Self.fetchRow(connection, table, id: id, lock: true)
        let current = try row.int("version")
        if let expected, expected != current {
            throw StoreError.staleVersion(entity: table, id: id, expected: expected, current: current,
                                          lastChangedBy: try row.string("updated_by"))
        }
        return row
    }

    /// Locks an account row for the rest of the transaction: writes to what hangs from one
    /// account take turns, so its rollup and its deals' stage history are worked out from
    /// everything committed before.
    static func lockAccount(_ connection: Connection, _ id: Int64) throws {
        try connection.execute("SELECT 1 FROM account WHERE id = ? FOR UPDATE", [.int(id)])
    }

    /// Any number, the same in every copy of the program: the advisory lock of the event log.
    static let logLock: Int64 = 0x636c_6f67

    /// Notes a log row of the open write; its transaction appends its rows just before it commits
    /// (EventLog), one writer at a time under the log's lock, each row at the latest instant
    /// already logged if the writer's clock runs behind, so the log's order (and the stage history
    /// read from it) is the order the changes were committed in.
    func log(_ connection: Connection, _ event: ChangeEvent) throws {
        connection.pendingLog.withLockedValue { $0.append(event) }
    }

    /// An event-log row by the actor. `account` is the account the entity hangs from (an
    /// account's own id for account events), so the log follows the account's visibility.
    func event(_ entity: String, _ id: Int64, _ action: String, _ changes: [String: FieldChange] = [:],
               note: String = "", account: Int64?, version: Int? = nil) -> ChangeEvent {
        ChangeEvent(at: clock(), user: actor, entity: entity, entityID: id, action: action, changes: changes, note: note,
                    accountID: account, version: version)
    }

    /// Inserts a row and returns its id.
    static func insert(_ connection: Connection, into table: String, columns: [String], values: [SQLValue]) throws -> Int64 {
        let (sql, values) = StatementText.insert(into: table, columns: columns, values: values)
        guard let id = try connection.queryOne(sql, values)?.int64("id") else {
            throw PostgresFailure.programming("no id back from the insert into \(table)")
        }
        return id
    }

    static func invalid(_ issues: [ValidationIssue]) -> StoreError {
        .invalid(.fields(issues))
    }

    // MARK: Processes and users

    public func processCatalog() throws -> ProcessCatalog {
        try read { connection in
            _ = try knownActor(connection)
            return try StagePositions.catalog(connection)
        }
    }

    public func saveProcess(_ template: ProcessTemplate) throws {
        do { try template.validate() } catch { throw StoreError.invalid(.process(error)) }
        try write { connection in
            try requireTeamAdmin(connection, to: .changeProcesses)
            try connection.execute("""
                INSERT INTO process (key, json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET json = excluded.json
                """, [.text(template.key), .text(ColumnCoding.codable(template))])
            try StagePositions.syncWithStoredCatalog(connection)
            try log(connection, event("process", 0, "saved", note: template.key, account: nil))
        }
    }

    public func users() throws -> [User] {
        try read { connection in
            _ = try knownActor(connection)
            return try connection.query(#"SELECT * FROM "user" ORDER BY name"#).map(User.init(pg:))
        }
    }

    public func saveUser(_ user: User) throws {
        guard !user.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError.invalid(.userNeedsName) }
        try Validation.requirePlainText(user.name, field: "user name")
        try Validation.requirePlainText(user.displayName, field: "display name")
        // A member's connection may not write the user table: the server adds them (and their login role).
        if !session.administers { return try saveTeamMember(user, password: .unchanged) }
        try write { connection in
            // The team's first manager may be added by anyone (a store with no manager has nobody
            // to ask); after that, users are a manager's to add, change or promote.
            let hasManager = try connection.queryOne(#"SELECT 1 AS x FROM "user" WHERE role = 'manager' LIMIT 1"#) != nil
            if hasManager { try requireTeamAdmin(connection, to: .changeUsers) }
            try connection.execute("""
                INSERT INTO "user" (name, role, display_name) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET role = excluded.role, display_name = excluded.display_name
                """, [.text(user.name), .text(user.role.rawValue), .text(user.displayName)])
            try log(connection, event("user", 0, "saved", ["role": FieldChange(old: nil, new: user.role.rawValue)], note: user.name, account: nil))
        }
    }
}

/// What runs when the last handle sharing a store's connections is released.
final class StoreLifetime: Sendable {
    private let endings = NIOLockedValueBox<[@Sendable () -> Void]>([])

    func add(_ body: @escaping @Sendable () -> Void) {
        endings.withLockedValue { $0.append(body) }
    }

    deinit {
        for body in endings.withLockedValue({ $0 }) { body() }
    }
}
