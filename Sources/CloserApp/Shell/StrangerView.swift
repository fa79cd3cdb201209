import CloserCore
import TerminalUI

/// The whole screen for a name that is not a user of a store that has users: what to ask a
/// manager for, instead of a board that is empty for no visible reason.
enum StrangerView {
    static func lines(_ state: AppState) -> [(String, StyleRole)] {
        let user = Sanitizer.clean(state.user)
        let command = "closer user add \(user) --role rep"
        let text: [(LocalizedText, StyleRole)] = [
            (LocalizedText(en: "“\(user)” is not a user of this store", zh: "“\(user)” 不是该数据库的用户"), .title),
            (LocalizedText(en: "It has users, so each sees only what they may: you see nothing yet.", zh: "该数据库已有用户，每人只能看到自己有权看到的内容：你目前什么也看不到。"), .normal),
            (LocalizedText(en: "", zh: ""), .normal),
            (LocalizedText(en: "Ask a manager to add you:", zh: "请经理添加你："), .normal),
            (LocalizedText(en: "    \(command)", zh: "    \(command)"), .accent),
            (LocalizedText(en: "(or open the dashboard as your user name: closer --user NAME)", zh: "（或以你的用户名打开：closer --user 名字）"), .dim),
            (LocalizedText(en: "", zh: ""), .normal),
            (LocalizedText(en: "This screen starts by itself once you are added · q quits", zh: "添加后本屏会自动进入看板 · 按 q 退出"), .dim),
        ]
        return text.map { ($0.0[state.lang], $0.1) }
    }

    static func render(_ state: AppState, into canvas: inout Canvas) {
        let area = Rect(x: 0, y: 0, width: state.width, height: state.height)
        let lines = lines(state)
        let width = min(area.width - 2, (lines.map { TextWidth.of($0.0) }.max() ?? 0) + 6)
        let box = area.centered(width: width, height: min(area.height, lines.count + 4))
        let inner = Panel.render(into: &canvas, rect: box, title: "Closer · \(Sanitizer.clean(state.storeLocation))", focused: true, fill: .normal)
        for (index, line) in lines.enumerated() where index + 1 < inner.height {
            canvas.put(line.0, x: inner.x + 2, y: inner.y + 1 + index, role: line.1, maxWidth: inner.width - 3)
        }
    }
}
