import CloserCore
import Foundation
import Testing

@Suite("iCalendar export of next steps")
struct ICalendarTests {
    static let today = Day(year: 2026, month: 11, day: 23)!

    private func deal(_ id: Int64, due: Day?, step: String, outcome: Outcome = .open) -> Deal {
        var deal = Deal(id: id, accountID: 1, title: "扩建 \(id)", processKey: "project", stageKey: "bid", owner: "alice")
        deal.nextStep = step
        deal.nextStepDue = due
        deal.outcome = outcome
        return deal
    }

    @Test("open deals with a due next step and planned activities become all-day events, in date order")
    func events() {
        let deals = [deal(1, due: Self.today.adding(days: 3), step: "报价"), deal(2, due: nil, step: "none"),
                     deal(3, due: Self.today, step: "call", outcome: .won), deal(4, due: Self.today.adding(days: 1), step: "")]
        let activities = [Activity(id: 7, accountID: 1, kind: .visit, day: Self.today.adding(days: 2)),
                          Activity(id: 8, accountID: 1, kind: .call, day: Self.today.adding(days: -1))]
        let events = ICalendar.events(deals: deals, activities: activities, accountNames: [1: "宝钢"], today: Self.today)
        #expect(events.map(\.uid) == ["deal-4-next-step@closer", "activity-7@closer", "deal-1-next-step@closer"])
        #expect(events.last?.summary == "报价 — 扩建 1")
        #expect(events.first?.summary.hasPrefix("Next step") == true)
    }

    @Test("open plans from today on are events with their time; a deal with plans is not listed again by its next step")
    func plans() {
        var first = deal(1, due: Self.today.adding(days: 1), step: "报价")
        first.title = "扩建"
        let plans = [
            PlannedActivity(id: 3, dealID: 1, accountID: 1, kind: .call, text: "报价", due: Self.today.adding(days: 1), time: TimeOfDay("10:00")),
            PlannedActivity(id: 4, dealID: 1, accountID: 1, text: "送样", due: Self.today.adding(days: 5)),
            PlannedActivity(id: 5, dealID: 1, accountID: 1, text: "已过期", due: Self.today.adding(days: -2)),
            PlannedActivity(id: 6, dealID: 1, accountID: 1, text: "做完了", due: Self.today.adding(days: 2), doneOn: Self.today),
        ]
        let events = ICalendar.events(deals: [first, deal(2, due: Self.today, step: "call")], activities: [], plans: plans,
                                      accountNames: [1: "宝钢"], today: Self.today)
        #expect(events.map(\.uid) == ["deal-2-next-step@closer", "plan-3@closer", "plan-4@closer"])
        #expect(events[1].summary == "10:00 报价 — 扩建" && events[1].description == "Call, deal #1 扩建, 宝钢")
    }

    @Test("the file is RFC 5545: CRLF, escaped text, folded lines of at most 75 octets, no control characters")
    func encoding() throws {
        let long = String(repeating: "中国石化设备改造项目", count: 12)
        let event = CalendarEvent(uid: "u1", day: Self.today, summary: "a, b; c\\d\nnext \u{1B}[31mred\u{07}", description: long)
        let text = ICalendar.encode([event], stamp: Date(timeIntervalSince1970: 1_795_000_000))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "\(lines.map { $0.utf8.count })")
        #expect(!text.contains("\u{1B}") && !text.contains("\u{07}"))
        #expect(text.contains("SUMMARY:a\\, b\\; c\\\\d\\nnext [31mred"))
        #expect(text.contains("DTSTART;VALUE=DATE:20261123\r\nDTEND;VALUE=DATE:20261124"))
        #expect(text.contains("DTSTAMP:20261118T"))
        // Unfolding (RFC 5545 §3.1) gives the description back whole.
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("DESCRIPTION:" + long + "\r\n"))
    }
}
