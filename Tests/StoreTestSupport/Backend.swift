import CloserCore
import CloserPostgres
import CloserSQLite
import Foundation

/// The stores the conformance tests run against: every backend-independent store test runs
/// once per backend, from one source.
public enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite, postgres

    public var description: String { rawValue }

    /// A new, empty store acting for `actor`, whose clock says `clock()`.
    public func store(actor: String = "admin", clock: @escaping @Sendable () -> Date) throws -> any TestStore {
        switch self {
        case .sqlite: try SQLiteStore(inMemoryWithClock: clock, actor: actor)
        case .postgres: try TestServer.store(actor: actor, clock: clock)
        }
    }
}

/// A store the tests can ask to act as someone else, whichever backend it is.
public protocol TestStore: Store, HealthStore, PlanStore, UndoStore, DuplicateCheck, TeamNumbersStore, ForeignBatchImporting {
    func acting(as user: String) -> Self
    func importSnapshot(_ snapshot: Snapshot, locate: @escaping ImportLocator) throws -> ImportSummary
}

extension SQLiteStore: TestStore {}
extension PostgresStore: TestStore {}

/// One store that several handles open separately (two programs on one file, two clients on
/// one database), for tests of what one writer sees of another.
public struct SharedStore {
    let backend: Backend
    let location: String

    /// Another handle on the store, with connections of its own.
    public func open(actor: String = "admin", clock: @escaping @Sendable () -> Date = { Date() }) throws -> any TestStore {
        switch backend {
        case .sqlite:
            return try SQLiteStore(path: location, actor: actor, clock: clock)
        case .postgres:
            var settings = try TestServer.adminSettings()
            settings.database = location
            return try PostgresStore(settings: settings, actor: actor, clock: clock)
        }
    }

    /// Removes the file, or drops the database.
    public func remove() {
        switch backend {
        case .sqlite: try? FileManager.default.removeItem(atPath: (location as NSString).deletingLastPathComponent)
        case .postgres: try? PostgresServer.dropDatabase(location, on: try TestServer.adminSettings())
        }
    }
}

extension Backend {
    /// A new, empty store that handles open separately; `remove()` it when done.
    public func sharedStore() throws -> SharedStore {
        switch self {
        case .sqlite:
            let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("closer-shared-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return SharedStore(backend: self, location: (folder as NSString).appendingPathComponent("store.sqlite"))
        case .postgres:
            return SharedStore(backend: self, location: try TestServer.initializedDatabase().database)
        }
    }
}
