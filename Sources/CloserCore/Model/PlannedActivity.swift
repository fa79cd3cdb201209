import Foundation

/// Something a rep means to do on a deal, on a day and maybe at a time: call the chief
/// engineer Tuesday, send the quote Thursday 10:00. A deal holds several; the earliest open
/// one is the deal's next step (002, mistake #9: no next action planned). Doing it records an
/// `Activity` — when it happened and whom it met — and marks the plan done.
public struct PlannedActivity: Sendable, Hashable, Identifiable, Codable {
    public var id: Int64
    public var dealID: Int64
    /// The deal's account: plans follow their account's visibility.
    public var accountID: Int64
    public var kind: ActivityKind
    /// What is to be done: "send the revised quote".
    public var text: String
    /// The day it is planned for. Nil only for a next step that never had a due date.
    public var due: Day?
    public var time: TimeOfDay?
    /// Who planned it.
    public var owner: String
    /// The day it was done, once done.
    public var doneOn: Day?
    /// The activity that recorded doing it.
    public var activityID: Int64?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: Int64 = 0, dealID: Int64, accountID: Int64 = 0, kind: ActivityKind = .other, text: String, due: Day?,
                time: TimeOfDay? = nil, owner: String = "", doneOn: Day? = nil, activityID: Int64? = nil, version: Int = 0,
                createdAt: Date = Date(timeIntervalSince1970: 0), updatedAt: Date = Date(timeIntervalSince1970: 0)) {
        self.id = id
        self.dealID = dealID
        self.accountID = accountID
        self.kind = kind
        self.text = text
        self.due = due
        self.time = time
        self.owner = owner
        self.doneOn = doneOn
        self.activityID = activityID
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isDone: Bool { doneOn != nil }

    /// Where it stands today: done, overdue, due today, upcoming or undated.
    public func state(today: Day) -> PlanState {
        if let doneOn { return .done(on: doneOn) }
        guard let due else { return .undated }
        let days = today.days(until: due)
        if days < 0 { return .overdue(days: -days) }
        return days == 0 ? .dueToday : .upcoming(days: days)
    }

    /// The order plans are done in: by day (undated last), an all-day plan before the timed
    /// ones of its day, then by time, then in the order they were made.
    public static func precedes(_ a: PlannedActivity, _ b: PlannedActivity) -> Bool {
        switch (a.due, b.due) {
        case (nil, nil): return a.id < b.id
        case (nil, _): return false
        case (_, nil): return true
        case (let x?, let y?) where x != y: return x < y
        default:
            switch (a.time, b.time) {
            case (nil, nil): return a.id < b.id
            case (nil, _): return true
            case (_, nil): return false
            case (let s?, let t?): return s == t ? a.id < b.id : s < t
            }
        }
    }

    /// The deal's next step among `plans`: the first open one in that order.
    public static func nextStep(among plans: [PlannedActivity]) -> PlannedActivity? {
        plans.filter { !$0.isDone }.min(by: precedes)
    }

    /// "P12": how lists print a plan's id, apart from activities' "#12".
    public var reference: String { "P\(id)" }
}

/// Where a planned activity stands on a given day.
public enum PlanState: Sendable, Hashable {
    case done(on: Day)
    case overdue(days: Int)
    case dueToday
    case upcoming(days: Int)
    case undated

    public var isOverdue: Bool { if case .overdue = self { true } else { false } }

    /// "overdue 3 d" / "逾期 3 天", as lists mark it.
    public var label: LocalizedText {
        switch self {
        case .done(let day): LocalizedText(en: "done \(day)", zh: "已完成 \(day)")
        case .overdue(let days): LocalizedText(en: "overdue \(days) d", zh: "逾期 \(days) 天")
        case .dueToday: LocalizedText(en: "today", zh: "今天")
        case .upcoming(let days): LocalizedText(en: "in \(days) d", zh: "\(days) 天后")
        case .undated: LocalizedText(en: "no date", zh: "未定日期")
        }
    }
}

/// A time of day, to the minute: "09:30".
public struct TimeOfDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var hour: Int
    public var minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// "9:30", "09:30", "14:05", "9点", "9点30", "9:30" with a full-width colon; nil for anything else.
    public init?(_ text: String) {
        var body = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "：", with: ":")
        if body.hasSuffix("分") { body.removeLast() }
        body = body.replacingOccurrences(of: "点", with: ":")
        if body.hasSuffix(":") { body += "00" }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hour = Int(parts[0]), let minute = Int(parts[1]) else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var description: String { (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)" }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { (a.hour, a.minute) < (b.hour, b.minute) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let time = TimeOfDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a time HH:MM"))
        }
        self = time
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Doing a planned activity: when it happened (never in the future; back-dating is fine), whom
/// it met (key persons of the deal's account, whose last-met date follows), and what came of it.
public struct PlanCompletion: Sendable, Hashable {
    public var on: Day
    public var met: [Int64]
    public var notes: String
    public var outcome: String

    public init(on: Day, met: [Int64] = [], notes: String = "", outcome: String = "") {
        self.on = on
        self.met = met
        self.notes = notes
        self.outcome = outcome
    }
}
