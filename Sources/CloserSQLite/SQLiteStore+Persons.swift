import CloserCore
import CloserStoreKit
import Foundation
import GRDB

extension SQLiteStore {
    public func addPerson(_ person: Person) throws -> Person {
        var person = person
        let now = clock()
        person.version = 1
        person.createdAt = now
        person.updatedAt = now
        let issues = Validation.issues(person)
        guard issues.isEmpty else { throw Self.invalid(issues) }
        return try write { db in
            try backend.checkPersonReferences(db, person)
            try requireAccess(db, account: person.accountID, .write)
            var values = person.columnValues(searchKey: person.searchKey, updatedBy: actor)
            if person.id == 0 { values[0] = nil }
            try db.execute(sql: SQLText.insert(into: "person", columns: Person.columns), arguments: StatementArguments(values))
            person.id = db.lastInsertedRowID
            try log(db, event("person", person.id, "created", note: person.name, account: person.accountID))
            try backend.refreshDerived(db, accountID: person.accountID)
            return person
        }
    }

    public func person(_ id: Int64) throws -> Person { try backend.readPerson(id) }

    public func updatePerson(_ person: Person) throws -> Person {
        try editPerson(person.id, expectedVersion: person.version) { $0 = person }
    }

    public func editPerson(_ id: Int64, expectedVersion: Int?, _ change: (inout Person) throws -> Void) throws -> Person {
        try backend.editPerson(id, expectedVersion: expectedVersion, change)
    }

    public func deletePerson(_ id: Int64) throws { try backend.deletePerson(id) }

    public func persons(_ query: PersonQuery) throws -> Page<Person> {
        try readAsActor { db, who in
            var filter = SQLFilter()
            if let accountID = query.accountID { filter.add("account_id = ?", [accountID]) }
            if !query.text.isEmpty { filter.add("search_key LIKE ? ESCAPE '\\'", ["%" + SearchText.pattern(for: query.text) + "%"]) }
            filter.restrict(accountColumn: "person.account_id", to: who, checking: query.accountID == nil ? .asSet : .perRow)
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person \(filter.whereClause)", arguments: filter.arguments) ?? 0
            let rows = try Row.fetchAll(db, sql: "SELECT * FROM person \(filter.whereClause) ORDER BY account_id, id LIMIT ? OFFSET ?",
                                        arguments: filter.arguments(appending: [query.limit, query.offset])).map(Person.init(row:))
            return Page(rows: rows, total: total, offset: query.offset)
        }
    }

    public func personRows(_ query: PersonTableQuery) throws -> Page<PersonRow> {
        try readAsActor { db, who in
            let filter = Self.personTableFilter(query, as: who), order = Self.personTableOrder(query)
            // The count joins the account only when a rep's visibility needs it.
            let countFrom = who.isRestricted ? "person p JOIN account a ON a.id = p.account_id" : "person p"
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(countFrom) \(filter.whereClause)", arguments: filter.arguments) ?? 0
            let rows = try Row.mapAll(db, sql: "\(Self.personTableSelect) \(filter.whereClause) ORDER BY \(order) LIMIT ? OFFSET ?",
                                      arguments: filter.arguments(appending: [query.limit, query.offset]), Self.personRow)
            return Page(rows: rows, total: total, offset: query.offset)
        }
    }

    public func eachPersonRow(_ query: PersonTableQuery, batchSize: Int, _ body: ([PersonRow]) throws -> Void) throws {
        try eachRow(batchSize: batchSize, { who in
            let filter = Self.personTableFilter(query, as: who)
            return ("\(Self.personTableSelect) \(filter.whereClause) ORDER BY \(Self.personTableOrder(query))", filter.arguments)
        }, Self.personRow, body)
    }

    private static let personTableSelect = """
        SELECT p.*, a.name AS account_name, m.name AS manager_name
        FROM person p JOIN account a ON a.id = p.account_id LEFT JOIN person m ON m.id = p.reports_to
        """

    private static func personRow(_ row: Row) -> PersonRow {
        PersonRow(person: Person(row: row), accountName: row["account_name"], managerName: row["manager_name"])
    }

    private static func personTableFilter(_ query: PersonTableQuery, as who: Actor) -> SQLFilter {
        var filter = SQLFilter()
        if let accountID = query.accountID { filter.add("p.account_id = ?", [accountID]) }
        if !query.text.isEmpty { filter.add("p.search_key LIKE ? ESCAPE '\\'", ["%" + SearchText.pattern(for: query.text) + "%"]) }
        filter.restrict(to: who)
        return filter
    }

    private static func personTableOrder(_ query: PersonTableQuery) -> String {
        let direction = query.ascending ? "ASC" : "DESC"
        let name = query.nameOrder.column
        return switch query.sort {
        case .name: "p.\(name) \(direction), p.id \(direction)"
        case .account: "a.\(name) \(direction), p.\(name), p.id"
        case .title: "p.title \(direction), p.\(name), p.id"
        // Decision layer first when ascending, as the org chart reads.
        case .level: "CASE p.level WHEN 'decision' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END \(direction), p.influence DESC, p.id"
        // One direction throughout, so the page walks person_influence / person_last_met (never met: last when newest first).
        case .influence: "p.influence \(direction), p.name \(direction), p.id \(direction)"
        case .lastMet: "p.last_met \(direction), p.id \(direction)"
        case .stance: "CASE p.stance WHEN 'supporter' THEN 0 WHEN 'neutral' THEN 1 ELSE 2 END \(direction), p.influence DESC, p.id"
        }
    }

    public func evidence(accountID: Int64) throws -> DealEvidence { try backend.readEvidence(accountID: accountID) }

    static func evidence(_ db: Database, accountID: Int64) throws -> DealEvidence {
        let row = try Row.fetchOne(db, sql: """
            SELECT MAX(inside_coach) AS coach,
                   MAX(level = 'decision' OR (',' || roles || ',') LIKE '%,decision-maker,%') AS decider
            FROM person WHERE account_id = ?
            """, arguments: [accountID])
        return DealEvidence(hasInsideCoach: (row?["coach"] as Int?) == 1, hasDecisionMaker: (row?["decider"] as Int?) == 1)
    }

    /// Every account's evidence in one query (accounts without persons are absent): for bulk writes.
    static func allEvidence(_ db: Database) throws -> [Int64: DealEvidence] {
        var evidence = [Int64: DealEvidence]()
        for row in try Row.fetchAll(db, sql: """
            SELECT account_id, MAX(inside_coach) AS coach,
                   MAX(level = 'decision' OR (',' || roles || ',') LIKE '%,decision-maker,%') AS decider
            FROM person GROUP BY account_id
            """) {
            evidence[row["account_id"]] = DealEvidence(hasInsideCoach: (row["coach"] as Int?) == 1, hasDecisionMaker: (row["decider"] as Int?) == 1)
        }
        return evidence
    }
}
