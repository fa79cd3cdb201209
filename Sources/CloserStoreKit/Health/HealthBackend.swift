import CloserCore
import Foundation

/// What the health settings and one screen's warnings need of a backend, beyond `DealBackend`.
package protocol HealthBackend: DealBackend {
    /// The team's health settings as stored (the defaults for keys never saved).
    func healthSettings(_ transaction: Transaction) throws -> HealthSettings
    /// Replaces every stored health setting with `values`, by the actor.
    func replaceHealthSettings(_ transaction: Transaction, _ values: [String: String]) throws
    /// The deals among `ids` the actor may see, each with the facts its health rules read.
    func healthFacts(_ transaction: Transaction, dealIDs ids: [Int64], visibleTo actor: Actor) throws -> [(Deal, DealHealthFacts)]
}
