import Foundation
import Testing
@testable import CloserCore

@Suite("Pool rules 公海规则: when an account returns, warnings, the per-rep limit")
struct PoolRulesTests {
    /// 2026-01-01, the day the rep got the account.
    static let t0 = Day(year: 2026, month: 1, day: 1)!
    static func day(_ offset: Int) -> Day { t0.adding(days: offset) }

    static let followUpOnly = PoolRules(noFollowUpDays: 30, noWinDays: 0, warnDays: 7, maxAccountsPerRep: 50)

    @Test func defaultsAreThirtyDaysHalfAYearAWeekAndFifty() {
        #expect(PoolRules.defaults == PoolRules(noFollowUpDays: 30, noWinDays: 180, warnDays: 7, maxAccountsPerRep: 50))
        #expect(PoolRules.defaults.issues.isEmpty)
    }

    @Test(arguments: [
        // (N, M, K, L, fields with an issue)
        (30, 0, 7, 0, [String]()),
        (1, 0, 0, 0, []),
        (30, 180, 29, 50, []),
        (0, 0, 0, 0, ["no-follow-up-days"]),
        (3_651, 0, 7, 0, ["no-follow-up-days"]),
        (30, -1, 7, 0, ["no-win-days"]),
        (30, 0, 30, 0, ["warn-days"]),
        (30, 0, -1, 0, ["warn-days"]),
        (30, 10, 10, 0, ["warn-days"]),
        (30, 0, 7, -1, ["max-per-rep"]),
        (0, -5, 7, -1, ["no-follow-up-days", "no-win-days", "warn-days", "max-per-rep"]),
    ] as [(Int, Int, Int, Int, [String])])
    func validation(n: Int, m: Int, k: Int, l: Int, fields: [String]) {
        let rules = PoolRules(noFollowUpDays: n, noWinDays: m, warnDays: k, maxAccountsPerRep: l)
        #expect(rules.issues.map(\.field) == fields)
    }

    @Test(arguments: [
        // Worked on day 0, N = 30, K = 7: safe through day 22, warned days 23…29, due from day 30.
        (22, PoolStanding.safe),
        (23, .warning(.noFollowUp(days: 30), daysLeft: 7)),
        (29, .warning(.noFollowUp(days: 30), daysLeft: 1)),
        (30, .due(.noFollowUp(days: 30), overdueDays: 0)),
        (45, .due(.noFollowUp(days: 30), overdueDays: 15)),
    ])
    func followUpBoundaries(today: Int, expected: PoolStanding) {
        let standing = Self.followUpOnly.standing(lastActivity: Self.day(0), lastWon: nil, ownedSince: Self.day(0), today: Self.day(today))
        #expect(standing == expected)
    }

