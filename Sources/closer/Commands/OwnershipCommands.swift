import ArgumentParser
import CloserCore
import CloserSQLite
import Foundation

/// `closer account assign|share|unshare|exclusive|owned|return|claim|protect|unprotect`: who
/// holds an account. The store checks the acting user's role (`--user`) and refuses with why.
extension AccountCommand {
    static func accountID(_ text: String) throws -> Int64 {
        guard let id = Parse.id(text) else { throw CLIError("'\(text)' is not an account id") }
        return id
    }

    static func report(_ verb: String, _ account: Account, store: any CLIStore) {
        let protected = (try? store.ownership(of: account.id).isProtected) ?? false
        var holding = account.owner.map { "held by \($0), \(account.visibility.label.both)" } ?? "in the pool 公海"
        if !account.sharedWith.isEmpty { holding += ", shared with \(account.sharedWith.joined(separator: ", "))" }
        if protected { holding += ", protected 保护" }
        Output.line("\(verb) account #\(account.id) \(account.name): \(holding) (version \(account.version))")
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give an account to a rep 分配 (a manager, or its owner handing it over; within the per-rep limit).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id.") var id: String
        @Argument(help: "The rep who will hold it.") var rep: String

        func run() throws {
            let db = try store.open()
            report("assigned", try db.assign(try accountID(id), to: rep), store: db)
        }
    }

    struct Share: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Share an account with reps 共享 (owner or manager).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id.") var id: String
        @Argument(help: "Reps, comma-separated.") var reps: String

        func run() throws {
            let db = try store.open()
            report("shared", try db.share(try accountID(id), with: Parse.list(reps)), store: db)
        }
    }

    struct Unshare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop sharing an account with reps (owner or manager).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id.") var id: String
        @Argument(help: "Reps, comma-separated.") var reps: String

        func run() throws {
            let db = try store.open()
            report("unshared", try db.unshare(try accountID(id), from: Parse.list(reps)), store: db)
        }
    }

    struct Exclusive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an account exclusive 独占: only its owner and managers see it (owner or manager).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id.") var id: String

        func run() throws {
            let db = try store.open()
            report("made exclusive", try db.makeExclusive(try accountID(id)), store: db)
        }
    }

    struct Owned: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an exclusive or shared account plainly owned again (owner or manager).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id.") var id: String

        func run() throws {
            let db = try store.open()
            report("made owned", try db.makeOwned(try accountID(id)), store: db)
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return", abstract: "Return an account to the public pool 退回, with a reason (owner or manager).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id.") var id: String
        @Option(help: "Why: the next rep reads it.") var reason: String?

        func run() throws {
            guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CLIError("returning an account to the pool needs --reason \"…\" (nothing was changed)")
            }
            let db = try store.open()
            report("returned", try db.returnToPool(try accountID(id), reason: reason), store: db)
        }
    }

    struct Claim: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Claim an account from the public pool 领取 (within the per-rep limit).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id.") var id: String

        func run() throws {
            let db = try store.open()
            report("claimed", try db.claim(try accountID(id)), store: db)
        }
    }

    struct Protect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Protect an account 保护: others cannot edit, delete or move it, and the pool rules leave it be (owner or manager).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id.") var id: String

        func run() throws {
            let db = try store.open()
            report("protected", try db.protect(try accountID(id)), store: db)
        }
    }

    struct Unprotect: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift an account's protection (owner or manager).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Account id.") var id: String

        func run() throws {
            let db = try store.open()
            report("unprotected", try db.unprotect(try accountID(id)), store: db)
        }
    }
}

/// `closer pool rules|sweep|warnings`: the public pool's rules 公海规则.
struct PoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool", abstract: "The public pool 公海: its rules, the sweep that applies them, and warnings.",
        subcommands: [Rules.self, Sweep.self, Warnings.self])

    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the pool rules, or change them (managers only).")
        @OptionGroup var store: StoreOptions
        @Option(name: .customLong("no-follow-up-days"), help: "Return an account after this many days without follow-up.") var noFollowUp: Int?
        @Option(name: .customLong("no-win-days"), help: "Return an account after this many days without a won deal (0 = off).") var noWin: Int?
        @Option(name: .customLong("warn-days"), help: "Warn the owner this many days before.") var warn: Int?
        @Option(name: .customLong("max-per-rep"), help: "Most accounts a rep may hold (0 = unlimited).") var maxPerRep: Int?

        func run() throws {
            let db = try store.open()
            var rules = try db.poolRules()
            if noFollowUp != nil || noWin != nil || warn != nil || maxPerRep != nil {
                if let noFollowUp { rules.noFollowUpDays = noFollowUp }
                if let noWin { rules.noWinDays = noWin }
                if let warn { rules.warnDays = warn }
                if let maxPerRep { rules.maxAccountsPerRep = maxPerRep }
                try db.savePoolRules(rules)
                Output.line("saved the pool rules")
            }
            Output.fields([
                ("No follow-up 未跟进", "\(rules.noFollowUpDays) days"),
                ("No deal won 未成交", rules.noWinDays == 0 ? "off" : "\(rules.noWinDays) days"),
                ("Warn before 提醒", "\(rules.warnDays) days"),
                ("Max per rep 上限", rules.maxAccountsPerRep == 0 ? "unlimited" : String(rules.maxAccountsPerRep)),
            ])
        }
    }

    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Return every overdue account to the pool (a manager; run it daily, e.g. from cron with --user); protected accounts stay.")
        @OptionGroup var store: StoreOptions
        @Flag(name: .customLong("dry-run"), help: "Only list what would return.") var dryRun = false
        @Option(help: "Sweep as of this day (default today).") var today: String?

        func run() throws {
            let db = try store.open()
            let day = try today.map(Parse.day) ?? Day.today()
            let due = dryRun ? try db.poolDue(today: day) : try db.sweepPool(today: day).returned
            Output.table(["ID", "ACCOUNT", "OWNER", "WHY", "OVERDUE"], due.map {
                ["#\($0.accountID)", $0.accountName, $0.owner, $0.reason.description, "\($0.overdueDays)d"]
            }, rightAligned: [4])
            Output.line(dryRun ? "\(due.count) account(s) would return to the pool (nothing was changed)"
                               : "\(due.count) account(s) returned to the pool")
        }
    }

    struct Warnings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Your accounts that return to the pool soon (--user NAME for someone's, --all for everyone's).")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Everyone's accounts.") var all = false
        @Option(help: "As of this day (default today).") var today: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let db = try store.open()
            let day = try today.map(Parse.day) ?? Day.today()
            let warnings = try db.poolWarnings(for: all ? nil : store.actor, today: day)
            if json {
                struct Row: Encodable { let id: Int64, account: String, owner: String, daysLeft: Int, dueOn: String, reason: String }
                return try Output.json(warnings.map {
                    Row(id: $0.accountID, account: $0.accountName, owner: $0.owner, daysLeft: $0.daysLeft,
                        dueOn: $0.dueOn(today: day).description, reason: $0.reason.description)
                })
            }
            Output.table(["ID", "ACCOUNT", "OWNER", "DAYS LEFT", "RETURNS ON", "WHY"], warnings.map {
                ["#\($0.accountID)", $0.accountName, $0.owner, String($0.daysLeft), $0.dueOn(today: day).description, $0.reason.description]
            }, rightAligned: [3])
            Output.line("\(warnings.count) account(s) return to the pool within \(try db.poolRules().warnDays) days unless followed up")
        }
    }
}
