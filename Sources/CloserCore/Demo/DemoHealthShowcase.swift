import Foundation

/// The deal-health part of the demo: every account gets a buyer maturity (004), two deals in
/// three past their needs stage record what the customer said, and (in the curated demo) two
/// customers carry deals that show the health rules at work — one deal that trips every rule
/// the data can prove, and two that trip none. Fixed data relative to `today`, drawn after the
/// rest of the company, so the generated company before it is unchanged.
extension DemoBuilder {
    /// How many deals the showcase adds.
    static let healthShowcaseDeals = 3

    static let needTexts = ["降低非计划停机时间", "满足新的环保排放标准", "现有系统备件停产，需要替换", "操作界面要中文，便于现场人员使用",
                            "与现有DCS系统无缝集成", "缩短工期，年底前投运"]

    mutating func makeHealthData() {
        assignBuyerMaturity()
        recordNeeds()
        // The benchmark sizes stay exact: N deals, N/5 accounts.
        if !isScale { makeHealthShowcase() }
    }

    /// Deals at or past their process's needs stage mostly record what the customer said, in the
    /// words of someone below the decision layer (who talks to us most), else a decision-maker.
    mutating func recordNeeds() {
        for index in deals.indices where index % 3 != 2 {
            let deal = deals[index]
            guard let process = BuiltInProcesses.all.first(where: { $0.key == deal.processKey }),
                  let needsAt = process.flaggedStage(.needs).flatMap({ process.stageIndex($0.key) }),
                  let stage = process.stageIndex(deal.stageKey), stage >= needsAt else { continue }
            let account = info[Int(deal.accountID) - 1]
            let local = account.otherLocal.first ?? account.decisionLocal.first
            let person = local.map { Int64(account.firstPerson + $0 + 1) }
            deals[index].needs = [CustomerNeed(text: Self.needTexts[index % Self.needTexts.count], statedBy: person)]
        }
    }

    /// Buyer maturity follows loyalty: customers long with us have learned the product (004).
    /// Every sixth account is left unjudged, as in a real team.
    mutating func assignBuyerMaturity() {
        for index in accounts.indices {
            guard index % 6 != 5 else { continue }
            let loyalty = accounts[index].loyalty
            accounts[index].maturity = loyalty <= 3 ? .generalist : loyalty <= 5 ? .familiar : loyalty <= 7 ? .unbundling : .specialist
        }
    }

    mutating func makeHealthShowcase() {
        let rep = DemoData.reps[0].login
        // 东海化工: the decision-maker last met 100 days ago, no coach, nobody who reaches him.
        let donghai = showcaseAccount("东海化工集团有限公司", industry: "化工", maturity: .familiar, owner: rep)
        let zhou = showcasePerson(donghai, "周建国", title: "总经理", level: .decisionMaker, roles: [.decisionMaker, .approver],
                                  function: .using, lastMet: -100)
        let wu = showcasePerson(donghai, "吴海峰", title: "设备部经理", level: .manager, roles: [.evaluator], function: .technical,
                                reportsTo: zhou, stance: .opponent, lastMet: -12)
        _ = showcasePerson(donghai, "郑晓东", title: "仪表工程师", level: .operator_, roles: [.user], function: .technical,
                           reportsTo: wu, lastMet: -12)
        // 江南精密: the general manager supports us and our coach reports to him; both met this week.
        let jiangnan = showcaseAccount("江南精密仪器股份有限公司", industry: "仪器仪表", maturity: .unbundling, owner: rep)
        let qian = showcasePerson(jiangnan, "钱立新", title: "总经理", level: .decisionMaker, roles: [.decisionMaker], function: .using,
                                  stance: .supporter, lastMet: -5)
        let sun = showcasePerson(jiangnan, "孙雅琴", title: "技术部主任", level: .manager, roles: [.specifier, .evaluator],
                                 function: .technical, reportsTo: qian, stance: .supporter, coach: true, lastMet: -3)

        // Every provable rule: a demo with no discovery, a quote in Proposal, no needs, no budget,
        // no next step, no route to the decision-maker and him gone cold.
        let bad = showcaseDeal(donghai, "东海化工 DCS 改造", owner: rep, moves: [-60, -45, -30], amount: 4_200_000)
        showcaseActivity(bad, .demo, -28, with: [wu], "现场演示在线分析系统")
        showcaseActivity(bad, .quote, -20, with: [wu], "客户首次见面即询价，给出了报价")
        finishShowcaseDeal(bad)

        // None: discovery before the demo, the quote in Bid, needs stated, budget known, a next step.
        var good = showcaseDeal(jiangnan, "江南精密 在线监测系统", owner: rep, moves: [-80, -70, -55, -35, -20], amount: 6_800_000)
        good.needs = [CustomerNeed(text: "非计划停机减少一半", statedBy: qian), CustomerNeed(text: "中文版操作手册和现场培训", statedBy: sun)]
        good.budgetKnown = true
        good.nextStep = "高层拜访，确认合同条款"
        good.nextStepDue = Day(ordinal: todayOrdinal + 5)
        showcaseActivity(good, .discovery, -52, with: [sun], "需求调研：与使用部门逐项梳理现有问题")
        showcaseActivity(good, .demo, -45, with: [sun, qian], "针对调研结论演示在线监测方案")
        showcaseActivity(good, .quote, -30, with: [sun], "投标阶段提交正式报价")
        finishShowcaseDeal(good)

        var early = showcaseDeal(jiangnan, "江南精密 备品备件", owner: rep, moves: [-15], amount: 350_000)
        early.budgetKnown = true
        early.nextStep = "带工程师现场测量"
        early.nextStepDue = Day(ordinal: todayOrdinal + 2)
        showcaseActivity(early, .discovery, -10, with: [sun], "访谈技术部，连问五个为什么找到真实需求")
        finishShowcaseDeal(early)
    }

