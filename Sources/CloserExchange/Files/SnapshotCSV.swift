import CloserCore
import Foundation

/// Our CSV exchange format: one file per entity in a folder, each with a header row.
public enum SnapshotCSV {
    public static let files = ["users.csv", "accounts.csv", "persons.csv", "deals.csv", "activities.csv", "plans.csv", "events.csv"]

    /// File name → contents.
    public static func encode(_ snapshot: Snapshot) throws -> [String: Data] {
        var out = [String: Data]()
        out["users.csv"] = try CSVTable(header: ["name", "role", "display_name"],
                                        rows: snapshot.users.map { [$0.name, $0.role.rawValue, $0.displayName] }).encoded()
        out["accounts.csv"] = try CSVTable(header: AccountCSV.header, rows: snapshot.accounts.map(AccountCSV.row)).encoded()
        out["persons.csv"] = try CSVTable(header: PersonCSV.header, rows: snapshot.persons.map(PersonCSV.row)).encoded()
        out["deals.csv"] = try CSVTable(header: DealCSV.header, rows: snapshot.deals.map(DealCSV.row)).encoded()
        out["activities.csv"] = try CSVTable(header: ActivityCSV.header, rows: snapshot.activities.map(ActivityCSV.row)).encoded()
        out["plans.csv"] = try CSVTable(header: PlanCSV.header, rows: snapshot.plans.map(PlanCSV.row)).encoded()
        out["events.csv"] = try CSVTable(header: EventCSV.header, rows: snapshot.events.map(EventCSV.row)).encoded()
        if !snapshot.processes.isEmpty {
            var partial = Snapshot()
            partial.processes = snapshot.processes
            out["processes.json"] = try SnapshotJSON.encode(partial)
        }
        if let team = snapshot.team {
            out["team.json"] = try SnapshotJSON.encode(Snapshot(team: team))
        }
        return out
    }

    /// Reads whichever of our files are present; each file is recognised by its header.
    public static func decode(files: [(name: String, data: Data)]) throws -> Snapshot {
        var snapshot = Snapshot()
        for (name, data) in files {
            if name.hasSuffix(".json") {
                let partial = try SnapshotJSON.decode(data, fileName: name)
                snapshot.processes += partial.processes
                if let team = partial.team { snapshot.team = team }
                continue
            }
            let table = try CSVTable.decode(data, fileName: name)
            let columns = Dictionary(table.header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            func rows<T>(_ make: (CSVRowReader) throws -> T) throws -> [T] {
                try table.rows.enumerated().map { index, values in
                    try make(CSVRowReader(fileName: name, rowNumber: index + 2, columns: columns, values: values))
                }
            }
            let headerSet = Set(table.header)
            if headerSet.isSuperset(of: DealCSV.required) {
                snapshot.deals += try rows(DealCSV.deal)
            } else if headerSet.isSuperset(of: PersonCSV.required) {
                snapshot.persons += try rows(PersonCSV.person)
            } else if headerSet.isSuperset(of: PlanCSV.required) {
                snapshot.plans += try rows(PlanCSV.plan)
            } else if headerSet.isSuperset(of: ActivityCSV.required) {
                snapshot.activities += try rows(ActivityCSV.activity)
            } else if headerSet.isSuperset(of: EventCSV.required) {
                snapshot.events += try rows(EventCSV.event)
            } else if headerSet.isSuperset(of: AccountCSV.required) {
                snapshot.accounts += try rows(AccountCSV.account)
            } else if headerSet.isSuperset(of: ["name", "role"]) {
                snapshot.users += try rows { User(name: $0.text("name"), role: try $0.coded("role", UserRole.self), displayName: $0.text("display_name")) }
            } else {
                throw StoreError.invalid("\(name): the header (\(table.header.prefix(6).joined(separator: ", "))) is not one of Closer's files; nothing was imported")
            }
        }
        return snapshot
    }

    /// Whether a header is one of our own files' (an export of Closer), rather than another program's.
    public static func isOwnFile(_ data: Data) -> Bool {
        let start = data.starts(with: ExcelCSV.bom) ? 3 : 0
        let firstLine = data.dropFirst(start).prefix(4096).prefix { $0 != 0x0A && $0 != 0x0D }
        let names = Set(String(decoding: firstLine, as: UTF8.self).split(separator: ",").map(String.init))
        return [DealCSV.required, PersonCSV.required, PlanCSV.required, ActivityCSV.required, EventCSV.required, AccountCSV.required, ["name", "role", "display_name"]]
            .contains { names.isSuperset(of: $0) }
    }

    /// Where a snapshot row came from, so store-level checks name the file and row.
    public static func locator(entity: String, index: Int) -> String {
        "\(entity).csv row \(index + 2)"
    }
}

private func plainAmount(_ minor: Int64) -> String {
    let sign = minor < 0 ? "-" : ""
    let magnitude = minor.magnitude
    let cents = magnitude % 100
    return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
}

private func seconds(_ date: Date) -> String { String(date.timeIntervalSince1970) }

enum AccountCSV {
    static let header = ["id", "name", "grade", "assistance", "loyalty", "industry", "region", "business_nature", "scale", "owner",
                         "visibility", "shared_with", "tags", "notes", "external_id", "version", "created_at", "updated_at", "maturity"]
    static let required: Set<String> = ["id", "name", "grade", "assistance", "loyalty"]

