import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Customer accounts: add, list, show, edit, delete.",
        subcommands: [Add.self, List.self, Show.self, Edit.self, Delete.self,
                      Assign.self, Share.self, Unshare.self, Exclusive.self, Owned.self, Return.self, Claim.self,
                      Protect.self, Unprotect.self])

    /// Fields shared by add and edit; nil means "leave as it is".
    struct Fields: ParsableArguments {
        @Option(help: "Grade A, B, C or D (A = all in, D = last).") var grade: String?
        @Option(help: "Supplier assistance we give, 1…10 (x axis of the quadrant).") var assistance: String?
        @Option(help: "Customer loyalty, 1…10 (y axis of the quadrant).") var loyalty: String?
        @Option(help: "Industry, e.g. 化工, steel.") var industry: String?
        @Option(help: "Region, e.g. 华东.") var region: String?
        @Option(name: .customLong("nature"), help: "Business nature, e.g. 国企, private, foreign.") var businessNature: String?
        @Option(help: "Scale, e.g. 大型, 500+ staff.") var scale: String?
        @Option(help: "Owning rep (default: you).") var owner: String?
        @Option(help: "pool, owned, shared, exclusive or protected.") var visibility: String?
        @Option(name: .customLong("share-with"), help: "Reps it is shared with, comma-separated.") var sharedWith: String?
        @Option(help: "Tags, comma-separated.") var tags: String?
        @Option(help: "Notes.") var notes: String?
        @Option(help: "Buyer maturity (004): generalist, familiar, unbundling, specialist, 1…4, or none.") var maturity: String?

        func apply(to account: inout Account) throws {
            if let grade { account.grade = try Parse.grade(grade) }
            if let assistance { account.assistance = try Parse.score(assistance, field: "assistance") }
            if let loyalty { account.loyalty = try Parse.score(loyalty, field: "loyalty") }
            if let industry { account.industry = industry }
            if let region { account.region = region }
            if let businessNature { account.businessNature = businessNature }
            if let scale { account.scale = scale }
            if let owner { account.owner = owner.isEmpty ? nil : owner }
            if let visibility { account.visibility = try Parse.coded(visibility, as: Visibility.self, field: "visibility") }
            if let sharedWith { account.sharedWith = Parse.list(sharedWith) }
            if let tags { account.tags = Parse.list(tags) }
            if let notes { account.notes = notes }
            if let maturity {
                if ["none", "unset", "-"].contains(maturity.lowercased()) {
                    account.maturity = nil
                } else {
                    guard let level = BuyerMaturity.parse(maturity) else {
                        throw CLIError("--maturity: '\(maturity)' is not one of \(BuyerMaturity.codes), 1…4 or none")
                    }
                    account.maturity = level
                }
            }
            if account.visibility == .pool { account.owner = nil }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an account.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The account's name.") var name: String
        @OptionGroup var fields: Fields

        func run() throws {
            let db = try store.open()
            var account = Account(name: name, owner: store.actor)
            try fields.apply(to: &account)
            let saved = try db.addAccount(account)
            Output.line("added account #\(saved.id) \(saved.name) (\(saved.grade.rawValue), \(saved.quadrant.label.both))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts, with their open pipeline.")
        @OptionGroup var store: StoreOptions
        @OptionGroup var list: ListOptions
        @Option(help: "Text or pinyin initials to match (zgsh finds 中国石化).") var search: String?
        @Option(help: "Only these grades, e.g. A,B.") var grade: String?
        @Option(help: "Only this owner ('me' for you).") var owner: String?
        @Option(name: .customLong("where"), help: "A query, e.g. \"grade:A,B region:华东 pipeline>500k last>30d\".") var query: String?
        @Option(help: "A saved filter (closer filter list), combined with the other options.") var filter: String?
        @Option(help: "Sort by name, grade, quadrant, industry, region, owner, pipeline, weighted, won, last, due, updated or id.") var sort: String = "name"
        @Flag(help: "Sort descending.") var desc = false

        func run() throws {
            let db = try store.open()
            guard let sortKey = AccountSortKey(rawValue: sort) else {
                throw CLIError("--sort: '\(sort)' is not one of \(AccountSortKey.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let grades = try Set((grade.map(Parse.list) ?? []).map(Parse.grade))
            let conditions = try QueryText.conditions(where: query, filter: filter, in: db)
            // A rep sees their own, shared and pool accounts (the store filters by --user's role).
            let page = try db.accounts(AccountQuery(
                text: search ?? "", grades: grades, owner: owner == "me" ? store.actor : owner,
                conditions: AccountQueryLanguage.resolvingMe(conditions, as: store.actor),
                sort: sortKey,
                ascending: !desc, offset: list.offset, limit: list.limit, nameOrder: .pinyin))
            // The duplicate check (查重): accounts the search finds that you may not see are said, with their holders only.
            if let search, let hidden = try? db.hiddenAccounts(.search(search)), hidden.exist { Output.error(hidden.text.en) }
            if list.json { return try Output.json(page.rows.map(AccountJSON.init)) }
            Output.table(
                ["ID", "NAME", "GRADE", "QUADRANT", "INDUSTRY", "REGION", "OWNER", "OPEN", "PIPELINE"],
                page.rows.map { row in
                    let a = row.account
                    return ["#\(a.id)", a.name, a.grade.rawValue, a.quadrant.label.en, a.industry, a.region, a.owner ?? "(pool)",
                            String(row.openDeals), Money.compact(row.pipeline)]
                }, rightAligned: [7, 8])
            Output.line("\(page.rows.count) of \(page.total) accounts")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one account with its persons and deals.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id or name.") var account: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let db = try store.open()
            // Refused when --user is a rep and the account is another rep's private one.
            let a = try db.account(try Parse.account(account, in: db).id)
            if json { return try Output.json(AccountJSON(a)) }
            Output.fields([
                ("Account", "#\(a.id) \(a.name)"), ("Grade", a.grade.label.both),
                ("Quadrant", "\(a.quadrant.label.both) — assistance \(a.assistance), loyalty \(a.loyalty)"),
                ("Industry", a.industry), ("Region", a.region), ("Nature", a.businessNature), ("Scale", a.scale),
                ("Owner", a.owner ?? "(pool)"), ("Visibility", a.visibility.label.both),
                ("Shared with", a.sharedWith.joined(separator: ", ")), ("Tags", a.tags.joined(separator: ", ")),
                ("Notes", a.notes),
                ("Buyer maturity", a.maturity.map { "\($0.level) \($0.label.both)" } ?? "not judged (--maturity)"),
                ("Version", String(a.version)),
            ])
            if let maturity = a.maturity {
                Output.line()
                Output.line("Buyer maturity 买方成熟度 (004)")
                for text in [maturity.buyer, maturity.price, maturity.guidance] {
                    Output.line("  \(text.en)")
                    Output.line("  \(text.zh)")
                }
            }
            let persons = try db.persons(PersonQuery(accountID: a.id, limit: 500)).rows
            if !persons.isEmpty {
                Output.line()
                Output.table(["ID", "PERSON", "TITLE", "LEVEL", "STANCE", "COACH"], persons.map {
                    ["#\($0.id)", $0.name, $0.title, $0.level.label.en, $0.stance.label.en, $0.isInsideCoach ? "yes" : ""]
                })
            }
            let deals = try db.deals(DealQuery(filter: DealFilter(accountID: a.id, includeClosed: true), limit: 200)).rows
            if !deals.isEmpty {
                Output.line()
                Output.table(["ID", "DEAL", "STAGE", "AMOUNT", "OUTCOME"], deals.map {
                    ["#\($0.id)", $0.title, $0.stageKey, Money.compact($0.amount.minorUnits), $0.outcome.rawValue]
                }, rightAligned: [3])
            }
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change fields of an account; others stay as they are.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id or name.") var account: String
        @Option(help: "New name.") var name: String?
        @OptionGroup var fields: Fields
        @Option(name: .customLong("expect-version"), help: "Refuse if the account changed since you read this version.") var expectVersion: Int?

        func run() throws {
            let db = try store.open()
            let id = try Parse.account(account, in: db).id
            // Only the fields named here change, on the account as it is when the write runs.
            let saved = try db.editAccount(id, expectedVersion: expectVersion) { a in
                if let name { a.name = name }
                try fields.apply(to: &a)
            }
            Output.line("saved account #\(saved.id) \(saved.name) (version \(saved.version), \(saved.quadrant.label.both))")
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete an account that has no deals (its persons and activities go with it).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id.") var id: String

        func run() throws {
            guard let id = Parse.id(id) else { throw CLIError("'\(self.id)' is not an account id") }
            try store.open().deleteAccount(id)
            Output.line("deleted account #\(id)")
        }
    }
}
