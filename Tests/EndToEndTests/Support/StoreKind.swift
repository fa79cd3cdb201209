import Foundation
import StoreTestSupport

/// Where an end-to-end sandbox keeps its store: a file in its folder, or a new database on the
/// run's throwaway PostgreSQL cluster (left for the cluster's removal at the end of the run).
enum StoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case file, server

    var description: String { rawValue }

    func sandbox(_ name: String = "closer-e2e") throws -> Sandbox {
        switch self {
        case .file: try Sandbox(name)
        case .server: try Sandbox(name, db: try TestServer.initializedDatabase().url)
        }
    }

    /// A copy of the shared demo store: the file copied, or carried to the server by `closer copy`.
    func withDemo(_ name: String = "closer-e2e") throws -> Sandbox {
        switch self {
        case .file: return try Sandbox.withDemo(name)
        case .server:
            let sandbox = try Sandbox(name, db: try TestServer.emptyDatabase().url)
            let demo = sandbox.path("demo.sqlite")
            try DemoTemplate.copy(to: demo)
            let copied = try sandbox.run(["copy", demo, sandbox.db], timeout: 120)
            guard copied.status == 0 else { throw E2EError("closer copy of the demo to the server failed: \(copied)") }
            return sandbox
        }
    }
}
