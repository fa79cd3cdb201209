/// Decision-makers and the inside coach kept warm: the one met longest ago, when that is more
/// than the team's `coldDays` (the org chart's 60-day rule), or never.
enum KeyPersonColdCheck {
    static func check(_ c: HealthContext) -> LocalizedText? {
        guard let coldest = c.facts.org.coldest else { return nil }
        guard let lastMet = coldest.lastMet else {
            return detail("\(coldest.name) never met", "\(coldest.name) 从未见面")
        }
        let days = lastMet.days(until: c.today)
        guard days > c.settings.coldDays else { return nil }
        return detail("\(coldest.name) not met for \(days) days (more than \(c.settings.coldDays))",
                      "\(coldest.name) 已 \(days) 天未见面（超过 \(c.settings.coldDays) 天）")
    }
}
