import CloserCore
import Foundation

/// What the import planner asks of the store it plans against, inside the import's own
/// transaction: the keys rows are matched by, whole rows for the ones a file changes, and the
/// store's rules. Each store answers in its own SQL; the matching and its refusals are decided
/// once, in `ForeignPlan`.
public protocol ForeignPlanSource {
    /// Who is importing: what they may change, and whose new accounts are theirs.
    var importer: Actor { get }
    func processCatalog() throws -> ProcessCatalog
    func poolRules() throws -> PoolRules
    func heldCount(_ rep: String) throws -> Int
    /// Every account the store holds, with who holds it: a rep's file is matched against all of
    /// them, so a second copy of a customer is not made behind another rep's back.
    func eachAccountKey(_ body: (ImportAccountKey) throws -> Void) throws
    func eachPersonKey(_ body: (ImportRowKey) throws -> Void) throws
    func eachDealKey(_ body: (ImportRowKey) throws -> Void) throws
    func eachActivityKey(_ body: (_ accountID: Int64, _ kind: String, _ day: String, _ notes: String) throws -> Void) throws
    func storedAccount(_ id: Int64) throws -> Account
    func storedPerson(_ id: Int64) throws -> Person
    func storedDeal(_ id: Int64) throws -> Deal
    /// A deal with only the columns an import can change read; a re-import's unchanged rows are
    /// told from these without decoding whole deals. Defaults to the whole deal.
    func importableDeal(_ id: Int64) throws -> Deal
    /// Refuses an edit the importer may not make (the same rule as `editAccount`).
    func checkAccountEdit(old: Account, new: Account) throws
    /// Why a new account of this name would duplicate one the importer cannot see, naming only
    /// its holder; nil when the store's keys already hold every account (`eachAccountKey`).
    func hiddenAccountRefusal(named name: String) throws -> LocalizedText?
}

extension ForeignPlanSource {
    public func importableDeal(_ id: Int64) throws -> Deal { try storedDeal(id) }
    public func hiddenAccountRefusal(named name: String) throws -> LocalizedText? { nil }
}

/// A stored account as an import matches it: by external id or name, and whether the
/// importer may change it.
public struct ImportAccountKey: Sendable {
    public var id: Int64
    public var name: String
    public var externalID: String?
    public var ownership: AccountOwnership

    public init(id: Int64, name: String, externalID: String?, ownership: AccountOwnership) {
        self.id = id
        self.name = name
        self.externalID = externalID
        self.ownership = ownership
    }
}

/// A stored person (by name) or deal (by title) within its account, as an import matches it.
public struct ImportRowKey: Sendable {
    public var id: Int64
    public var accountID: Int64
    public var name: String
    public var externalID: String?
    /// A deal still open (persons: always): a title shared with closed deals names the open one.
    public var isOpen: Bool

    public init(id: Int64, accountID: Int64, name: String, externalID: String?, isOpen: Bool = true) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.externalID = externalID
        self.isOpen = isOpen
    }
}
