import Foundation

/// Why a store refused a call, with nothing written: one typed reason per rule, thrown alike by
/// every store and said in the reader's language (`text[lang]`); the English text is the CLI's
/// default and the log's. Data (names, ids, paths, stages) rides along as values, never as words.
public enum Refusal: Sendable, Hashable {
    // Who may act.
    case notAUser(String)
    case managerOnly(ManagerAct, you: Actor)
    case noAccess(Subject, account: Int64, owner: String?, exclusive: Bool)
    case poolNotClaimed(Subject, account: Int64)
    case protected(Subject, account: Int64, owner: String?)
    case claimedOtherRole(claimed: String, role: String, location: String)
    case missingActor
    case missingSweeper
    case sweepManagerOnly(you: Actor)

    // Ownership actions (CloserCore's OwnershipAction, the same for every store).
    case notATeamMember(String)
    case holdLimit(rep: String, held: Int, limit: Int, what: Subject)
    case addForSomeoneElse(what: Subject, owner: String, you: Actor)
    case nothingToChange(account: Int64)
    case poolManagerOnly(account: Int64, OwnershipVerb)
    case ownerOrManagerOnly(account: Int64, owner: String?, OwnershipVerb, you: Actor)
    case notHeld(account: Int64, OwnershipVerb)
    case missingAssignee
    case missingShareNames
    case missingUnshareNames
    case returnNeedsReason(account: Int64)
    case assignFromPool(account: Int64)
    case alreadyHeldBy(account: Int64, rep: String)
    case ownerNeedsNoShare(account: Int64, rep: String)
    case alreadySharedWith(account: Int64, reps: [String])
    case notSharedWith(account: Int64, reps: [String])
    case alreadyExclusive(account: Int64, owner: String?)
    case alreadyPlainlyOwned(account: Int64)
    case notInPool(account: Int64, holder: String?)
    case alreadyProtected(account: Int64)
    case notProtected(account: Int64)
    case repEditsHolding(account: Int64)
    case deleteOwnerOnly(account: Int64, owner: String?)

    // Rows and their rules.
    case fields([ValidationIssue])
    case accountIDTaken(Int64)
    case hiddenDuplicate(HiddenAccounts)
    case accountHasDeals(account: Int64, deals: Int)
    case idCannotChange(Subject)
    case dealAlreadyOpen(Int64)
    case planOnClosedDeal(deal: Int64, Outcome)
    case planDoneCannotChange(plan: Int64, on: Day?)
    case planDoneAlready(plan: Int64, on: Day?)
    case planDoneDeleteActivity(plan: Int64, on: Day?)
    case notAKeyPersonOfAccount(person: Int64, account: Int64)
    case needByStranger(person: Int64, account: Int64)
    case reportsLoop(manager: Int64, person: String)
    case reportsAcrossAccounts(manager: Int64)
    case tooManyHealthDeals(asked: Int, limit: Int)
    case othersReview(rep: String)
    case forecastCallManagerOnly(rep: String, you: Actor)

    // Team settings: filters, targets, currencies, lost reasons, processes, users.
    case filterNotYours(filter: String, owner: String)
    case filterNeedsName
    case filterNameTooLong
    case filterNeedsQuery(String)
    case filterQueryWrong(String, LocalizedText)
    case noSuchFilter(String)
    case negativeTarget
    case noTarget(rep: String, period: String)
    case notARep(String)
    case currency(CurrencyError)
    case noRate(currency: String, from: Day, base: String)
    case lostReason(LostReasonError)
    case process(ProcessTemplateError)
    case healthSettings(HealthSettingError)
    case userNeedsName
    case emptyPassword

    // Files: snapshots, backups, copies, exports.
    case snapshotFormat(found: Int, readsUpTo: Int)
    case importRow(String, LocalizedText)
    case importLine(Int, LocalizedText)
    case importManagerUnknown(line: Int, manager: String)
    case notUTF8(file: String)
    case noHeaderRow(file: String)
    case unreadableRow(file: String, row: Int, detail: String)
    case notCloserHeader(file: String, header: [String])
    case notCloserExport(file: String, detail: String)
    case badCell(CellLocation, String, CellProblem)
    case fileExists(path: String)
    case noSuchFolder(String)
    case noSuchBackup(path: String)
    case notABackup(path: String)
    case damagedBackup(path: String, detail: String)
    case notACloserStore(path: String, schemaOnly: Bool)
    case newerStore(path: String, schema: String)
    case copyMissingTable(store: String, table: String)
    case copyMissingColumns(store: String, table: String, columns: [String])
    case copyTargetNotEmpty(store: String, table: String)
    case copyMismatch(table: String, read: String, written: String, rowsRead: Int, rowsWritten: Int)
    case cannotWrite(path: String, reason: String)
    case fileSystem(String)
    case importUnavailable

    // What the database itself refused.
    case diskFull
    case serverDiskFull
    case serverForbids(String)
    case constraint(String)
    case storeClosed(location: String)
    case notFinite(String)
    case nulInText
    case storeFailure(String)
}

/// What a refusal is about: "deal 12" / "商机 12".
public enum Subject: Sendable, Hashable {
    case account(Int64)
    /// An account named in an import ("account 7 ('Acme')").
    case namedAccount(Int64, String)
    case newAccount(String)
    case deal(Int64)
    case person(Int64)
    case activity(Int64)
    case plannedActivity(Int64)
    case row(table: String, id: Int64)
}

/// What only a manager does.
public enum ManagerAct: String, Sendable, Hashable, CaseIterable {
    case setRates, deleteRates, changeBaseCurrency, changeProcesses, changeUsers, backUp, restore
    case changeLostReasons, changePoolRules, changeSettings, setTargets, deleteTargets, importStore
}

/// What an ownership action needs the holder's right to do.
public enum OwnershipVerb: String, Sendable, Hashable, CaseIterable {
    case assign, share, unshare, makeExclusive, change, `return`, protect, unprotect
}

/// Where in an imported file a value was refused: "deals.csv row 4, column 'amount'".
public struct CellLocation: Sendable, Hashable {
    public var file: String
    public var row: Int
    public var column: String

    public init(file: String, row: Int, column: String) {
        self.file = file
        self.row = row
        self.column = column
    }
}

/// What is wrong with one imported value.
public enum CellProblem: Sendable, Hashable {
    case notWholeNumber, notAnID, notADate, notYesNo, notATimestamp, notAnAmount, notATime
    case notOneOf(String)
    case notOverrides, notNeeds, dateRequired
}
