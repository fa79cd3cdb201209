import CloserCore
import TerminalUI

/// What each of the review's sections shows as a table: its columns, most needed first to stay,
/// and the total row under the per-rep tables.
enum ReviewSections {
    static func columns(_ section: ReviewState.Section, _ state: AppState, _ review: WeeklyReview, stageName: (String) -> String,
                        lang: Language) -> [ReviewColumn] {
        func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }
        let numbers = state.numbers, today = state.today
        switch section {
        case .list(let kind):
            let items = review.list(kind).items
            // The lists about open deals' state name the stage; the period's moves say it in "what".
            let showsStage: Set<ReviewListKind> = [.stalled, .missingNextStep, .overdueNextStep, .pastClose, .newDeals]
            var columns = [
                ReviewColumn(header: lang(.title), cells: items.map(\.title), keep: 98, shrinks: true, shortest: 10),
                ReviewColumn(header: lang(.account), cells: items.map(\.accountName), keep: 60, shrinks: true, shortest: 8),
                ReviewColumn(header: lang(.owner), cells: items.map { numbers.name($0.owner) }, keep: 70, shrinks: true),
                ReviewColumn(header: lang(.amount), cells: items.map { ReviewWording.amount($0, base: review.baseCurrency, lang: lang) }, keep: 90,
                             shrinks: true, shortest: 8, alignRight: true, compact: items.map { numbers.ownAmount($0.amount, lang: lang) }),
                // What happened is what the list is for: it stays, and gives way last.
                ReviewColumn(header: l("What", "说明"), cells: items.map { ReviewWording.detail($0, kind, lang: lang, today: today, stageName: stageName) },
                             keep: 97, shrinks: true, shortest: 14),
            ]
            if showsStage.contains(kind) {
                columns.insert(ReviewColumn(header: l("Stage", "阶段"), cells: items.map { stageName($0.stage) }, keep: 80, shrinks: true), at: 3)
            }
            return columns
        case .accountPlans:
            let items = review.accountPlans.items
            return [
                ReviewColumn(header: l("Due", "到期"), cells: items.map { $0.dueText(today: today, lang: lang) }, keep: 96, shrinks: true, shortest: 10,
                             compact: items.map { $0.shortDueText(today: today, lang: lang) }),
                ReviewColumn(header: lang(.account), cells: items.map(\.accountName), keep: 95, shrinks: true, shortest: 8),
                ReviewColumn(header: lang(.owner), cells: items.map { numbers.name($0.owner) }, keep: 70, shrinks: true),
                ReviewColumn(header: l("Action", "行动"), cells: items.map(\.text), keep: 97, shrinks: true, shortest: 12),
            ]
        case .health(let rule):
            let items = state.review.health?.list(rule)?.items ?? []
            return [
                ReviewColumn(header: lang(.title), cells: items.map(\.title), keep: 98, shrinks: true, shortest: 10),
                ReviewColumn(header: lang(.account), cells: items.map(\.accountName), keep: 60, shrinks: true, shortest: 8),
                ReviewColumn(header: lang(.owner), cells: items.map { numbers.name($0.owner) }, keep: 70, shrinks: true),
                ReviewColumn(header: l("Stage", "阶段"), cells: items.map { stageName($0.stage) }, keep: 65, shrinks: true),
                ReviewColumn(header: lang(.amount), cells: items.map { numbers.amount($0.amount, on: today, lang: lang) }, keep: 90,
                             shrinks: true, shortest: 8, alignRight: true, compact: items.map { numbers.ownAmount($0.amount, lang: lang) }),
                ReviewColumn(header: l("What", "说明"), cells: items.map { $0.detail[lang] }, keep: 97, shrinks: true, shortest: 14),
            ]
        case .healthByRep:
            let reps = state.review.health?.reps ?? []
            let rules = HealthRule.allCases.filter { rule in state.review.health?.list(rule) != nil }
            return [
                ReviewColumn(header: lang(.rep), cells: reps.map { numbers.name($0.rep) }, keep: 99, shrinks: true),
                ReviewColumn(header: l("open", "在途数"), cells: reps.map { "\($0.openDeals)" }, keep: 60, alignRight: true),
                ReviewColumn(header: l("flagged", "有警示"), cells: reps.map { "\($0.flaggedDeals)" }, keep: 90, alignRight: true),
                ReviewColumn(header: l("flagged amount", "警示金额"), cells: reps.map {
                    ReviewWording.total(numbers.total($0.flaggedAmount.map { ($0.key, $0.value) }, on: today), lang: lang)
                }, keep: 80, alignRight: true),
            ] + rules.enumerated().map { index, rule in
                // The rules some deal trips stay before those none does.
                let tripped = (state.review.health?.list(rule)?.count ?? 0) > 0
                return ReviewColumn(header: rule.shortLabel[lang], cells: reps.map { "\($0.count(rule))" }, keep: (tripped ? 50 : 30) - index, alignRight: true)
            }
        case .closeDates:
            let changes = review.closeDateChanges
            func day(_ day: Day?) -> String { day.map { ReviewWording.day($0, today: today) } ?? "—" }
            return [
                ReviewColumn(header: lang(.title), cells: changes.map(\.item.title), keep: 95, shrinks: true, shortest: 8),
                ReviewColumn(header: lang(.owner), cells: changes.map { numbers.name($0.item.owner) }, keep: 70, shrinks: true),
                ReviewColumn(header: l("from → to", "原 → 新"), cells: changes.map { "\(day($0.from)) → \(day($0.to))" }, keep: 90),
                ReviewColumn(header: l("days", "天数"), cells: changes.map { ($0.days > 0 ? "+" : "") + "\($0.days)" }, keep: 85, alignRight: true),
                ReviewColumn(header: l("pushed ever", "累计推迟"), cells: changes.map { "\($0.pushesEver)×" }, keep: 60, alignRight: true),
            ]
        case .quadrants:
            let changes = review.quadrantChanges
            return [
                ReviewColumn(header: lang(.account), cells: changes.map(\.accountName), keep: 95, shrinks: true),
                ReviewColumn(header: l("from → to", "从 → 到"), cells: changes.map { "\($0.from.label[lang]) → \($0.to.label[lang])" }, keep: 90),
            ]
        case .reps:
            let reps = review.reps
            func standing(_ rep: RepFigures) -> Attainment? { rep.attainment.first { $0.period.kind == .quarter } }
            // A rep with nothing won, committed or targeted in the quarter has no standing: zeros, no target.
            func money(_ total: BaseTotal?, none: String = "0") -> String { total.map { Money.compact($0.minorUnits, lang) + ($0.isComplete ? "" : "+?") } ?? none }
            return [
                ReviewColumn(header: lang(.rep), cells: reps.map { numbers.name($0.rep) }, keep: 99, shrinks: true),
                ReviewColumn(header: l("open", "在途数"), cells: reps.map { "\($0.openDeals)" }, keep: 40, alignRight: true),
                ReviewColumn(header: l("pipeline", "管道"), cells: reps.map { money($0.basePipeline) }, keep: 55, alignRight: true),
                ReviewColumn(header: l("✓ won", "✓ 赢单"), cells: reps.map { money(standing($0)?.won) }, keep: 90, alignRight: true),
                ReviewColumn(header: l("commit", "承诺"), cells: reps.map { money(standing($0)?.commit) }, keep: 85, alignRight: true),
                ReviewColumn(header: l("best case", "乐观"), cells: reps.map { money(standing($0)?.bestCase) }, keep: 35, alignRight: true),
                ReviewColumn(header: l("target", "目标"), cells: reps.map { money(standing($0)?.target?.amount, none: "—") }, keep: 80, alignRight: true),
                ReviewColumn(header: l("attained", "达成率"), cells: reps.map { standing($0)?.ratioText ?? "—" }, keep: 75, alignRight: true),
                ReviewColumn(header: l("gap", "缺口"), cells: reps.map { standing($0)?.gap.map { Money.compact($0, lang) } ?? "—" }, keep: 70,
                             alignRight: true),
                ReviewColumn(header: l("moved", "推进"), cells: reps.map { "\($0.moved)" }, keep: 30, alignRight: true),
                ReviewColumn(header: l("stalled", "停滞"), cells: reps.map { "\($0.stalled)" }, keep: 45, alignRight: true),
                ReviewColumn(header: lang(.overdue), cells: reps.map { "\($0.overdue)" }, keep: 50, alignRight: true),
            ]
        }
    }

    /// The team's row under the per-rep table: its own standing (the team target may be set for
    /// the team itself, or add up the reps').
    static func footer(_ section: ReviewState.Section, _ state: AppState, _ review: WeeklyReview, lang: Language) -> [String]? {
        guard section == .reps, !review.reps.isEmpty else { return nil }
        let team = review.attainment.first { $0.period.kind == .quarter }
        func money(_ total: BaseTotal?) -> String { total.map { Money.compact($0.minorUnits, lang) + ($0.isComplete ? "" : "+?") } ?? "—" }
        let pipeline = review.reps.map(\.basePipeline).reduce(BaseTotal(currency: review.baseCurrency), +)
        return [LocalizedText(en: "Total", zh: "合计")[lang], "\(review.reps.map(\.openDeals).reduce(0, +))", money(pipeline), money(team?.won),
                money(team?.commit), money(team?.bestCase), money(team?.target?.amount), team?.ratioText ?? "—",
                team?.gap.map { Money.compact($0, lang) } ?? "—", "\(review.reps.map(\.moved).reduce(0, +))",
                "\(review.reps.map(\.stalled).reduce(0, +))", "\(review.reps.map(\.overdue).reduce(0, +))"]
    }
}
