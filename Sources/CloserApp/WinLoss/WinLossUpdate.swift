import CloserCore
import Foundation
import TerminalUI

/// The win/loss analysis of a span: the store's own grouped read, the one `closer report winloss` prints.
struct ReadWinLoss: Work, Equatable {
    var query: WinLossQuery

    struct Reply: Sendable {
        var report: WinLossReport
        var cost: TimeInterval
        var at: Date
    }

    func run(in world: World) throws -> Reply {
        let started = Date()
        let report = try world.store.winLoss(query)
        return Reply(report: report, cost: Date().timeIntervalSince(started), at: started)
    }
}

/// The win/loss view's update: state in, effects out.
enum WinLossUpdate {
    /// The span on screen, for the rep filtered on (or the team), every process.
    static func query(_ state: AppState) -> WinLossQuery {
        let span = state.winLoss.span ?? .containing(state.today, .quarter)
        return WinLossQuery(since: span.start, until: span.end, rep: state.filter.owner)
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect]? {
        switch event {
        case .load:
            if state.winLoss.span == nil { state.winLoss.span = .containing(state.today, .quarter) }
            return [.work(ReadWinLoss(query: query(state)), replyTo: .screen(.winLoss))]
        case .command(.winLossEarlier), .command(.winLossLater):
            guard case .command(let command) = event else { return [] }
            return step(&state, earlier: command == .winLossEarlier)
        case .command(.winLossLength):
            state.winLoss.span = (state.winLoss.span ?? .containing(state.today, .quarter)).nextLength
            state.winLoss.rows = ScrollState()
            return [.reload(keeping: nil)]
        case .command(let command) where Command.selection.contains(command):
            move(&state, command)
            return []
        case .reply(let read as ReadWinLoss.Reply):
            var report = read.report
            // The team as it knows itself: reps by name, Chinese names by pinyin.
            report.byRep = state.numbers.directory.sorted(report.byRep) { $0.key }
            state.winLoss.report = report
            state.winLoss.reads.record(cost: read.cost, at: read.at)
            state.winLoss.rows.clamp(count: state.winLoss.rowCount, pageSize: WinLossLayout(content: state.contentRect).tableRows)
            return []
        case .failed(_, let error):
            state.message = .failure(error, in: state.lang)
            return []
        case .command, .mouse, .reply:
            return nil
        }
    }

    /// `[` `]`: the span before or after, of the same length; never past the one holding today.
    static func step(_ state: inout AppState, earlier: Bool) -> [Effect] {
        let span = state.winLoss.span ?? .containing(state.today, .quarter)
        guard let moved = span.stepped(earlier ? -1 : 1, today: state.today) else {
            state.message = StatusMessage(LocalizedText(en: "Already the \(span.lengthName(.en)) holding today",
                                                        zh: "已是本\(span.lengthName(.zh))")[state.lang])
            return []
        }
        state.winLoss.span = moved
        state.winLoss.rows = ScrollState()
        return [.reload(keeping: nil)]
    }

    /// Left and right change the dimension; up and down walk its rows.
    static func move(_ state: inout AppState, _ command: Command) {
        let count = WinLossDimension.allCases.count
        switch command {
        case .selectLeft: state.winLoss.dimension = (state.winLoss.dimension + count - 1) % count
        case .selectRight: state.winLoss.dimension = (state.winLoss.dimension + 1) % count
        default:
            if let key = command.scrollKey {
                _ = state.winLoss.rows.handle(key, count: state.winLoss.rowCount, pageSize: WinLossLayout(content: state.contentRect).tableRows)
            }
            return
        }
        state.winLoss.rows = ScrollState()
    }
}
