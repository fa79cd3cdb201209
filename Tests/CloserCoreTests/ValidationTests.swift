import Testing
@testable import CloserCore

@Suite("Validation")
struct ValidationTests {
    private func fields(_ issues: [ValidationIssue]) -> [String] { issues.map(\.field) }

    static func changedAccount(_ change: (inout Account) -> Void) -> Account { var a = goodAccount; change(&a); return a }
    static func changedPerson(_ change: (inout Person) -> Void) -> Person { var p = goodPerson; change(&p); return p }
    static func changedDeal(_ change: (inout Deal) -> Void) -> Deal { var d = goodDeal; change(&d); return d }

    // MARK: Accounts

    static let goodAccount = Account(name: "中国石化", grade: .a, assistance: 5, loyalty: 6, owner: "alice")

    @Test func validAccountHasNoIssues() {
        #expect(Validation.issues(Self.goodAccount).isEmpty)
        var pooled = Self.goodAccount
        pooled.owner = nil
        pooled.visibility = .pool
        #expect(Validation.issues(pooled).isEmpty)
        var edges = Self.goodAccount
        edges.assistance = 1
        edges.loyalty = 10
        #expect(Validation.issues(edges).isEmpty)
    }

    @Test(arguments: [
        (ValidationTests.changedAccount { a in a.name = "" }, ["name"]),
        (ValidationTests.changedAccount { a in a.name = "   " }, ["name"]),
        (ValidationTests.changedAccount { a in a.assistance = 0 }, ["assistance"]),
        (ValidationTests.changedAccount { a in a.assistance = 11 }, ["assistance"]),
        (ValidationTests.changedAccount { a in a.loyalty = 11 }, ["loyalty"]),
        (ValidationTests.changedAccount { a in a.loyalty = -3 }, ["loyalty"]),
        (ValidationTests.changedAccount { a in a.owner = nil }, ["owner"]),
        (ValidationTests.changedAccount { a in a.owner = "" }, ["owner"]),
        (ValidationTests.changedAccount { a in a.visibility = .shared; a.owner = nil }, ["owner"]),
        (ValidationTests.changedAccount { a in a.notes = String(repeating: "x", count: 2_001) }, ["notes"]),
        (ValidationTests.changedAccount { a in a.name = ""; a.loyalty = 0 }, ["name", "loyalty"]),
    ])
    func accountIssues(account: Account, expected: [String]) {
        #expect(fields(Validation.issues(account)) == expected)
    }

    @Test func accountMessagesNameTheValue() {
        var account = Self.goodAccount
        account.assistance = 11
        #expect(Validation.issues(account).map(\.description) == ["assistance: must be 1…10, got 11"])
        #expect(Validation.issues(Account(name: "X", owner: nil)).map(\.description) == ["owner: an account outside the pool needs an owner"])
    }

    // MARK: Persons

    static let goodPerson = Person(id: 5, accountID: 1, name: "王总", influence: 40, email: "wang@example.cn")

    @Test func validPersonHasNoIssues() {
        #expect(Validation.issues(Self.goodPerson).isEmpty)
        for influence in [0, 100] {
            var person = Self.goodPerson
            person.influence = influence
            #expect(Validation.issues(person).isEmpty)
        }
    }

    @Test(arguments: [
        (ValidationTests.changedPerson { p in p.name = " " }, ["name"]),
        (ValidationTests.changedPerson { p in p.influence = -1 }, ["influence"]),
        (ValidationTests.changedPerson { p in p.influence = 101 }, ["influence"]),
        (ValidationTests.changedPerson { p in p.reportsTo = 5 }, ["reports-to"]),
        (ValidationTests.changedPerson { p in p.email = "wang.example.cn" }, ["email"]),
        (ValidationTests.changedPerson { p in p.cares = String(repeating: "价", count: 2_001) }, ["cares"]),
    ])
    func personIssues(person: Person, expected: [String]) {
        #expect(fields(Validation.issues(person)) == expected)
    }

    // MARK: Deals

    static let goodDeal = Deal(accountID: 1, title: "Boiler retrofit", processKey: "project", stageKey: "bid",
                               amount: Money(minorUnits: 1_000_00), owner: "alice")

    @Test func validDealHasNoIssues() {
        #expect(Validation.issues(Self.goodDeal, catalog: ProcessCatalog()).isEmpty)
        var lost = Self.goodDeal
        lost.outcome = .lost
        lost.outcomeReason = "price"
        #expect(Validation.issues(lost, catalog: ProcessCatalog()).isEmpty)
    }

    @Test(arguments: [
        (ValidationTests.changedDeal { d in d.title = "" }, ["title"]),
        (ValidationTests.changedDeal { d in d.processKey = "barter" }, ["process"]),
        (ValidationTests.changedDeal { d in d.stageKey = "limbo" }, ["stage"]),
        (ValidationTests.changedDeal { d in d.stageKey = "prospect" }, ["stage"]),   // a stage of another process
        (ValidationTests.changedDeal { d in d.amount = Money(minorUnits: -1) }, ["amount"]),
        (ValidationTests.changedDeal { d in d.amount = Money(minorUnits: 1, currency: "cny") }, ["currency"]),
        (ValidationTests.changedDeal { d in d.amount = Money(minorUnits: 1, currency: "CNYX") }, ["currency"]),
        (ValidationTests.changedDeal { d in d.owner = " " }, ["owner"]),
        (ValidationTests.changedDeal { d in d.outcome = .lost }, ["reason"]),
        (ValidationTests.changedDeal { d in d.outcome = .withdrawn }, ["reason"]),
        (ValidationTests.changedDeal { d in d.nextStep = String(repeating: "n", count: 2_001) }, ["next-step"]),
    ])
    func dealIssues(deal: Deal, expected: [String]) {
        #expect(fields(Validation.issues(deal, catalog: ProcessCatalog())) == expected)
    }

    @Test func dealMessagesListTheChoices() {
        var deal = Self.goodDeal
        deal.stageKey = "limbo"
        #expect(Validation.issues(deal, catalog: ProcessCatalog()).map(\.message)
            == ["unknown stage 'limbo'; project has develop, entry, proposal, bid, negotiation, implementation"])
        deal.processKey = "barter"
        #expect(Validation.issues(deal, catalog: ProcessCatalog()).map(\.message)
            == ["unknown process 'barter'; known: project, technical, transactional"])
    }

    @Test func customProcessIsKnownToValidation() {
        let service = ProcessTemplate(key: "service", name: LocalizedText(en: "S", zh: "S"), stages: [
            StageTemplate(key: "triage", name: LocalizedText(en: "T", zh: "T"), probability: 30, milestones: []),
        ])
        var deal = Self.goodDeal
        deal.processKey = "service"
        deal.stageKey = "triage"
        #expect(fields(Validation.issues(deal, catalog: ProcessCatalog())) == ["process"])
        #expect(Validation.issues(deal, catalog: ProcessCatalog(custom: [service])).isEmpty)
    }

    @Test func activityTextLength() {
        let fine = Activity(accountID: 1, kind: .visit, day: Fixture.today, notes: "met")
        #expect(Validation.issues(fine).isEmpty)
        var long = fine
        long.notes = String(repeating: "x", count: 2_001)
        long.outcome = String(repeating: "y", count: 2_000)
        #expect(fields(Validation.issues(long)) == ["notes"])
    }
}