    static func row(_ a: Account) -> [String] {
        [String(a.id), a.name, a.grade.rawValue, String(a.assistance), String(a.loyalty), a.industry, a.region, a.businessNature, a.scale,
         a.owner ?? "", a.visibility.rawValue, CSVTable.list(a.sharedWith), CSVTable.list(a.tags), a.notes, a.externalID ?? "",
         String(a.version), seconds(a.createdAt), seconds(a.updatedAt), a.maturity?.rawValue ?? ""]
    }

    static func account(_ r: CSVRowReader) throws -> Account {
        var maturity: BuyerMaturity?
        if let text = r.optional("maturity") {
            guard let level = BuyerMaturity.parse(text) else {
                throw StoreError.invalid("\(r.location("maturity")): '\(text)' is not one of \(BuyerMaturity.codes)")
            }
            maturity = level
        }
        return Account(id: try r.id("id"), name: r.text("name"), grade: try r.coded("grade", Grade.self), assistance: try r.int("assistance"),
                loyalty: try r.int("loyalty"), industry: r.text("industry"), region: r.text("region"), businessNature: r.text("business_nature"),
                scale: r.text("scale"), maturity: maturity, owner: r.optional("owner"), visibility: try r.coded("visibility", Visibility.self, default: .owned),
                sharedWith: CSVTable.list(from: r.text("shared_with")), tags: CSVTable.list(from: r.text("tags")), notes: r.text("notes"),
                externalID: r.optional("external_id"), version: try r.int("version", default: 1),
                createdAt: try r.time("created_at"), updatedAt: try r.time("updated_at"))
    }
}

enum PersonCSV {
    static let header = ["id", "account_id", "name", "title", "level", "function", "roles", "stance", "influence", "inside_coach",
                         "reports_to", "cares", "notes", "phone", "email", "last_met", "external_id", "version", "created_at", "updated_at"]
    static let required: Set<String> = ["id", "account_id", "name", "level", "stance"]

    static func row(_ p: Person) -> [String] {
        [String(p.id), String(p.accountID), p.name, p.title, p.level.rawValue, p.function.rawValue,
         CSVTable.list(p.roles.sorted().map(\.rawValue)), p.stance.rawValue, String(p.influence), p.isInsideCoach ? "yes" : "no",
         p.reportsTo.map(String.init) ?? "", p.cares, p.notes, p.phone, p.email, p.lastMet?.description ?? "", p.externalID ?? "",
         String(p.version), seconds(p.createdAt), seconds(p.updatedAt)]
    }

