import CloserCore
import Foundation

/// What the dashboard reads once before its first frame: the sales processes and the team.
struct ReadStartup: Work, Equatable {
    struct Reply: Sendable {
        var catalog: ProcessCatalog
        var reps: [String]
    }

    func run(in world: World) throws -> Reply {
        Reply(catalog: try world.store.processCatalog(), reps: try world.store.users().map(\.name))
    }
}

/// Fills an empty store with the demo company, in one write, and reads the team it brought.
struct LoadDemo: Work {
    struct Reply: Sendable {
        var summary: ImportSummary
        var reps: [String]
    }

    let snapshot: Snapshot

    func run(in world: World) throws -> Reply {
        let summary = try world.store.importSnapshot(snapshot)
        return Reply(summary: summary, reps: try world.store.users().map(\.name))
    }
}
