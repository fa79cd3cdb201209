import Foundation

/// The public pool's rules (公海规则): an owned account with no follow-up for `noFollowUpDays`
/// days, or no deal won for `noWinDays` days (0 = off), goes back to the pool by itself; its
/// owner is warned `warnDays` days before; a rep holds at most `maxAccountsPerRep` accounts
/// (0 = unlimited).
///
/// Both clocks start again when the account changes hands: a rep who just claimed an account
/// gets the full N (and M) days, whatever its history.
public struct PoolRules: Sendable, Hashable, Codable {
    public var noFollowUpDays: Int
    public var noWinDays: Int
    public var warnDays: Int
    public var maxAccountsPerRep: Int

    public static let defaults = PoolRules(noFollowUpDays: 30, noWinDays: 180, warnDays: 7, maxAccountsPerRep: 50)
    /// Ten years: anything longer is a typo.
    public static let maxDays = 3_650

    public init(noFollowUpDays: Int, noWinDays: Int, warnDays: Int, maxAccountsPerRep: Int) {
        self.noFollowUpDays = noFollowUpDays
        self.noWinDays = noWinDays
        self.warnDays = warnDays
        self.maxAccountsPerRep = maxAccountsPerRep
    }

    /// Empty when the rules are usable; otherwise one issue per bad field.
    public var issues: [ValidationIssue] {
        var issues = [ValidationIssue]()
        if !(1...Self.maxDays).contains(noFollowUpDays) {
            issues.append(.init("no-follow-up-days", "must be 1…\(Self.maxDays), got \(noFollowUpDays)", zh: "须为 1…\(Self.maxDays)，实为 \(noFollowUpDays)"))
        }
        if !(0...Self.maxDays).contains(noWinDays) {
            issues.append(.init("no-win-days", "must be 0 (off) or up to \(Self.maxDays), got \(noWinDays)", zh: "须为 0（关闭）或不超过 \(Self.maxDays)，实为 \(noWinDays)"))
        }
        if warnDays < 0 || warnDays >= max(1, noFollowUpDays) {
            issues.append(.init("warn-days", "must be 0…\(max(0, noFollowUpDays - 1)) (less than no-follow-up-days), got \(warnDays)",
                                 zh: "须为 0…\(max(0, noFollowUpDays - 1))（小于无跟进天数），实为 \(warnDays)"))
        } else if noWinDays > 0, warnDays >= noWinDays {
            issues.append(.init("warn-days", "must be less than no-win-days (\(noWinDays)), got \(warnDays)", zh: "须小于无赢单天数（\(noWinDays)），实为 \(warnDays)"))
        }
        if !(0...1_000_000).contains(maxAccountsPerRep) {
            issues.append(.init("max-per-rep", "must be 0 (unlimited) or a positive count, got \(maxAccountsPerRep)", zh: "须为 0（不限）或正数，实为 \(maxAccountsPerRep)"))
        }
        return issues
    }

    /// Where an owned account stands on `today`.
    /// - lastActivity: the latest follow-up (activity) day, nil if never worked.
    /// - lastWon: the latest day a deal of the account was won, nil if never.
    /// - ownedSince: the day its owner got it (claimed, assigned, or created).
    /// An account is due on the day its idle count reaches the limit: with N = 30, an account
    /// last worked on day 0 is due on day 30, warned from day 30 - K.
    public func standing(lastActivity: Day?, lastWon: Day?, ownedSince: Day, today: Day) -> PoolStanding {
        var clocks: [(reason: PoolReason, daysLeft: Int)] = []
        let followUpFrom = max(lastActivity ?? ownedSince, ownedSince)
        clocks.append((.noFollowUp(days: noFollowUpDays), noFollowUpDays - followUpFrom.days(until: today)))
        if noWinDays > 0 {
            let winFrom = max(lastWon ?? ownedSince, ownedSince)
            clocks.append((.noWin(days: noWinDays), noWinDays - winFrom.days(until: today)))
        }
        // The clock that runs out first decides; on a tie the follow-up rule (listed first) is named.
        guard let first = clocks.min(by: { $0.daysLeft < $1.daysLeft }) else { return .safe }
        if first.daysLeft <= 0 { return .due(first.reason, overdueDays: -first.daysLeft) }
        if first.daysLeft <= warnDays { return .warning(first.reason, daysLeft: first.daysLeft) }
        return .safe
    }

    /// Whether someone holding `held` accounts may take one more.
    public func mayTakeAnother(held: Int) -> Bool {
        maxAccountsPerRep == 0 || held < maxAccountsPerRep
    }
}

/// Why an account goes (or will go) back to the pool.
public enum PoolReason: Sendable, Hashable, Codable, CustomStringConvertible {
    case noFollowUp(days: Int)
    case noWin(days: Int)

    public var description: String {
        switch self {
        case .noFollowUp(let days): "no follow-up for \(days) days"
        case .noWin(let days): "no deal won in \(days) days"
        }
    }

    public var chinese: String {
        switch self {
        case .noFollowUp(let days): "\(days)天未跟进"
        case .noWin(let days): "\(days)天未成交"
        }
    }
}

public enum PoolStanding: Sendable, Hashable {
    case safe
    /// Will return in `daysLeft` days (1…K) unless someone follows up (or wins).
    case warning(PoolReason, daysLeft: Int)
    /// Due back in the pool now; `overdueDays` is 0 on the day it falls due.
    case due(PoolReason, overdueDays: Int)
}
