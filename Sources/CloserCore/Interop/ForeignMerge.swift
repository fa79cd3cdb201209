import Foundation

/// A re-import updates what the file says and nothing else: a column the file does not
/// have (or leaves empty) keeps the stored value.
public enum ForeignMerge {
    public static func account(_ old: Account, _ new: Account, _ present: Set<ImportField>) -> Account {
        var merged = old
        if present.contains(.account) { merged.name = new.name }
        if present.contains(.externalID) { merged.externalID = new.externalID }
        if present.contains(.grade) { merged.grade = new.grade }
        if present.contains(.assistance) { merged.assistance = new.assistance }
        if present.contains(.loyalty) { merged.loyalty = new.loyalty }
        if present.contains(.industry) { merged.industry = new.industry }
        if present.contains(.region) { merged.region = new.region }
        if present.contains(.businessNature) { merged.businessNature = new.businessNature }
        if present.contains(.scale) { merged.scale = new.scale }
        if present.contains(.tags) { merged.tags = new.tags }
        if present.contains(.notes) { merged.notes = new.notes }
        // A new owner is taken over; back to the pool is the pool's own command, not a file's.
        if present.contains(.owner), merged.owner != nil, new.visibility != .pool { merged.owner = new.owner }
        return merged
    }

    public static func person(_ old: Person, _ new: Person, _ present: Set<ImportField>) -> Person {
        var merged = old
        if !present.isDisjoint(with: [.person, .firstName, .lastName]) { merged.name = new.name }
        if present.contains(.externalID) { merged.externalID = new.externalID }
        if present.contains(.jobTitle) { merged.title = new.title }
        if present.contains(.phone) { merged.phone = new.phone }
        if present.contains(.email) { merged.email = new.email }
        if present.contains(.level) { merged.level = new.level }
        if present.contains(.function) { merged.function = new.function }
        if present.contains(.stance) { merged.stance = new.stance }
        if present.contains(.insideCoach) { merged.isInsideCoach = new.isInsideCoach }
        if present.contains(.roles) { merged.roles = new.roles }
        if present.contains(.notes) { merged.notes = new.notes }
        if present.contains(.influence) { merged.influence = new.influence }
        if present.contains(.lastMet) { merged.lastMet = new.lastMet }
        // The manager's id is found by the store (a name in the account), which sets new.reportsTo.
        if present.contains(.reportsTo) { merged.reportsTo = new.reportsTo }
        return merged
    }

    public static func deal(_ old: Deal, _ new: Deal, _ present: Set<ImportField>) -> Deal {
        var merged = old
        if present.contains(.deal) { merged.title = new.title }
        if present.contains(.externalID) { merged.externalID = new.externalID }
        // An amount with no currency said is in the deal's own currency: an export without its
        // currency column, read back, must not turn USD 10,000 into CNY 10,000. A currency with
        // a blank amount relabels the stored amount, as the row says.
        switch (present.contains(.amount), present.contains(.currency)) {
        case (true, true): merged.amount = new.amount
        case (true, false): merged.amount = Money(minorUnits: new.amount.minorUnits, currency: old.amount.currency)
        case (false, true): merged.amount = Money(minorUnits: old.amount.minorUnits, currency: new.amount.currency)
        case (false, false): break
        }
        if present.contains(.process) { merged.processKey = new.processKey }
        if present.contains(.stage) || present.contains(.outcome) || present.contains(.process) {
            merged.stageKey = new.stageKey
            merged.outcome = new.outcome
            merged.outcomeReason = new.outcome == old.outcome ? old.outcomeReason : new.outcomeReason
            merged.closedOn = new.outcome == .open ? nil : (new.closedOn ?? old.closedOn)
        }
        if present.contains(.closeDate) { merged.expectedClose = new.expectedClose }
        if present.contains(.nextStep) { merged.nextStep = new.nextStep }
        if present.contains(.nextStepDue) { merged.nextStepDue = new.nextStepDue }
        if present.contains(.owner) { merged.owner = new.owner }
        if present.contains(.competitors) { merged.competitors = new.competitors }
        if present.contains(.outcomeReason), merged.outcome != .open, !new.outcomeReason.isEmpty { merged.outcomeReason = new.outcomeReason }
        return merged
    }
}

/// What an import did, or would do on `--dry-run`: per entity the rows created, updated and
/// unchanged, every rejected row with its reason, and the columns and stages left unmapped.
public struct ForeignImportReport: Sendable {
    public enum Verb: String, Sendable { case create, update, unchanged }

    public struct Action: Sendable, Hashable {
        public var line: Int
        public var verb: Verb
        public var entity: ImportEntity
        public var name: String

        public init(line: Int, verb: Verb, entity: ImportEntity, name: String) {
            self.line = line
            self.verb = verb
            self.entity = entity
            self.name = name
        }
    }

    public var fileName: String
    public var entity: ImportEntity
    public var encoding = ""
    public var actions: [Action] = []
    public var rejections: [Rejection] = []
    public var unmappedColumns: [String] = []
    public var unusedColumns: [String] = []
    public var unmappedStages: [String: Int] = [:]
    /// False for a dry run, and for a refused all-or-nothing import.
    public var written = false

    public init(fileName: String, entity: ImportEntity) {
        self.fileName = fileName
        self.entity = entity
    }

    public func count(_ verb: Verb, _ entity: ImportEntity) -> Int {
        actions.lazy.filter { $0.verb == verb && $0.entity == entity }.count
    }

    /// "3 accounts, 10 deals" for one verb; nil when nothing.
    public func counts(_ verb: Verb) -> String? {
        let parts = ImportEntity.allCases.compactMap { entity -> String? in
            let n = count(verb, entity)
            return n == 0 ? nil : "\(n) \(n == 1 ? entity.singular : entity.rawValue)"
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// One line: "created 2 accounts, 10 deals; updated 3 deals; unchanged 1 deal; rejected 1 row".
    public var summary: String {
        var parts = [String]()
        let past: [Verb: String] = written ? [.create: "created", .update: "updated", .unchanged: "unchanged"]
            : [.create: "would create", .update: "would update", .unchanged: "unchanged"]
        for verb in [Verb.create, .update, .unchanged] {
            if let counts = counts(verb), let word = past[verb] { parts.append("\(word) \(counts)") }
        }
        if !rejections.isEmpty { parts.append("rejected \(rejections.count) row\(rejections.count == 1 ? "" : "s")") }
        return parts.isEmpty ? "nothing to import" : parts.joined(separator: "; ")
    }
}