    private mutating func showcaseAccount(_ name: String, industry: String, maturity: BuyerMaturity, owner: String) -> Int64 {
        let id = Int64(accounts.count + 1)
        let created = date(moment(todayOrdinal - DemoCompany.historyDays, slot: 0))
        accounts.append(Account(id: id, name: name, grade: .a, assistance: 5, loyalty: 5, industry: industry, region: "华东",
                                businessNature: "民企", scale: "大型", maturity: maturity, owner: owner, tags: ["健康示范"], version: 1,
                                createdAt: created, updatedAt: created))
        emit(moment(todayOrdinal - DemoCompany.historyDays, slot: 0), user: owner, entity: "account", id: id, action: "created", note: name)
        return id
    }

    private mutating func showcasePerson(_ account: Int64, _ name: String, title: String, level: PersonLevel, roles: Set<PersonRole>,
                                         function: PersonFunction, reportsTo: Int64? = nil, stance: Stance = .neutral,
                                         coach: Bool = false, lastMet: Int) -> Int64 {
        let id = Int64(persons.count + 1)
        let created = date(moment(todayOrdinal - DemoCompany.historyDays, slot: 1))
        persons.append(Person(id: id, accountID: account, name: name, title: title, level: level, function: function, roles: roles,
                              stance: stance, influence: level == .decisionMaker ? 80 : 40, isInsideCoach: coach, reportsTo: reportsTo,
                              lastMet: Day(ordinal: todayOrdinal + lastMet), version: 1, createdAt: created, updatedAt: created))
        return id
    }

    /// A project deal created on the first day in `moves` and moved a stage forward on each later one
    /// by the real gate rules: the milestones ticked, the one the org chart must prove forced where it does not.
    private mutating func showcaseDeal(_ account: Int64, _ title: String, owner: String, moves: [Int], amount: Int64) -> Deal {
        let process = BuiltInProcesses.project
        let id = Int64(deals.count + 1)
        let evidence = DealEvidence(persons: persons.filter { $0.accountID == account })
        let createdAt = moment(todayOrdinal + moves[0], slot: 2)
        emit(createdAt, user: owner, entity: "deal", id: id, action: "created",
             changes: ["stage": FieldChange(old: nil, new: process.stages[0].key)], note: title)
        var deal = Deal(id: id, accountID: account, title: title, processKey: process.key, stageKey: process.stages[0].key,
                        amount: Money(minorUnits: amount * 100), expectedClose: Day(ordinal: todayOrdinal + 60), owner: owner,
                        version: 1, createdAt: date(createdAt), updatedAt: date(createdAt))
        for (step, day) in moves.dropFirst().enumerated() {
            let from = process.stages[step], to = process.stages[step + 1]
            deal.milestonesDone.formUnion(from.milestones.filter { $0.proof == nil }.map(\.key))
            let at = moment(todayOrdinal + day, slot: 3)
            let forced = deal.overrides.count
            do {
                deal = try DealRules.move(deal, to: to.key, process: process, evidence: evidence,
                                          forceReason: DemoData.coachForceReasons[0], by: owner, at: date(at))
            } catch {
                assertionFailure("showcase deal \(id) could not move: \(error)")
            }
            emit(at, user: owner, entity: "deal", id: id, action: deal.overrides.count > forced ? "forced" : "moved",
                 changes: ["stage": FieldChange(old: from.key, new: to.key)], note: deal.overrides.count > forced ? DemoData.coachForceReasons[0] : "")
            deal.updatedAt = date(at)
        }
        if moves.count == 1 { deal.stageEnteredAt = date(createdAt) }
        return deal
    }

    private mutating func showcaseActivity(_ deal: Deal, _ kind: ActivityKind, _ day: Int, with people: [Int64], _ notes: String) {
        activities.append(Activity(id: Int64(activities.count + 1), accountID: deal.accountID, dealID: deal.id, kind: kind,
                                   day: Day(ordinal: todayOrdinal + day), personIDs: people, notes: notes, by: deal.owner,
                                   createdAt: date((todayOrdinal + day) * 86_400 + 17 * 3_600)))
    }

    private mutating func finishShowcaseDeal(_ deal: Deal) { deals.append(deal) }
}