    static func person(_ r: CSVRowReader) throws -> Person {
        var roles = Set<PersonRole>()
        for text in CSVTable.list(from: r.text("roles")) {
            guard let role = PersonRole.parse(text) else {
                throw StoreError.invalid("\(r.location("roles")): '\(text)' is not one of \(PersonRole.codes)")
            }
            roles.insert(role)
        }
        return Person(id: try r.id("id"), accountID: try r.id("account_id"), name: r.text("name"), title: r.text("title"),
                      level: try r.coded("level", PersonLevel.self), function: try r.coded("function", PersonFunction.self, default: .using),
                      roles: roles, stance: try r.coded("stance", Stance.self, default: .neutral), influence: try r.int("influence", default: 10),
                      isInsideCoach: try r.bool("inside_coach"), reportsTo: try r.optionalID("reports_to"), cares: r.text("cares"),
                      notes: r.text("notes"), phone: r.text("phone"), email: r.text("email"), lastMet: try r.day("last_met"),
                      externalID: r.optional("external_id"), version: try r.int("version", default: 1),
                      createdAt: try r.time("created_at"), updatedAt: try r.time("updated_at"))
    }
}

enum DealCSV {
    static let header = ["id", "account_id", "title", "process", "stage", "milestones_done", "amount", "currency", "expected_close",
                         "next_step", "next_step_due", "budget_known", "competitors", "owner", "overrides", "outcome", "outcome_reason",
                         "forecast_category", "stage_entered_at", "closed_on", "external_id", "version", "created_at", "updated_at", "needs",
                         "loss_reason", "lost_to"]
    static let required: Set<String> = ["id", "account_id", "title", "process", "stage"]

    static func row(_ d: Deal) -> [String] {
        [String(d.id), String(d.accountID), d.title, d.processKey, d.stageKey, CSVTable.list(d.milestonesDone.sorted()),
         plainAmount(d.amount.minorUnits), d.amount.currency, d.expectedClose?.description ?? "", d.nextStep,
         d.nextStepDue?.description ?? "", d.budgetKnown ? "yes" : "no", CSVTable.list(d.competitors), d.owner,
         d.overrides.isEmpty ? "" : ColumnCoding.codable(d.overrides), d.outcome.rawValue, d.outcomeReason, d.forecastCategory.rawValue,
         seconds(d.stageEnteredAt), d.closedOn?.description ?? "", d.externalID ?? "", String(d.version), seconds(d.createdAt), seconds(d.updatedAt),
         d.needs.isEmpty ? "" : ColumnCoding.needs(d.needs),
         d.lossReason ?? "", d.lostTo ?? ""]
    }

    static func deal(_ r: CSVRowReader) throws -> Deal {
        let currency = r.optional("currency") ?? Money.defaultCurrency
        guard let amount = Money.parse(r.text("amount").isEmpty ? "0" : r.text("amount"), currency: currency) else {
            throw StoreError.invalid("\(r.location("amount")): '\(r.text("amount"))' is not an amount")
        }
        var overrides = [GateOverride]()
        if let text = r.optional("overrides") {
            guard let decoded = ColumnCoding.decode([GateOverride].self, from: text) else {
                throw StoreError.invalid("\(r.location("overrides")): not a list of overrides")
            }
            overrides = decoded
        }
        var needs = [CustomerNeed]()
        if let text = r.optional("needs") {
            guard let decoded = ColumnCoding.decode([CustomerNeed].self, from: text) else {
                throw StoreError.invalid("\(r.location("needs")): not a list of needs ([{\"text\": \"…\", \"statedBy\": 12}])")
            }
            needs = decoded
        }
        return Deal(id: try r.id("id"), accountID: try r.id("account_id"), title: r.text("title"), processKey: r.text("process"),
                    stageKey: r.text("stage"), milestonesDone: Set(CSVTable.list(from: r.text("milestones_done"))), amount: amount,
                    expectedClose: try r.day("expected_close"), nextStep: r.text("next_step"), nextStepDue: try r.day("next_step_due"),
                    budgetKnown: try r.bool("budget_known"), needs: needs, competitors: CSVTable.list(from: r.text("competitors")), owner: r.text("owner"),
                    overrides: overrides, outcome: try r.coded("outcome", Outcome.self, default: .open), outcomeReason: r.text("outcome_reason"),
                    lossReason: r.optional("loss_reason"), lostTo: r.optional("lost_to"),
                    forecastCategory: try r.coded("forecast_category", ForecastCategory.self, default: .pipeline),
                    stageEnteredAt: try r.time("stage_entered_at"), closedOn: try r.day("closed_on"), externalID: r.optional("external_id"),
                    version: try r.int("version", default: 1), createdAt: try r.time("created_at"), updatedAt: try r.time("updated_at"))
    }
}

enum ActivityCSV {
    static let header = ["id", "account_id", "deal_id", "kind", "day", "person_ids", "notes", "outcome", "by", "created_at"]
    static let required: Set<String> = ["id", "account_id", "kind", "day"]

