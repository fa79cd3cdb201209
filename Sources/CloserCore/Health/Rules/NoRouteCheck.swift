/// #7 不能有效影响决策者: what matters is not meeting the decision-maker ourselves but having a way
/// to influence them (002). The deal is warned when no decision-maker was met within the team's
/// `routeDays` and no inside coach or supporter reaches one along the reports-to lines.
enum NoRouteCheck {
    static func check(_ c: HealthContext) -> LocalizedText? {
        let org = c.facts.org
        guard !org.hasRouteToDecisionMaker else { return nil }
        guard org.decisionMakers > 0 else {
            return detail("No decision-maker mapped, and so no route to one", "未识别决策者，也就无从影响")
        }
        guard let lastMet = org.decisionMakerLastMet else {
            return detail("No decision-maker ever met; no coach or supporter reaches one", "从未见过决策者，也没有内线或支持者能影响决策者")
        }
        let days = lastMet.days(until: c.today)
        guard days > c.settings.routeDays else { return nil }
        return detail("A decision-maker last met \(days) days ago (more than \(c.settings.routeDays)); no coach or supporter reaches one",
                      "最近一次见决策者在 \(days) 天前（超过 \(c.settings.routeDays) 天），且没有内线或支持者能影响决策者")
    }
}
