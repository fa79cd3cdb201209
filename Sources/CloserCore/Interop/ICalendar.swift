import Foundation

/// One all-day entry in a calendar file.
public struct CalendarEvent: Sendable, Hashable {
    public var uid: String
    public var day: Day
    public var summary: String
    public var description: String

    public init(uid: String, day: Day, summary: String, description: String) {
        self.uid = uid
        self.day = day
        self.summary = summary
        self.description = description
    }
}

/// iCalendar (RFC 5545) text of next steps and planned activities, so they land in a
/// calendar: CRLF line ends, lines folded at 75 octets, text escaped, control characters
/// from data dropped.
public enum ICalendar {
    public static func encode(_ events: [CalendarEvent], stamp: Date, name: String = "Closer") -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Closer//CRM//EN", "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + escape(name)]
        let stampText = utc(stamp)
        for event in events {
            let next = event.day.adding(days: 1)
            lines += ["BEGIN:VEVENT", "UID:" + escape(event.uid), "DTSTAMP:" + stampText,
                      "DTSTART;VALUE=DATE:" + compact(event.day), "DTEND;VALUE=DATE:" + compact(next),
                      "SUMMARY:" + escape(event.summary), "DESCRIPTION:" + escape(event.description), "TRANSP:TRANSPARENT", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Open planned activities from `today` on (with their time in the summary), the next steps
    /// of open deals that have no plan (older files), and activities dated from `today` on.
    public static func events(deals: [Deal], activities: [Activity], plans: [PlannedActivity] = [], accountNames: [Int64: String],
                              today: Day) -> [CalendarEvent] {
        var events = [CalendarEvent]()
        let titles = Dictionary(deals.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        let planned = Set(plans.filter { !$0.isDone }.map(\.dealID))
        for plan in plans where !plan.isDone {
            guard let due = plan.due, due >= today else { continue }
            let title = titles[plan.dealID] ?? "#\(plan.dealID)"
            let account = accountNames[plan.accountID] ?? ""
            let time = plan.time.map { "\($0) " } ?? ""
            events.append(CalendarEvent(uid: "plan-\(plan.id)@closer", day: due, summary: "\(time)\(plan.text) — \(title)",
                                        description: "\(plan.kind.label.en), deal #\(plan.dealID) \(title), \(account)"))
        }
        for deal in deals where deal.outcome == .open && !planned.contains(deal.id) {
            guard let due = deal.nextStepDue else { continue }
            let account = accountNames[deal.accountID] ?? ""
            let step = deal.nextStep.isEmpty ? "Next step" : deal.nextStep
            events.append(CalendarEvent(uid: "deal-\(deal.id)-next-step@closer", day: due, summary: "\(step) — \(deal.title)",
                                        description: "Deal #\(deal.id) \(deal.title), \(account), stage \(deal.stageKey), \(deal.amount)"))
        }
        for activity in activities where activity.day >= today {
            let account = accountNames[activity.accountID] ?? ""
            let label = activity.kind.label.en
            events.append(CalendarEvent(uid: "activity-\(activity.id)@closer", day: activity.day, summary: "\(label): \(account)",
                                        description: activity.notes.isEmpty ? "\(label) at \(account)" : activity.notes))
        }
        return events.sorted { ($0.day, $0.uid) < ($1.day, $1.uid) }
    }

    /// TEXT escaping: backslash, semicolon, comma, newline; other control characters dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r": out += "\\n"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) || (0x202A...0x202E).contains(value)
                    || (0x2066...0x2069).contains(value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a
    /// UTF-8 sequence.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var pieces = [String](), current = "", octets = 0
        for character in line {
            let size = String(character).utf8.count
            if octets + size > (pieces.isEmpty ? 75 : 74) {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }

    static func compact(_ day: Day) -> String { day.description.replacingOccurrences(of: "-", with: "") }

    static func utc(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let epoch = Day(year: 1970, month: 1, day: 1)?.ordinal ?? 0
        let day = Day(ordinal: epoch + days)
        let rest = seconds - days * 86_400
        return compact(day) + String(format: "T%02d%02d%02dZ", rest / 3600, rest % 3600 / 60, rest % 60)
    }
}
