import CloserCore
import Foundation

/// The team's health settings and one screen's deals' warnings, the same on every backend; the
/// rules are CloserCore's DealHealth.
extension HealthBackend {
    package func readHealthSettings() throws -> HealthSettings {
        try readAsActor { transaction, _ in try healthSettings(transaction) }
    }

    package func saveHealthSettings(_ settings: HealthSettings) throws {
        try write { transaction in
            try requireTeamAdmin(transaction, to: .changeSettings)
            let issues = settings.issues(catalog: try catalog(transaction))
            guard issues.isEmpty else { throw StoreError.invalid(.fields(issues)) }
            let old = try healthSettings(transaction).values
            let new = settings.values
            try replaceHealthSettings(transaction, new)
            var changes = [String: FieldChange]()
            for key in Set(old.keys).union(new.keys) where old[key] != new[key] {
                changes[key] = FieldChange(old: old[key], new: new[key])
            }
            try log(transaction, event("settings", 0, "health", changes, account: nil))
        }
    }

    package func dealWarnings(_ dealIDs: [Int64], today: Day) throws -> [Int64: [HealthWarning]] {
        let ids = Array(Set(dealIDs))
        guard !ids.isEmpty else { return [:] }
        guard ids.count <= HealthLimits.dealsPerCall else {
            throw StoreError.invalid(.tooManyHealthDeals(asked: ids.count, limit: HealthLimits.dealsPerCall))
        }
        return try readAsActor { transaction, who in
            let catalog = try catalog(transaction)
            let settings = try healthSettings(transaction)
            var result = [Int64: [HealthWarning]]()
            for (deal, facts) in try healthFacts(transaction, dealIDs: ids, visibleTo: who) {
                result[deal.id] = DealHealth.warnings(HealthContext(
                    deal: deal, process: catalog.process(deal.processKey), facts: facts, settings: settings, today: today))
            }
            return result
        }
    }
}
