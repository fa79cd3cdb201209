import Foundation

/// What one row of a spreadsheet from another CRM becomes.
public enum ImportEntity: String, Sendable, CaseIterable, Codable {
    case accounts, persons, deals, activities

    /// The English noun for one of them ("1 activity", not "1 activitie").
    public var singular: String {
        switch self {
        case .accounts: "account"
        case .persons: "person"
        case .deals: "deal"
        case .activities: "activity"
        }
    }
}

/// A field of our model that a foreign column can fill. The raw value is what a mapping file
/// names (`"Kundenname": "account"`).
public enum ImportField: String, Sendable, CaseIterable, Codable {
    // Any entity: the row's own id in the other system, so a re-import updates it.
    case externalID = "external-id"
    /// This store's own id for the row, as `closer export` writes it: a re-import of our own file
    /// updates exactly the rows it came from, even where two share a title.
    case closerID = "closer-id"
    /// The version of the row our export was made from: a row changed since is not undone by it.
    case closerVersion = "closer-version"
    case account, accountExternalID = "account-external-id"
    case grade, industry, region, businessNature = "business-nature", scale, owner, tags, notes, assistance, loyalty
    case person, firstName = "first-name", lastName = "last-name", jobTitle = "job-title", phone, email
    case level, function, roles, stance, insideCoach = "inside-coach", influence, lastMet = "last-met"
    /// The person's manager, by name within the same account (the org chart's reports-to line).
    case reportsTo = "reports-to"
    case deal, amount, currency, stage, process, closeDate = "close-date", nextStep = "next-step"
    case nextStepDue = "next-step-due", competitors
    case kind, day, outcome
    /// Why a deal was won, lost or withdrawn.
    case outcomeReason = "outcome-reason"
    /// A column the user wants left alone, said in a mapping file so it is not reported as unmapped.
    case ignore

    /// The fields that hold a date, each read in its column's format.
    public static let dates: [ImportField] = [.closeDate, .nextStepDue, .lastMet, .day]

    /// The fields a row of `entity` reads; other mapped columns are reported as unused.
    public static func used(by entity: ImportEntity) -> Set<ImportField> {
        let common: Set<ImportField> = [.externalID, .closerID, .account, .accountExternalID, .notes, .owner, .ignore]
        switch entity {
        case .accounts:
            return common.union([.grade, .industry, .region, .businessNature, .scale, .tags, .assistance, .loyalty])
        case .persons:
            return common.union([.person, .firstName, .lastName, .jobTitle, .phone, .email, .level, .function, .roles, .stance, .insideCoach,
                                 .influence, .lastMet, .reportsTo])
        case .deals:
            return common.union([.closerVersion, .deal, .amount, .currency, .stage, .process, .closeDate, .nextStep, .nextStepDue, .competitors, .outcome,
                                 .outcomeReason])
        case .activities:
            return common.union([.kind, .day, .deal, .outcome])
        }
    }

    /// Which entity a file holds, from the fields its header maps to.
    public static func entity(for fields: Set<ImportField>) -> ImportEntity? {
        if !fields.isDisjoint(with: [.kind, .day]) { return .activities }
        if !fields.isDisjoint(with: [.deal, .amount, .stage, .closeDate]) { return .deals }
        if !fields.isDisjoint(with: [.person, .firstName, .lastName, .email, .jobTitle]) { return .persons }
        if fields.contains(.account) { return .accounts }
        return nil
    }
}
