import CloserCore
import Foundation
import GRDB

extension Deal {
    init(row: Row) {
        self.init(
            id: row["id"], accountID: row["account_id"], title: row.text("title"), processKey: row.text("process_key"),
            stageKey: row.text("stage_key"), milestonesDone: Set(ColumnCoding.strings(from: row.text("milestones_done"))),
            amount: Money(minorUnits: row["amount"], currency: row.text("currency")),
            expectedClose: ColumnCoding.day(row["expected_close"]), nextStep: row.text("next_step"),
            nextStepDue: ColumnCoding.day(row["next_step_due"]), budgetKnown: row["budget_known"],
            needs: ColumnCoding.needs(from: row.text("needs")),
            competitors: ColumnCoding.strings(from: row.text("competitors")), owner: row.text("owner"),
            overrides: ColumnCoding.decode([GateOverride].self, from: row.text("overrides")) ?? [],
            outcome: Outcome(rawValue: row.text("outcome")) ?? .open, outcomeReason: row.text("outcome_reason"),
            lossReason: row["loss_reason"], lostTo: row["lost_to"],
            forecastCategory: ForecastCategory(rawValue: row.text("forecast_category")) ?? .pipeline,
            stageEnteredAt: ColumnCoding.date(row["stage_entered_at"]), closedOn: ColumnCoding.day(row["closed_on"]),
            externalID: row["external_id"], version: row["version"],
            createdAt: ColumnCoding.date(row["created_at"]), updatedAt: ColumnCoding.date(row["updated_at"]))
    }

    static let columns = [
        "id", "account_id", "title", "process_key", "stage_key", "milestones_done", "amount", "currency", "expected_close",
        "next_step", "next_step_due", "budget_known", "competitors", "owner", "overrides", "outcome", "outcome_reason",
        "forecast_category", "stage_entered_at", "closed_on", "external_id", "probability", "weighted", "at_risk",
        "milestones_met", "milestones_total", "search_key", "version", "created_at", "updated_at", "updated_by", "needs", "has_needs", "next_key",
        "loss_reason", "lost_to",
    ]

    func columnValues(derived: DealDerived, searchKey: String, updatedBy: String) -> [(any DatabaseValueConvertible)?] {
        [
            id, accountID, title, processKey, stageKey, ColumnCoding.strings(milestonesDone.sorted()), amount.minorUnits,
            amount.currency, expectedClose?.description, nextStep, nextStepDue?.description, budgetKnown,
            ColumnCoding.strings(competitors), owner, overrides.isEmpty ? "[]" : ColumnCoding.codable(overrides),
            outcome.rawValue, outcomeReason, forecastCategory.rawValue, ColumnCoding.time(stageEnteredAt), closedOn?.description,
            externalID, derived.probability, derived.weighted, derived.atRisk, derived.milestonesMet, derived.milestonesTotal,
            searchKey, version, ColumnCoding.time(createdAt), ColumnCoding.time(updatedAt), updatedBy, ColumnCoding.needs(needs), hasStatedNeeds, nextStepKey,
            lossReason, lostTo,
        ]
    }


}

extension DealSummary {
    /// Reads the columns of `SQLiteStore.summaryColumns`.
    init(row: Row) {
        self.init(
            id: row["id"], title: row.text("title"), accountID: row["account_id"], accountName: row.text("account_name"),
            accountGrade: Grade(rawValue: row.text("account_grade")) ?? .c, processKey: row.text("process_key"),
            stageKey: row.text("stage_key"), amount: Money(minorUnits: row["amount"], currency: row.text("currency")),
            probability: row["probability"], weighted: row["weighted"], atRisk: row["at_risk"],
            milestonesMet: row["milestones_met"], milestonesTotal: row["milestones_total"],
            stageEnteredAt: ColumnCoding.date(row["stage_entered_at"]), expectedClose: ColumnCoding.day(row["expected_close"]),
            nextStep: row.text("next_step"), nextStepDue: ColumnCoding.day(row["next_step_due"]),
            lastActivity: ColumnCoding.day(row["last_activity"]), owner: row.text("owner"),
            outcome: Outcome(rawValue: row.text("outcome")) ?? .open, version: row["version"],
            competitors: row.text("competitors").isEmpty ? [] : ColumnCoding.strings(from: row.text("competitors")),
            outcomeReason: row.text("outcome_reason"))
    }
}
