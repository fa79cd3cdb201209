import Foundation

/// The filter every deal view shares: board, tables, reports.
public struct DealFilter: Sendable, Hashable {
    public var owner: String?
    public var grades: Set<Grade>
    public var processKey: String?
    public var accountID: Int64?
    /// Plain text or pinyin initials, matched against the deal title and its account name.
    public var text: String
    public var includeClosed: Bool
    public var atRiskOnly: Bool
    /// Conditions of the accounts' query language that the deal's account must meet, so a saved
    /// account filter ("hot": `grade:A pipeline>500k`) narrows the board and the deal table too.
    /// `owner:me` is the store's actor.
    public var accountConditions: [AccountCondition]
    /// The saved filter the conditions came from, for the status line; nil when typed.
    public var accountFilterName: String?

    public init(owner: String? = nil, grades: Set<Grade> = [], processKey: String? = nil, accountID: Int64? = nil,
                text: String = "", includeClosed: Bool = false, atRiskOnly: Bool = false,
                accountConditions: [AccountCondition] = [], accountFilterName: String? = nil) {
        self.owner = owner
        self.grades = grades
        self.processKey = processKey
        self.accountID = accountID
        self.text = text
        self.includeClosed = includeClosed
        self.atRiskOnly = atRiskOnly
        self.accountConditions = accountConditions
        self.accountFilterName = accountFilterName
    }

    public var isDefault: Bool { self == DealFilter(processKey: processKey) }
}

public struct Page<Row: Sendable>: Sendable {
    public var rows: [Row]
    public var total: Int
    public var offset: Int

    public init(rows: [Row], total: Int, offset: Int) {
        self.rows = rows
        self.total = total
        self.offset = offset
    }
}

/// What a board card or a table row shows of a deal, without loading its whole graph.
public struct DealSummary: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var title: String
    public var accountID: Int64
    public var accountName: String
    public var accountGrade: Grade
    public var processKey: String
    public var stageKey: String
    public var amount: Money
    public var probability: Int
    public var weighted: Int64
    public var atRisk: Bool
    public var milestonesMet: Int
    public var milestonesTotal: Int
    public var stageEnteredAt: Date
    public var expectedClose: Day?
    public var nextStep: String
    public var nextStepDue: Day?
    public var lastActivity: Day?
    public var owner: String
    public var outcome: Outcome
    public var version: Int
    /// Who else is bidding (exports carry it; cards do not show it).
    public var competitors: [String]
    /// Why it was won, lost or withdrawn (exports carry it).
    public var outcomeReason: String

    public init(id: Int64, title: String, accountID: Int64, accountName: String, accountGrade: Grade, processKey: String,
                stageKey: String, amount: Money, probability: Int, weighted: Int64, atRisk: Bool, milestonesMet: Int,
                milestonesTotal: Int, stageEnteredAt: Date, expectedClose: Day?, nextStep: String, nextStepDue: Day?,
                lastActivity: Day?, owner: String, outcome: Outcome, version: Int, competitors: [String] = [], outcomeReason: String = "") {
        self.id = id
        self.title = title
        self.accountID = accountID
        self.accountName = accountName
        self.accountGrade = accountGrade
        self.processKey = processKey
        self.stageKey = stageKey
        self.amount = amount
        self.probability = probability
        self.weighted = weighted
        self.atRisk = atRisk
        self.milestonesMet = milestonesMet
        self.milestonesTotal = milestonesTotal
        self.stageEnteredAt = stageEnteredAt
        self.expectedClose = expectedClose
        self.nextStep = nextStep
        self.nextStepDue = nextStepDue
        self.lastActivity = lastActivity
        self.owner = owner
        self.outcome = outcome
        self.outcomeReason = outcomeReason
        self.version = version
        self.competitors = competitors
    }

    public func daysInStage(today: Day) -> Int { max(0, Day(stageEnteredAt).days(until: today)) }

    public func nextStepState(today: Day) -> NextStepState { NextStepState(nextStep: nextStep, due: nextStepDue, today: today) }
}

/// Totals of one currency in a column or a report.
public struct CurrencyTotal: Sendable, Hashable {
    public var currency: String
    public var amount: Int64
    public var weighted: Int64

    public init(currency: String, amount: Int64, weighted: Int64) {
        self.currency = currency
        self.amount = amount
        self.weighted = weighted
    }
}

public struct BoardQuery: Sendable, Hashable {
    public var processKey: String
    public var filter: DealFilter
    /// How many cards each column needs to fill the screen.
    public var cardsPerStage: Int
    /// First card shown per stage, for columns scrolled down.
    public var offsets: [String: Int]

    public init(processKey: String, filter: DealFilter = DealFilter(), cardsPerStage: Int = 20, offsets: [String: Int] = [:]) {
        self.processKey = processKey
        self.filter = filter
        self.cardsPerStage = cardsPerStage
        self.offsets = offsets
    }
}

public struct BoardColumn: Sendable, Hashable {
    public var stage: StageTemplate
    public var count: Int
    /// Sums per currency, largest first.
    public var totals: [CurrencyTotal]
    public var cards: [DealSummary]
    public var offset: Int

    public init(stage: StageTemplate, count: Int, totals: [CurrencyTotal], cards: [DealSummary], offset: Int) {
        self.stage = stage
        self.count = count
        self.totals = totals
        self.cards = cards
        self.offset = offset
    }
}

