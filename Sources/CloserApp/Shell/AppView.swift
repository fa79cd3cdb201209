import CloserCore
import Foundation
import TerminalUI

/// Draws a whole frame from the state: tab bar, the current screen, status line, overlay.
public enum AppView {
    public static func render(_ state: AppState, into canvas: inout Canvas) {
        canvas.clear()
        let lang = state.lang
        guard !state.isTooSmall else {
            let need = "\(AppState.minimumWidth)×\(AppState.minimumHeight)", have = "\(state.width)×\(state.height)"
            let text = lang(.tooSmall) + (lang == .zh ? "：至少需要 \(need)，当前 \(have)" : ": need \(need), have \(have)")
            TooSmallMessage.render(into: &canvas, text: text)
            return
        }
        if state.isStranger {
            StrangerView.render(state, into: &canvas)
            return
        }
        if let standup = state.standup {
            StandupView.render(state, standup, into: &canvas)
            return
        }
        header(state, into: &canvas)
        Screens.module(state.screen).render(state, into: &canvas, area: state.contentRect)
        statusLine(state, into: &canvas)
        if let overlay = state.overlay {
            OverlayView.render(overlay, state: state, into: &canvas)
        }
        OutageBanner.render(state, into: &canvas)
        if let busy = state.busy {
            let box = Rect(x: 0, y: 0, width: state.width, height: state.height).centered(width: min(state.width - 4, TextWidth.of(busy) + 6), height: 3)
            let inner = Panel.render(into: &canvas, rect: box, title: nil, focused: true, fill: .overlay)
            canvas.put(busy, x: inner.x + 1, y: inner.y, role: .accent, maxWidth: inner.width - 2)
        }
    }

    /// Full names when they fit beside the process, short ones on a narrow terminal.
    static func tabNames(_ state: AppState) -> [String] {
        let full = Screens.all.enumerated().map { "\($0.offset + 1) \($0.element.title[state.lang])" }
        // Each tab is drawn as " name " with one column after it.
        let needed = full.reduce(0) { $0 + TextWidth.of($1) + 3 } + 2 + TextWidth.of(processLabel(state))
        guard needed > state.width else { return full }
        return Screens.all.enumerated().map { "\($0.offset + 1) \($0.element.shortTitle[state.lang])" }
    }

    static func processLabel(_ state: AppState) -> String {
        "\(state.lang(.process)): \(state.process.name[state.lang]) [p] "
    }

    static func tabRanges(_ state: AppState) -> [Range<Int>] {
        var scratch = Canvas(width: state.width, height: 1)
        return TabBar.render(into: &scratch, rect: Rect(x: 0, y: 0, width: state.width, height: 1), names: tabNames(state), active: Screens.index(of: state.screen))
    }

    static func header(_ state: AppState, into canvas: inout Canvas) {
        let row = Rect(x: 0, y: 0, width: state.width, height: 1)
        let ranges = TabBar.render(into: &canvas, rect: row, names: tabNames(state), active: Screens.index(of: state.screen))
        let tabsEnd = (ranges.last?.upperBound ?? 0) + 2
        let full = processLabel(state)
        // Without its "Process:" word when the tabs leave too little room for it.
        let name = state.process.name[state.lang]
        let room = state.width - tabsEnd - TextWidth.of(" [p] ")
        let right = tabsEnd + TextWidth.of(full) <= state.width ? full
            : "\(TextWidth.of(name) <= room ? name : TextWidth.truncate(name, to: max(1, room))) [p] "
        let x = max(tabsEnd, state.width - TextWidth.of(right))
        canvas.put(right, x: x, y: 0, role: .tab, maxWidth: state.width - x)
    }

    static func statusLine(_ state: AppState, into canvas: inout Canvas) {
        let lang = state.lang
        let rect = Rect(x: 0, y: state.height - 1, width: state.width, height: 1)
        let screen = Screens.module(state.screen)
        let hints = screen.hints(state)
        // The whole path when there is room, the file name on a narrow terminal.
        let store = StorePathName(path: state.storeLocation)
        let filter = screen.filterSummary(state)
        let right = "\(lang(.filter)): \(filter) │ \(state.user)@\(state.width >= 120 ? store.short : store.fileName)"
        StatusBar.render(into: &canvas, rect: rect, hints: hints, right: right, message: state.message?.text,
                         messageRole: state.message?.isError == true ? .error : .status)
    }
}

/// The store path as the status line shows it after "user@": home as "~", long paths cut from
/// the left; a server as its host, port and database (the user stands in front already).
struct StorePathName {
    let path: String
    var home = ProcessInfo.processInfo.environment["HOME"] ?? ""

    var fileName: String { path.split(separator: "/").last.map(String.init) ?? path }

    var short: String {
        var text = place
        if !home.isEmpty, home != "/", text.hasPrefix(home + "/") { text = "~" + text.dropFirst(home.count) }
        return text.count > 40 ? "…" + text.suffix(39) : text
    }

    private var place: String {
        let scheme = "postgres://"
        guard path.hasPrefix(scheme), let at = path.dropFirst(scheme.count).firstIndex(of: "@") else { return path }
        return String(path[path.index(after: at)...])
    }
}
