import CloserCore
import CloserStoreKit
import Foundation

extension PostgresStore {
    public func addPerson(_ person: Person) throws -> Person {
        var person = person
        let now = clock()
        person.version = 1
        person.createdAt = now
        person.updatedAt = now
        let issues = Validation.issues(person)
        guard issues.isEmpty else { throw Self.invalid(issues) }
        return try write { connection in
            try insertPerson(connection, &person)
            try backend.refreshDerived(connection, accountID: person.accountID)
            return person
        }
    }

    /// `addPerson` inside an open transaction, without re-deriving the account's deals (a bulk
    /// write does that once per account).
    func insertPerson(_ connection: Connection, _ person: inout Person) throws {
        try backend.checkPersonReferences(connection, person)
        try requireAccess(connection, account: person.accountID, .write)
        try Self.lockAccount(connection, person.accountID)
        person.id = try Self.insert(connection, into: "person", columns: Person.pgColumns, values: person.pgValues(updatedBy: actor))
        try log(connection, event("person", person.id, "created", note: person.name, account: person.accountID))
    }

    public func person(_ id: Int64) throws -> Person { try backend.readPerson(id) }

    public func updatePerson(_ person: Person) throws -> Person {
        try editPerson(person.id, expectedVersion: person.version) { $0 = person }
    }

    public func editPerson(_ id: Int64, expectedVersion: Int?, _ change: (inout Person) throws -> Void) throws -> Person {
        try backend.editPerson(id, expectedVersion: expectedVersion, change)
    }

    /// `editPerson` inside an open transaction (see `RecordBackend.editPerson`), for an import's update of a person.
    func editPerson(_ connection: Connection, _ id: Int64, expectedVersion: Int?, note: String,
                    _ change: (inout Person) throws -> Void) throws -> Person {
        try backend.editPerson(connection, id, expectedVersion: expectedVersion, note: note, change)
    }

    public func deletePerson(_ id: Int64) throws { try backend.deletePerson(id) }

    public func persons(_ query: PersonQuery) throws -> Page<Person> {
        try readAsActor { connection, who in
            var filter = SQLConditions()
            if let accountID = query.accountID { filter.add("account_id = ?", [.int(accountID)]) }
            if !query.text.isEmpty { filter.add("search_key LIKE ? ESCAPE '\\'", [.text("%" + SearchText.pattern(for: query.text) + "%")]) }
            filter.restrict(accountColumn: "account_id", to: who)
            let total = try connection.queryOne("SELECT count(*) AS n FROM person \(filter.whereClause)", filter.values)?.int("n") ?? 0
            let rows = try connection.query("SELECT * FROM person \(filter.whereClause) ORDER BY account_id, id LIMIT ? OFFSET ?",
                                            filter.values(appending: [.int(query.limit), .int(query.offset)])).map(Person.init(pg:))
            return Page(rows: rows, total: total, offset: query.offset)
        }
    }

    public func personRows(_ query: PersonTableQuery) throws -> Page<PersonRow> {
        try readAsActor { connection, who in
            let filter = Self.personTableFilter(query, as: who), order = Self.personTableOrder(query)
            let countFrom = who.isRestricted ? "person p JOIN account a ON a.id = p.account_id" : "person p"
            let total = try connection.queryOne("SELECT count(*) AS n FROM \(countFrom) \(filter.whereClause)", filter.values)?.int("n") ?? 0
            let rows = try connection.query("\(Self.personTableSelect) \(filter.whereClause) ORDER BY \(order) LIMIT ? OFFSET ?",
                                            filter.values(appending: [.int(query.limit), .int(query.offset)])).map(Self.personRow)
            return Page(rows: rows, total: total, offset: query.offset)
        }
    }

    public func eachPersonRow(_ query: PersonTableQuery, batchSize: Int, _ body: ([PersonRow]) throws -> Void) throws {
        try eachRow(batchSize: batchSize, { who in
            let filter = Self.personTableFilter(query, as: who)
            return ("\(Self.personTableSelect) \(filter.whereClause) ORDER BY \(Self.personTableOrder(query))", filter.values)
        }, Self.personRow, body)
    }

    private static let personTableSelect = """
        SELECT p.*, a.name AS account_name, m.name AS manager_name
        FROM person p JOIN account a ON a.id = p.account_id LEFT JOIN person m ON m.id = p.reports_to
        """

    private static func personRow(_ row: SQLRow) throws -> PersonRow {
        PersonRow(person: try Person(pg: row), accountName: try row.string("account_name"), managerName: try row.optionalText("manager_name"))
    }

    private static func personTableFilter(_ query: PersonTableQuery, as who: Actor) -> SQLConditions {
        var filter = SQLConditions()
        if let accountID = query.accountID { filter.add("p.account_id = ?", [.int(accountID)]) }
        if !query.text.isEmpty { filter.add("p.search_key LIKE ? ESCAPE '\\'", [.text("%" + SearchText.pattern(for: query.text) + "%")]) }
        filter.restrict(to: who)
        return filter
    }

    /// The file store's orders; never-met persons sort as SQLite sorts NULL (first when ascending).
    private static func personTableOrder(_ query: PersonTableQuery) -> String {
        let direction = query.ascending ? "ASC" : "DESC"
        let nulls = query.ascending ? "NULLS FIRST" : "NULLS LAST"
        let name = query.nameOrder.column
        return switch query.sort {
        case .name: "p.\(name) \(direction), p.id \(direction)"
        case .account: "a.\(name) \(direction), p.\(name), p.id"
        case .title: "p.title \(direction), p.\(name), p.id"
        case .level: "CASE p.level WHEN 'decision' THEN 0 WHEN 'manager' THEN 1 ELSE 2 END \(direction), p.influence DESC, p.id"
        case .influence: "p.influence \(direction), p.name \(direction), p.id \(direction)"
        case .lastMet: "p.last_met \(direction) \(nulls), p.id \(direction)"
        case .stance: "CASE p.stance WHEN 'supporter' THEN 0 WHEN 'neutral' THEN 1 ELSE 2 END \(direction), p.influence DESC, p.id"
        }
    }

    public func evidence(accountID: Int64) throws -> DealEvidence { try backend.readEvidence(accountID: accountID) }

    static let evidenceColumns = """
        coalesce(bool_or(inside_coach), false) AS coach,
        coalesce(bool_or(level = 'decision' OR (',' || roles || ',') LIKE '%,decision-maker,%'), false) AS decider
        """

    static func evidence(_ connection: Connection, accountID: Int64) throws -> DealEvidence {
        let row = try connection.queryOne("SELECT \(evidenceColumns) FROM person WHERE account_id = ?", [.int(accountID)])
        return DealEvidence(hasInsideCoach: try row?.bool("coach") ?? false, hasDecisionMaker: try row?.bool("decider") ?? false)
    }

    /// Every account's evidence in one query (accounts without persons are absent): for bulk writes.
    static func allEvidence(_ connection: Connection) throws -> [Int64: DealEvidence] {
        var evidence = [Int64: DealEvidence]()
        for row in try connection.query("SELECT account_id, \(evidenceColumns) FROM person GROUP BY account_id") {
            evidence[try row.int64("account_id")] = DealEvidence(hasInsideCoach: try row.bool("coach"), hasDecisionMaker: try row.bool("decider"))
        }
        return evidence
    }

    /// Persons prove milestones (see `RecordBackend.refreshDerived`), for an import's persons.
    func refreshDerived(_ connection: Connection, accountID: Int64) throws {
        try backend.refreshDerived(connection, accountID: accountID)
    }
}