public struct Board: Sendable, Hashable {
    public var process: ProcessTemplate
    public var columns: [BoardColumn]

    public init(process: ProcessTemplate, columns: [BoardColumn]) {
        self.process = process
        self.columns = columns
    }
}

public enum DealSortKey: String, Sendable, CaseIterable {
    case amount, weighted, title, account, stage, expectedClose = "close", nextStepDue = "due", updated, probability, owner, id
}

public struct DealQuery: Sendable, Hashable {
    public var filter: DealFilter
    public var sort: DealSortKey
    public var ascending: Bool
    public var offset: Int
    public var limit: Int
    /// How the account column sorts.
    public var nameOrder: NameOrder

    public init(filter: DealFilter = DealFilter(), sort: DealSortKey = .amount, ascending: Bool = false, offset: Int = 0, limit: Int = 50,
                nameOrder: NameOrder = .codePoint) {
        self.filter = filter
        self.sort = sort
        self.ascending = ascending
        self.offset = offset
        self.limit = limit
        self.nameOrder = nameOrder
    }
}

/// How names sort in a table: by pinyin, as Chinese readers expect (陈, 李, 王, 张; NameCollation),
/// or by code point (张, 李, 王, 陈). The screens ask for code point until they are moved to pinyin.
public enum NameOrder: String, Sendable, Hashable, CaseIterable {
    case pinyin, codePoint = "code-point"

    /// The column a store orders names by: the stored pinyin key, or the name itself.
    public var column: String { self == .pinyin ? "name_key" : "name" }
}

public enum AccountSortKey: String, Sendable, CaseIterable {
    case name, grade, quadrant, industry, region, owner, pipeline, weighted, won, lastActivity = "last", nextStepDue = "due", updated, id
}

public struct AccountQuery: Sendable, Hashable {
    public var text: String
    public var grades: Set<Grade>
    public var owner: String?
    /// Parsed query-language conditions, all of which must hold.
    public var conditions: [AccountCondition]
    public var sort: AccountSortKey
    public var ascending: Bool
    public var offset: Int
    public var limit: Int
    public var nameOrder: NameOrder

    public init(text: String = "", grades: Set<Grade> = [], owner: String? = nil, conditions: [AccountCondition] = [],
                sort: AccountSortKey = .name, ascending: Bool = true, offset: Int = 0, limit: Int = 50,
                nameOrder: NameOrder = .codePoint) {
        self.text = text
        self.grades = grades
        self.owner = owner
        self.conditions = conditions
        self.sort = sort
        self.ascending = ascending
        self.offset = offset
        self.limit = limit
        self.nameOrder = nameOrder
    }
}

/// One row of the account table: the account with its pipeline and follow-up figures, kept
/// up to date in the account row by every deal and activity write.
public struct AccountSummary: Sendable, Hashable, Identifiable {
    public var account: Account
    public var openDeals: Int
    /// Open pipeline in the default currency (other currencies are not added in).
    public var pipeline: Int64
    public var weighted: Int64
    /// Won to date, in the default currency.
    public var won: Int64
    public var lastActivity: Day?
    /// The earliest next-step due date among the open deals.
    public var nextStepDue: Day?
    public var id: Int64 { account.id }

    public init(account: Account, openDeals: Int, pipeline: Int64, weighted: Int64, won: Int64 = 0,
                lastActivity: Day? = nil, nextStepDue: Day? = nil) {
        self.account = account
        self.openDeals = openDeals
        self.pipeline = pipeline
        self.weighted = weighted
        self.won = won
        self.lastActivity = lastActivity
        self.nextStepDue = nextStepDue
    }

    /// Won to date plus the weighted open pipeline: what the account is worth to us (004).
    public var lifetimeValue: Int64 { won + weighted }
}

public struct PersonQuery: Sendable, Hashable {
    public var accountID: Int64?
    public var text: String
    public var offset: Int
    public var limit: Int

    public init(accountID: Int64? = nil, text: String = "", offset: Int = 0, limit: Int = 50) {
        self.accountID = accountID
        self.text = text
        self.offset = offset
        self.limit = limit
    }
}

/// How the key-person table sorts.
public enum PersonSortKey: String, Sendable, Hashable, CaseIterable {
    case name, account, title, level, influence, lastMet = "last-met", stance
}

/// A page of key persons across accounts, for the person table: a text or pinyin search, one
/// account or all, sorted by any column.
public struct PersonTableQuery: Sendable, Hashable {
    public var text: String
    public var accountID: Int64?
    public var sort: PersonSortKey
    public var ascending: Bool
    public var offset: Int
    public var limit: Int
    public var nameOrder: NameOrder

    public init(text: String = "", accountID: Int64? = nil, sort: PersonSortKey = .name, ascending: Bool = true, offset: Int = 0, limit: Int = 50,
                nameOrder: NameOrder = .codePoint) {
        self.nameOrder = nameOrder
        self.text = text
        self.accountID = accountID
        self.sort = sort
        self.ascending = ascending
        self.offset = offset
        self.limit = limit
    }
}

/// One row of the person table: the person and the account they work for.
public struct PersonRow: Sendable, Hashable {
    public var person: Person
    public var accountName: String
    /// The name of the person this one reports to, when there is one.
    public var managerName: String?

    public init(person: Person, accountName: String, managerName: String? = nil) {
        self.person = person
        self.accountName = accountName
        self.managerName = managerName
    }
}
