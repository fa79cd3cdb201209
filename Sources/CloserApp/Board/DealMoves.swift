import CloserCore
import TerminalUI

/// Moving a deal a stage (`>` `<` on the board, in the open deal, through the gate dialog).
struct MoveDeal: Work, Equatable {
    var dealID: Int64
    var title: String
    var stage: StageTemplate
    var version: Int
    /// Why the gate is forced; nil moves only through a met gate.
    var force: String?

    struct Reply: Sendable {
        var deal: Deal
        var stage: StageTemplate
    }

    func run(in world: World) throws -> Reply {
        do {
            return Reply(deal: try world.store.moveDeal(dealID, to: stage.key, forceReason: force, expectedVersion: version), stage: stage)
        } catch StoreError.rule(.unmetMilestones(let unmet)) {
            // The dialog says what the account's data lacks and opens its org chart.
            let deal = try world.store.deal(dealID)
            throw GateClosed(unmet: unmet, accountID: deal.accountID, evidence: try world.store.evidence(accountID: deal.accountID))
        }
    }
}

/// A move refused at the gate, with what the dialog needs beyond the unmet milestones.
struct GateClosed: Error, Equatable {
    var unmet: [UnmetMilestone]
    var accountID: Int64
    var evidence: DealEvidence
}

/// What a move asks and what its answer does to the dashboard: the gate decides; an unmet
/// milestone opens the gate dialog instead of moving.
enum DealMoves {
    /// `>` / `<` on a selected deal: the next or previous stage of its process, if there is one.
    static func step(_ state: inout AppState, deal: DealSummary?, by step: Int) -> [Effect] {
        guard let deal, let process = state.catalog.process(deal.processKey), let index = process.stageIndex(deal.stageKey) else { return [] }
        let target = index + step
        guard process.stages.indices.contains(target) else {
            state.message = StatusMessage(LocalizedText(en: "No stage that way: mark it won or lost in the deal (Enter)", zh: "没有更多阶段：在商机详情中标记赢单或丢单")[state.lang])
            return []
        }
        return [request(dealID: deal.id, title: deal.title, to: process.stages[target], version: deal.version, force: nil)]
    }

    static func request(dealID: Int64, title: String, to stage: StageTemplate, version: Int, force: String?) -> Effect {
        .work(MoveDeal(dealID: dealID, title: title, stage: stage, version: version, force: force), replyTo: .dealMove)
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        let lang = state.lang
        switch event {
        case .reply(let moved as MoveDeal.Reply):
            let risk = moved.deal.overrides.isEmpty ? "" : " ⚑"
            state.message = StatusMessage("#\(moved.deal.id) → \(moved.stage.name[lang])\(risk)")
            var effects: [Effect] = [.reload(keeping: moved.deal.id)]
            // Moved from the open deal: it shows the new stage.
            if let detail = DealDetailUpdate.current(state), detail.deal.id == moved.deal.id {
                effects.append(DealDetailUpdate.read(state, moved.deal.id, cursor: detail.cursor))
            }
            return effects
        case .failed(let move as MoveDeal, let closed as GateClosed):
            state.overlay = .gate(GateState(dealID: move.dealID, dealTitle: move.title, target: move.stage, version: move.version,
                                            unmet: closed.unmet, accountID: closed.accountID, evidence: closed.evidence, lang: lang))
            return []
        case .failed(let move as MoveDeal, StoreError.rule(.unmetMilestones(let unmet))):
            state.overlay = .gate(GateState(dealID: move.dealID, dealTitle: move.title, target: move.stage, version: move.version,
                                            unmet: unmet, accountID: nil, evidence: nil, lang: lang))
            return []
        case .failed(let move as MoveDeal, let error):
            state.message = .failure(error, in: state.lang)
            return [.reload(keeping: move.dealID)]
        case .failed(let tick as TickAndMove, let error):
            state.message = .failure(error, in: state.lang)
            return [.reload(keeping: tick.dealID)]
        default:
            return []
        }
    }
}