    @Test func theClockRunsFromTheLatestFollowUpOrFromWhenTheRepGotIt() {
        let rules = Self.followUpOnly
        // Worked on day 10: due on day 40, not 30.
        #expect(rules.standing(lastActivity: Self.day(10), lastWon: nil, ownedSince: Self.day(0), today: Self.day(39))
            == .warning(.noFollowUp(days: 30), daysLeft: 1))
        #expect(rules.standing(lastActivity: Self.day(10), lastWon: nil, ownedSince: Self.day(0), today: Self.day(40))
            == .due(.noFollowUp(days: 30), overdueDays: 0))
        // Never worked: counted from the day it was taken.
        #expect(rules.standing(lastActivity: nil, lastWon: nil, ownedSince: Self.day(5), today: Self.day(35))
            == .due(.noFollowUp(days: 30), overdueDays: 0))
        // Claimed on day 100 after a previous owner last worked it on day 0: a fresh 30 days.
        #expect(rules.standing(lastActivity: Self.day(0), lastWon: nil, ownedSince: Self.day(100), today: Self.day(110)) == .safe)
    }

    @Test func noWinRuleAndWhichClockIsNamed() {
        let rules = PoolRules(noFollowUpDays: 30, noWinDays: 60, warnDays: 7, maxAccountsPerRep: 0)
        // Worked on day 50, nothing won since day 0: the no-win clock (60 - 55 = 5 left) runs out first.
        #expect(rules.standing(lastActivity: Self.day(50), lastWon: nil, ownedSince: Self.day(0), today: Self.day(55))
            == .warning(.noWin(days: 60), daysLeft: 5))
        #expect(rules.standing(lastActivity: Self.day(59), lastWon: nil, ownedSince: Self.day(0), today: Self.day(60))
            == .due(.noWin(days: 60), overdueDays: 0))
        // A win on day 40 restarts that clock: due on day 100, the follow-up clock (day 80) first.
        #expect(rules.standing(lastActivity: Self.day(50), lastWon: Self.day(40), ownedSince: Self.day(0), today: Self.day(75))
            == .warning(.noFollowUp(days: 30), daysLeft: 5))
        // Both run out the same day: the follow-up rule is named.
        #expect(rules.standing(lastActivity: Self.day(30), lastWon: nil, ownedSince: Self.day(0), today: Self.day(60))
            == .due(.noFollowUp(days: 30), overdueDays: 0))
        // M = 0 turns the rule off: nothing won for ten years, worked yesterday, safe.
        #expect(Self.followUpOnly.standing(lastActivity: Self.day(3_649), lastWon: nil, ownedSince: Self.day(0), today: Self.day(3_650)) == .safe)
    }

    @Test func noWarningWindowWhenKIsZero() {
        let rules = PoolRules(noFollowUpDays: 30, noWinDays: 0, warnDays: 0, maxAccountsPerRep: 0)
        #expect(rules.standing(lastActivity: Self.day(0), lastWon: nil, ownedSince: Self.day(0), today: Self.day(29)) == .safe)
        #expect(rules.standing(lastActivity: Self.day(0), lastWon: nil, ownedSince: Self.day(0), today: Self.day(30))
            == .due(.noFollowUp(days: 30), overdueDays: 0))
    }

    @Test(arguments: [(50, 0, true), (50, 49, true), (50, 50, false), (50, 51, false), (1, 0, true), (1, 1, false), (0, 10_000, true)])
    func limit(max: Int, held: Int, allowed: Bool) {
        let rules = PoolRules(noFollowUpDays: 30, noWinDays: 0, warnDays: 7, maxAccountsPerRep: max)
        #expect(rules.mayTakeAnother(held: held) == allowed)
    }

    @Test func reasonsReadInBothLanguages() {
        #expect(PoolReason.noFollowUp(days: 30).description == "no follow-up for 30 days")
        #expect(PoolReason.noWin(days: 180).description == "no deal won in 180 days")
        #expect(PoolReason.noFollowUp(days: 30).chinese == "30天未跟进")
    }

    @Test(arguments: [
        // (owner, visibility, sharedWith, viewer name, role, visible)
        ("wang", Visibility.owned, [String](), "wang", UserRole.rep, true),
        ("wang", .owned, [], "li", .rep, false),
        ("wang", .exclusive, [], "li", .rep, false),
        ("wang", .protected, [], "li", .rep, false),
        ("wang", .shared, ["li"], "li", .rep, true),
        ("wang", .owned, ["li"], "li", .rep, true),
        ("wang", .exclusive, ["li"], "li", .rep, false),
        ("wang", .shared, ["li.na"], "li", .rep, false),
        ("wang", .exclusive, [], "zhao", .manager, true),
    ])
    func visibilityOfOneAccount(owner: String, visibility: Visibility, shared: [String], viewer: String, role: UserRole, visible: Bool) {
        let account = Account(name: "x", owner: owner, visibility: visibility, sharedWith: shared)
        #expect(account.isVisible(to: Viewer(name: viewer, role: role)) == visible)
        #expect(account.isVisible(to: nil))
        #expect(Account(name: "pool", owner: nil, visibility: .pool).isVisible(to: Viewer(name: viewer, role: role)))
    }
}