    static func row(_ a: Activity) -> [String] {
        [String(a.id), String(a.accountID), a.dealID.map(String.init) ?? "", a.kind.rawValue, a.day.description,
         CSVTable.list(a.personIDs.map(String.init)), a.notes, a.outcome, a.by, seconds(a.createdAt)]
    }

    static func activity(_ r: CSVRowReader) throws -> Activity {
        guard let day = try r.day("day") else { throw StoreError.invalid("\(r.location("day")): a date is required") }
        var persons = [Int64]()
        for text in CSVTable.list(from: r.text("person_ids")) {
            guard let id = Int64(text) else { throw StoreError.invalid("\(r.location("person_ids")): '\(text)' is not an id") }
            persons.append(id)
        }
        return Activity(id: try r.id("id"), accountID: try r.id("account_id"), dealID: try r.optionalID("deal_id"),
                        kind: try r.coded("kind", ActivityKind.self), day: day, personIDs: persons, notes: r.text("notes"),
                        outcome: r.text("outcome"), by: r.text("by"), createdAt: try r.time("created_at"))
    }
}

enum PlanCSV {
    static let header = ["id", "deal_id", "account_id", "kind", "text", "due", "due_time", "owner", "done_on", "activity_id", "version",
                         "created_at", "updated_at"]
    static let required: Set<String> = ["id", "deal_id", "text", "done_on"]

    static func row(_ p: PlannedActivity) -> [String] {
        [String(p.id), p.dealID.map(String.init) ?? "", String(p.accountID), p.kind.rawValue, p.text, p.due?.description ?? "", p.time?.description ?? "",
         p.owner, p.doneOn?.description ?? "", p.activityID.map(String.init) ?? "", String(p.version), seconds(p.createdAt), seconds(p.updatedAt)]
    }

    static func plan(_ r: CSVRowReader) throws -> PlannedActivity {
        var time: TimeOfDay?
        if let text = r.optional("due_time") {
            guard let parsed = TimeOfDay(text) else { throw StoreError.invalid("\(r.location("due_time")): '\(text)' is not a time HH:MM") }
            time = parsed
        }
        return PlannedActivity(id: try r.id("id"), dealID: try r.optionalID("deal_id"), accountID: try r.id("account_id"),
                               kind: try r.coded("kind", ActivityKind.self, default: .other), text: r.text("text"), due: try r.day("due"),
                               time: time, owner: r.text("owner"), doneOn: try r.day("done_on"), activityID: try r.optionalID("activity_id"),
                               version: try r.int("version", default: 1), createdAt: try r.time("created_at"), updatedAt: try r.time("updated_at"))
    }
}

enum EventCSV {
    /// `account_id` came with the log's visibility, `version` with undo: files from before them place their rows on import.
    static let header = ["id", "at", "user", "entity", "entity_id", "action", "changes", "note", "account_id", "version"]
    static let required: Set<String> = ["id", "at", "entity", "entity_id", "action"]

    static func row(_ e: ChangeEvent) -> [String] {
        [String(e.id), seconds(e.at), e.user, e.entity, String(e.entityID), e.action,
         e.changes.isEmpty ? "" : ColumnCoding.codable(e.changes), e.note, e.accountID.map(String.init) ?? "", e.version.map(String.init) ?? ""]
    }

    static func event(_ r: CSVRowReader) throws -> ChangeEvent {
        let changes = r.optional("changes").flatMap { ColumnCoding.decode([String: FieldChange].self, from: $0) } ?? [:]
        return ChangeEvent(id: try r.id("id"), at: try r.time("at"), user: r.text("user"), entity: r.text("entity"),
                           entityID: Int64(r.text("entity_id")) ?? 0, action: r.text("action"), changes: changes, note: r.text("note"),
                           accountID: r.optional("account_id").flatMap { Int64($0) }, version: r.optional("version").flatMap { Int($0) })
    }
}
