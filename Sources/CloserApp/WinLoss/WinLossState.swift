import CloserCore
import TerminalUI

/// The win/loss view: the span read, the analysis, the dimension in view and the row selected.
public struct WinLossState: Sendable {
    public var report: WinLossReport?
    /// nil until the first load picks the quarter holding today.
    public var span: WinLossSpan?
    /// The dimension whose table is shown (index into `WinLossDimension.allCases`).
    public var dimension = 0
    public var rows = ScrollState()
    /// Paces the rereads others' writes cause: the analysis groups every closed deal of the span.
    var reads = RefreshPacer()

    public init() {}

    public var currentDimension: WinLossDimension {
        WinLossDimension.allCases[min(max(0, dimension), WinLossDimension.allCases.count - 1)]
    }

    public var rowCount: Int { report?.rows(currentDimension).count ?? 0 }
}
