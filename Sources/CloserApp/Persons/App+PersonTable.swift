import CloserCore
import TerminalUI

extension App {
    func runPersonTableCommand(_ command: Command) {
        switch command {
        case .personSearch:
            state.overlay = .prompt(PromptState(title: LocalizedText(en: "Search key persons (name, title or pinyin initials)",
                                                                     zh: "搜索关键人（姓名、职位或拼音首字母）")[state.lang],
                                                text: state.personTable.text, purpose: .personSearch))
        case .personOpenChart:
            guard let row = state.personTable.selected else { return }
            openOrgChart(accountID: row.person.accountID)
            selectPerson(row.person.id)
        default: break
        }
    }

    /// Search as you type: each keystroke is one indexed page read.
    func searchPersons(_ text: String) {
        state.personTable.text = text
        state.personTable.scroll = ScrollState()
        perform([PagedTableUpdate<PersonRows>.load(state)])
    }
}
