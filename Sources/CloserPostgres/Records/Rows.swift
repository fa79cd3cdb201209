import CloserCore
import Foundation

/// The store's entities as the server's rows hold them (the same columns as the file store's).
/// Column lists are in table order; `values` follow them.
extension Account {
    init(pg row: SQLRow) throws {
        self.init(
            id: try row.int64("id"), name: try row.string("name"), grade: Grade(rawValue: try row.string("grade")) ?? .c,
            assistance: try row.int("assistance"), loyalty: try row.int("loyalty"),
            industry: try row.string("industry"), region: try row.string("region"), businessNature: try row.string("business_nature"),
            scale: try row.string("scale"), maturity: try row.optionalText("maturity").flatMap(BuyerMaturity.init(rawValue:)),
            owner: try row.optionalText("owner"),
            visibility: Visibility(rawValue: try row.string("visibility")) ?? .owned,
            sharedWith: ColumnCoding.strings(from: try row.string("shared_with")), tags: ColumnCoding.strings(from: try row.string("tags")),
            notes: try row.string("notes"), externalID: try row.optionalText("external_id"), version: try row.int("version"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static let pgColumns = [
        "id", "name", "grade", "assistance", "loyalty", "quadrant", "industry", "region", "business_nature", "scale", "owner",
        "visibility", "shared_with", "tags", "notes", "external_id", "search_key", "version", "created_at", "updated_at", "updated_by",
        "maturity", "name_key",
    ]

    func pgValues(updatedBy: String) -> [SQLValue] {
        [
            .int(id), .text(name), .text(grade.rawValue), .int(assistance), .int(loyalty), .text(quadrant.rawValue), .text(industry),
            .text(region), .text(businessNature), .text(scale), .optional(owner), .text(visibility.rawValue),
            .text(ColumnCoding.strings(sharedWith)), .text(ColumnCoding.strings(tags)), .text(notes), .optional(externalID),
            .text(searchKey), .int(version), .time(createdAt), .time(updatedAt), .text(updatedBy), .optional(maturity?.rawValue),
            .text(NameCollation.key(name)),
        ]
    }
}

extension AccountSummary {
    /// An account row with its rollup columns.
    init(pg row: SQLRow) throws {
        self.init(account: try Account(pg: row), openDeals: try row.int("open_deals"), pipeline: try row.int64("pipeline"),
                  weighted: try row.int64("weighted"), won: try row.int64("won"), lastActivity: try row.day("last_activity"),
                  nextStepDue: try row.day("next_due"))
    }
}

extension Person {
    init(pg row: SQLRow) throws {
        self.init(
            id: try row.int64("id"), accountID: try row.int64("account_id"), name: try row.string("name"), title: try row.string("title"),
            level: PersonLevel(rawValue: try row.string("level")) ?? .operator_,
            function: PersonFunction(rawValue: try row.string("function")) ?? .using,
            roles: Set(try row.string("roles").split(separator: ",").compactMap { PersonRole(rawValue: String($0)) }),
            stance: Stance(rawValue: try row.string("stance")) ?? .neutral, influence: try row.int("influence"),
            isInsideCoach: try row.bool("inside_coach"), reportsTo: try row.optionalInt64("reports_to"), cares: try row.string("cares"),
            notes: try row.string("notes"), phone: try row.string("phone"), email: try row.string("email"),
            lastMet: try row.day("last_met"), externalID: try row.optionalText("external_id"), version: try row.int("version"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static let pgColumns = [
        "id", "account_id", "name", "title", "level", "function", "roles", "stance", "influence", "inside_coach", "reports_to",
        "cares", "notes", "phone", "email", "last_met", "external_id", "search_key", "version", "created_at", "updated_at", "updated_by",
        "name_key",
    ]

    func pgValues(updatedBy: String) -> [SQLValue] {
        [
            .int(id), .int(accountID), .text(name), .text(title), .text(level.rawValue), .text(function.rawValue),
            .text(roles.sorted().map(\.rawValue).joined(separator: ",")), .text(stance.rawValue), .int(influence), .bool(isInsideCoach),
            .optional(reportsTo), .text(cares), .text(notes), .text(phone), .text(email), .optional(lastMet), .optional(externalID),
            .text(searchKey), .int(version), .time(createdAt), .time(updatedAt), .text(updatedBy), .text(NameCollation.key(name)),
        ]
    }
}

extension Deal {
    init(pg row: SQLRow) throws {
        self.init(
            id: try row.int64("id"), accountID: try row.int64("account_id"), title: try row.string("title"),
            processKey: try row.string("process_key"), stageKey: try row.string("stage_key"),
            milestonesDone: Set(ColumnCoding.strings(from: try row.string("milestones_done"))),
            amount: Money(minorUnits: try row.int64("amount"), currency: try row.string("currency")),
            expectedClose: try row.day("expected_close"), nextStep: try row.string("next_step"),
            nextStepDue: try row.day("next_step_due"), budgetKnown: try row.bool("budget_known"),
            needs: ColumnCoding.needs(from: try row.string("needs")),
            competitors: ColumnCoding.strings(from: try row.string("competitors")), owner: try row.string("owner"),
            overrides: ColumnCoding.decode([GateOverride].self, from: try row.string("overrides")) ?? [],
            outcome: Outcome(rawValue: try row.string("outcome")) ?? .open, outcomeReason: try row.string("outcome_reason"),
            lossReason: try row.optionalText("loss_reason"), lostTo: try row.optionalText("lost_to"),
            forecastCategory: ForecastCategory(rawValue: try row.string("forecast_category")) ?? .pipeline,
            stageEnteredAt: try row.date("stage_entered_at"), closedOn: try row.day("closed_on"),
            externalID: try row.optionalText("external_id"), version: try row.int("version"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static let pgColumns = [
        "id", "account_id", "title", "process_key", "stage_key", "milestones_done", "amount", "currency", "expected_close",
        "next_step", "next_step_due", "budget_known", "competitors", "owner", "overrides", "outcome", "outcome_reason",
        "forecast_category", "stage_entered_at", "closed_on", "external_id", "probability", "weighted", "at_risk",
        "milestones_met", "milestones_total", "search_key", "version", "created_at", "updated_at", "updated_by", "needs", "has_needs",
        "next_key", "loss_reason", "lost_to",
    ]

    func pgValues(derived: DealDerived, accountName: String, updatedBy: String) -> [SQLValue] {
        [
            .int(id), .int(accountID), .text(title), .text(processKey), .text(stageKey), .text(ColumnCoding.strings(milestonesDone.sorted())),
            .int(amount.minorUnits), .text(amount.currency), .optional(expectedClose), .text(nextStep), .optional(nextStepDue),
            .bool(budgetKnown), .text(ColumnCoding.strings(competitors)), .text(owner),
            .text(overrides.isEmpty ? "[]" : ColumnCoding.codable(overrides)), .text(outcome.rawValue), .text(outcomeReason),
            .text(forecastCategory.rawValue), .time(stageEnteredAt), .optional(closedOn), .optional(externalID),
            .int(derived.probability), .int(derived.weighted), .bool(derived.atRisk), .int(derived.milestonesMet),
            .int(derived.milestonesTotal), .text(Deal.searchKey(title: title, accountName: accountName)), .int(version),
            .time(createdAt), .time(updatedAt), .text(updatedBy), .text(ColumnCoding.needs(needs)), .bool(hasStatedNeeds),
            .text(nextStepKey), .optional(lossReason), .optional(lostTo),
        ]
    }
}

extension Activity {
    init(pg row: SQLRow) throws {
        self.init(
            id: try row.int64("id"), accountID: try row.int64("account_id"), dealID: try row.optionalInt64("deal_id"),
            kind: ActivityKind(rawValue: try row.string("kind")) ?? .other, day: try row.day("day") ?? Day(ordinal: 0),
            personIDs: ColumnCoding.ids(from: try row.string("person_ids")), notes: try row.string("notes"),
            outcome: try row.string("outcome"), by: try row.string("by"), createdAt: try row.date("created_at"))
    }

    static let pgColumns = ["id", "account_id", "deal_id", "kind", "day", "person_ids", "notes", "outcome", "by", "created_at"]

    var pgValues: [SQLValue] {
        [.int(id), .int(accountID), .optional(dealID), .text(kind.rawValue), .text(day.description), .text(ColumnCoding.ids(personIDs)),
         .text(notes), .text(outcome), .text(by), .time(createdAt)]
    }
}

extension ChangeEvent {
    init(pg row: SQLRow) throws {
        self.init(
            id: try row.int64("id"), at: try row.date("at"), user: try row.string("user"), entity: try row.string("entity"),
            entityID: try row.int64("entity_id"), action: try row.string("action"),
            changes: ColumnCoding.decode([String: FieldChange].self, from: try row.string("changes")) ?? [:],
            note: try row.string("note"), accountID: try row.optionalInt64("account_id"), version: try row.optionalInt("version"))
    }

    static let pgColumns = ["id", "at", "\"user\"", "entity", "entity_id", "action", "changes", "note", "account_id", "version"]

    var pgValues: [SQLValue] {
        [.int(id), .time(at), .text(user), .text(entity), .int(entityID), .text(action),
         .text(changes.isEmpty ? "{}" : ColumnCoding.codable(changes)), .text(note), .optional(accountID), .optional(version)]
    }
}

extension User {
    init(pg row: SQLRow) throws {
        self.init(name: try row.string("name"), role: UserRole(rawValue: try row.string("role")) ?? .rep,
                  displayName: try row.string("display_name"))
    }
}

/// INSERT and UPDATE text for a column list. An id of 0 is left out, so the server numbers the row.
enum StatementText {
    static func insert(into table: String, columns: [String], values: [SQLValue], returningID: Bool = true) -> (String, [SQLValue]) {
        var columns = columns, values = values
        if let index = columns.firstIndex(of: "id"), values[index] == .int(0) || values[index] == .null {
            columns.remove(at: index)
            values.remove(at: index)
        }
        let marks = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return ("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(marks))" + (returningID ? " RETURNING id" : ""), values)
    }

    /// `UPDATE table SET … WHERE id = ? AND version = ?`: the values without the id, then id and version.
    static func update(_ table: String, columns: [String]) -> String {
        let assignments = columns.filter { $0 != "id" }.map { "\($0) = ?" }.joined(separator: ", ")
        return "UPDATE \(table) SET \(assignments) WHERE id = ? AND version = ?"
    }
}

extension PlannedActivity {
    init(pg row: SQLRow) throws {
        self.init(
            id: try row.int64("id"), dealID: try row.optionalInt64("deal_id"), accountID: try row.int64("account_id"),
            kind: ActivityKind(rawValue: try row.string("kind")) ?? .other, text: try row.string("text"), due: try row.day("due"),
            time: try row.optionalText("due_time").flatMap(TimeOfDay.init), owner: try row.string("owner"), doneOn: try row.day("done_on"),
            activityID: try row.optionalInt64("activity_id"), version: try row.int("version"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    static let pgColumns = [
        "id", "deal_id", "account_id", "kind", "text", "due", "due_time", "owner", "done_on", "activity_id", "version",
        "created_at", "updated_at", "updated_by",
    ]

    func pgValues(updatedBy: String) -> [SQLValue] {
        [.int(id), .optional(dealID), .int(accountID), .text(kind.rawValue), .text(text), .optional(due), .optional(time?.description), .text(owner),
         .optional(doneOn), .optional(activityID), .int(version), .time(createdAt), .time(updatedAt), .text(updatedBy)]
    }
}
