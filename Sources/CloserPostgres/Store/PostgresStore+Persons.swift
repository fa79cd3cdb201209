import CloserCore
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
            try refreshDerived(connection, accountID: person.accountID)
            return person
        }
    }

    /// `addPerson` inside an open transaction, without re-deriving the account's deals (a bulk
    /// write does that once per account).
    func insertPerson(_ connection: Connection, _ person: inout Person) throws {
        try checkPersonReferences(connection, person)
        try requireAccess(connection, account: person.accountID, .write)
        try Self.lockAccount(connection, person.accountID)
        person.id = try Self.insert(connection, into: "person", columns: Person.pgColumns, values: person.pgValues(updatedBy: actor))
        try log(connection, event("person", person.id, "created", note: person.name, account: person.accountID))
    }

    public func person(_ id: Int64) throws -> Person {
        try read { connection in
            let person = try Person(pg: try Self.fetchRow(connection, "person", id: id))
            try requireAccess(connection, account: person.accountID, .read, subject: "person \(id)")
            return person
        }
    }

    public func updatePerson(_ person: Person) throws -> Person {
        try editPerson(person.id, expectedVersion: person.version) { $0 = person }
    }

    public func editPerson(_ id: Int64, expectedVersion: Int?, _ change: (inout Person) throws -> Void) throws -> Person {
        try write { connection in try editPerson(connection, id, expectedVersion: expectedVersion, note: "", change) }
    }

    /// `editPerson` inside an open transaction, its log row noted (an undo says which change it takes back).
    func editPerson(_ connection: Connection, _ id: Int64, expectedVersion: Int?, note: String, _ change: (inout Person) throws -> Void) throws -> Person {
        do {
            let (old, updated) = try saveEdited(connection, Person.self, id: id, expectedVersion: expectedVersion, change: change) { old, new in
                let issues = Validation.issues(new)
                guard issues.isEmpty else { throw Self.invalid(issues) }
                try requireAccess(connection, account: old.accountID, .write, subject: "person \(id)")
                if new.accountID != old.accountID { try requireAccess(connection, account: new.accountID, .write) }
                try checkPersonReferences(connection, new)
            }
            try log(connection, event("person", id, "updated", FieldDiff.between(old, updated), note: note, account: updated.accountID,
                                      version: updated.version))
            try refreshDerived(connection, accountID: updated.accountID)
            if old.accountID != updated.accountID { try refreshDerived(connection, accountID: old.accountID) }
            return updated
        }
    }

    public func deletePerson(_ id: Int64) throws {
        try write { connection in
            guard let row = try connection.queryOne("SELECT account_id, name FROM person WHERE id = ? FOR UPDATE", [.int(id)]) else {
                throw StoreError.notFound(entity: "person", id: id)
            }
            let accountID = try row.int64("account_id")
            try requireAccess(connection, account: accountID, .write, subject: "person \(id)")
            try connection.execute("DELETE FROM person WHERE id = ?", [.int(id)])
            try log(connection, event("person", id, "deleted", note: try row.string("name"), account: accountID))
            try refreshDerived(connection, accountID: accountID)
        }
    }

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

    /// The account must exist, the manager must be in the same account, and reports-to must
    /// not loop back: an org chart is a tree.
    func checkPersonReferences(_ connection: Connection, _ person: Person) throws {
        guard try connection.queryOne("SELECT 1 AS x FROM account WHERE id = ?", [.int(person.accountID)]) != nil else {
            throw StoreError.notFound(entity: "account", id: person.accountID)
        }
        guard let manager = person.reportsTo else { return }
        var seen: Set<Int64> = [person.id]
        var current: Int64? = manager
        while let id = current {
            guard seen.insert(id).inserted else {
                throw StoreError.invalid("reports-to: person \(manager) already reports (directly or not) to \(person.name); that would make a loop")
            }
            guard let row = try connection.queryOne("SELECT account_id, reports_to FROM person WHERE id = ?", [.int(id)]) else {
                throw StoreError.notFound(entity: "person", id: id)
            }
            if id == manager, try row.int64("account_id") != person.accountID {
                throw StoreError.invalid("reports-to: person \(manager) works for another account")
            }
            current = try row.optionalInt64("reports_to")
        }
    }

    public func evidence(accountID: Int64) throws -> DealEvidence {
        try read { connection in
            try requireAccess(connection, account: accountID, .read)
            return try Self.evidence(connection, accountID: accountID)
        }
    }

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

    /// Persons prove milestones, so a change to them re-derives the account's deals.
    func refreshDerived(_ connection: Connection, accountID: Int64) throws {
        let catalog = try StagePositions.catalog(connection)
        let evidence = try Self.evidence(connection, accountID: accountID)
        let deals = try connection.query("SELECT * FROM deal WHERE account_id = ?", [.int(accountID)]).map(Deal.init(pg:))
        for deal in deals {
            let derived = DealDerived(deal: deal, process: catalog.process(deal.processKey), evidence: evidence)
            try connection.execute("""
                UPDATE deal SET probability = ?, weighted = ?, at_risk = ?, milestones_met = ?, milestones_total = ? WHERE id = ?
                """, [.int(derived.probability), .int(derived.weighted), .bool(derived.atRisk), .int(derived.milestonesMet),
                      .int(derived.milestonesTotal), .int(deal.id)])
        }
        if !deals.isEmpty { try Self.refreshAccountRollup(connection, accountID: accountID) }
    }
}
