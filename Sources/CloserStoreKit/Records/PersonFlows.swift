import CloserCore
import Foundation

/// A person's reads and edits as every backend carries them out; a change to the people re-derives
/// the account's deals (persons prove milestones).
extension RecordBackend {
    package func readPerson(_ id: Int64) throws -> Person {
        try read { transaction in
            let person = try fetchPerson(transaction, id)
            try requireAccess(transaction, account: person.accountID, .read, subject: .person(id))
            return person
        }
    }

    package func editPerson(_ id: Int64, expectedVersion: Int?, _ change: (inout Person) throws -> Void) throws -> Person {
        try write { transaction in try editPerson(transaction, id, expectedVersion: expectedVersion, note: "", change) }
    }

    /// `editPerson` inside an open transaction, its log row noted (an undo says which change it takes back).
    package func editPerson(_ transaction: Transaction, _ id: Int64, expectedVersion: Int?, note: String,
                            _ change: (inout Person) throws -> Void) throws -> Person {
        let old = try currentPerson(transaction, id, expected: expectedVersion)
        let updated = try old.edited(table: "person", at: clock(), change) { old, new in
            let issues = Validation.issues(new)
            guard issues.isEmpty else { throw StoreError.invalid(.fields(issues)) }
            try requireAccess(transaction, account: old.accountID, .write, subject: .person(id))
            if new.accountID != old.accountID { try requireAccess(transaction, account: new.accountID, .write, subject: nil) }
            try checkPersonReferences(transaction, new)
        }
        try updatePersonRow(transaction, updated, at: old.version)
        try log(transaction, event("person", id, "updated", FieldDiff.between(old, updated), note: note, account: updated.accountID,
                                   version: updated.version))
        try refreshDerived(transaction, accountID: updated.accountID)
        if old.accountID != updated.accountID { try refreshDerived(transaction, accountID: old.accountID) }
        return updated
    }

    package func deletePerson(_ id: Int64) throws {
        try write { transaction in
            guard let person = try personToDelete(transaction, id) else {
                throw StoreError.notFound(entity: "person", id: id)
            }
            try requireAccess(transaction, account: person.accountID, .write, subject: .person(id))
            try deletePersonRow(transaction, id)
            try log(transaction, event("person", id, "deleted", note: person.name, account: person.accountID))
            try refreshDerived(transaction, accountID: person.accountID)
        }
    }

    /// The account must exist, the manager must be in the same account, and reports-to must
    /// not loop back: an org chart is a tree.
    package func checkPersonReferences(_ transaction: Transaction, _ person: Person) throws {
        guard try accountExists(transaction, person.accountID) else {
            throw StoreError.notFound(entity: "account", id: person.accountID)
        }
        guard let manager = person.reportsTo else { return }
        var seen: Set<Int64> = [person.id]
        var current: Int64? = manager
        while let id = current {
            guard seen.insert(id).inserted else {
                throw StoreError.invalid(.reportsLoop(manager: manager, person: person.name))
            }
            guard let line = try reportingLine(transaction, of: id) else {
                throw StoreError.notFound(entity: "person", id: id)
            }
            if id == manager, line.accountID != person.accountID {
                throw StoreError.invalid(.reportsAcrossAccounts(manager: manager))
            }
            current = line.reportsTo
        }
    }

    /// Persons prove milestones, so a change to them re-derives the account's deals.
    package func refreshDerived(_ transaction: Transaction, accountID: Int64) throws {
        let catalog = try catalog(transaction)
        let evidence = try evidence(transaction, accountID: accountID)
        let deals = try deals(transaction, ofAccount: accountID)
        for deal in deals {
            try updateDerivedColumns(transaction, dealID: deal.id,
                                     DealDerived(deal: deal, process: catalog.process(deal.processKey), evidence: evidence))
        }
        if !deals.isEmpty { try refreshAccountRollup(transaction, accountID: accountID) }
    }

    /// What the account's people say, once the actor may see the account.
    package func readEvidence(accountID: Int64) throws -> DealEvidence {
        try read { transaction in
            try requireAccess(transaction, account: accountID, .read, subject: nil)
            return try evidence(transaction, accountID: accountID)
        }
    }
}
