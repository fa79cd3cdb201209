import CloserCore
import Foundation
import TerminalUI

/// The line across the top of the screen while the store is out of reach: the picture below is
/// from before, and the dashboard is trying again by itself.
enum OutageBanner {
    /// The whole sentence when it fits in `width`, else the same in fewer words.
    static func text(_ outage: StoreOutage, lang: Language, width: Int) -> String {
        let time = StandupView.clock(outage.since), attempt = outage.attempts + 1
        let full = LocalizedText(
            en: "⚠ The store cannot be reached — showing the picture of \(time); reconnecting by itself (try \(attempt)). What you type is kept.",
            zh: "⚠ 无法连接数据库 —— 显示 \(time) 的画面；正在自动重连（第 \(attempt) 次）。输入的内容会保留。")[lang]
        guard TextWidth.of(full) > width else { return full }
        return LocalizedText(en: "⚠ Store unreachable — picture of \(time); reconnecting (try \(attempt)); typing kept",
                             zh: "⚠ 无法连接数据库 —— \(time) 的画面；自动重连（第 \(attempt) 次）；输入保留")[lang]
    }

    /// Drawn over the first row below the tab bar, above any overlay.
    static func render(_ state: AppState, into canvas: inout Canvas) {
        guard let outage = state.outage, state.height > 2 else { return }
        let row = Rect(x: 0, y: 1, width: state.width, height: 1)
        canvas.fill(row, role: .highlight)
        canvas.put(" " + text(outage, lang: state.lang, width: state.width - 1), x: 0, y: 1, role: .highlight, maxWidth: state.width)
    }
}
