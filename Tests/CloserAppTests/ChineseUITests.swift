@testable import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import Testing
import TerminalUI

/// All Chinese in Chinese: every screen and every overlay (forms, their pickers, dialogs, help,
/// the palette, the undo messages) rendered in the Chinese UI shows no English word outside the
/// data and the names of keys. Each frame is read at 80×24 and 160×48.
@Suite("Chinese UI in Chinese")
struct ChineseUITests {
    /// The data of the fixture written in Latin letters, and what a field's format says.
    static let data = ["/home/wang/closer.sqlite", "closer.sqlite", "wang.lei", "li.na", "YYYY-MM-DD", "HH:MM", "CNY", "USD", "Siemens",
                       // Names, not words: the product and its commands, file formats, the other language's own name.
                       "closer import", "Closer", "closer", "CSV", "TSV", "vCard", "JSON", "UTF-8", "English",
                       // The import fixture's own values: a stage name of another system, a column's code.
                       "Angebot", "X1", "X2", "X3",
                       // What the test types into the palette's filter.
                       "cx"]

    /// Names of keys as help and hints write them (Enter, Esc, PgUp, C-r…), from the key map itself.
    static let keyNames: Set<String> = {
        var names = Set(KeyMap.bindings.flatMap(\.keys).map(KeyMap.name(of:)))
        names.formUnion(["Enter", "Esc", "Tab", "Space", "Bksp", "PgUp", "PgDn", "Home", "End"])
        return names
    }()

    /// The words of two or more Latin letters a frame shows that are neither data nor a key's name.
    static func englishWords(_ text: String) -> [String] {
        var rest = text
        // A command or option in backticks is a name the reader types, like a key's.
        rest = rest.replacingOccurrences(of: "`[^`]*`", with: " ", options: .regularExpression)
        for known in data { rest = rest.replacingOccurrences(of: known, with: " ") }
        // File names are data: the export's default name, the extensions it takes.
        rest = rest.replacingOccurrences(of: #"[A-Za-z0-9_./~-]*\.(csv|json|sqlite)"#, with: " ", options: .regularExpression)
        let words = rest.split { !($0.isASCII && ($0.isLetter || $0 == "-")) }.map(String.init)
        // A name cut short at the edge ("clos…", "En…") is still the name.
        return words.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "-")) }.filter { word in
            word.filter(\.isLetter).count >= 2 && !keyNames.contains { $0.hasPrefix(word) } && !data.contains { $0.contains(word) }
        }
    }

    /// A frame and where it was taken.
    struct Frame: CustomStringConvertible {
        var name: String
        var text: String
        var description: String { name }
    }

    /// Drives the dashboard through each screen and overlay, keeping each frame.
    static func frames(width: Int, height: Int) throws -> [Frame] {
        var frames: [Frame] = []
        func take(_ app: App, _ name: String) {
            frames.append(Frame(name: "\(name) \(width)×\(height)", text: app.screenText() + "\n" + (app.state.message?.text ?? "")))
        }
        let (app, _) = try LossAndCurrencyPickerTests.app(.zh, width: width, height: height)
        for (index, screen) in Screens.all.enumerated() {
            app.press(Character(String(index + 1)))
            take(app, "screen \(screen.id)")
        }
        app.press("1")
        app.press("?")
        take(app, "help")
        app.key(.escape)
        app.press(":")
        take(app, "palette")
        app.type("cx")
        take(app, "palette filtered")
        app.key(.escape)
        app.press("/")
        take(app, "search")
        app.key(.escape)
        // The new deal, each picked field's picker.
        app.press("n")
        take(app, "new deal")
        for field in [NewDealState.currencyField, NewDealState.processField, NewDealState.stageField, NewDealState.ownerField] {
            guard case .newDeal(var form) = app.state.overlay else { break }
            form.form.focus = field
            app.state.overlay = .newDeal(form)
            app.key(.char(" "))
            take(app, "new deal picker \(field)")
            app.key(.escape)
        }
        app.key(.enter)
        take(app, "new deal refused")
        app.key(.escape)
        // The open deal and everything over it.
        app.key(.enter)
        take(app, "open deal")
        app.press("h")
        take(app, "open deal health")
        app.press("h")
        app.press("e")
        take(app, "edit deal")
        app.key(.up)
        app.key(.char(" "))
        take(app, "edit deal currency picker")
        app.key(.escape)
        app.key(.escape)
        app.press("a")
        take(app, "log activity")
        app.key(.up)
        app.key(.up)
        app.key(.char(" "))
        take(app, "log activity persons picker")
        app.key(.escape)
        app.key(.escape)
        app.press("x")
        take(app, "lose deal")
        app.key(.char(" "))
        take(app, "lose deal reason picker")
        app.key(.escape)
        app.key(.enter)
        take(app, "lose deal refused")
        app.key(.escape)
        app.press("p")
        take(app, "plans")
        app.press("a")
        take(app, "plan form")
        app.key(.escape)
        app.key(.escape)
        app.press(">")
        take(app, "gate dialog")
        app.key(.escape)
        app.key(.escape)
        // Undo: nothing yet, then refused after someone else's change.
        app.press("u")
        take(app, "nothing to undo")
        // The account table's 360° view, its edit, the column chooser and saved filters.
        app.press("3")
        app.key(.enter)
        take(app, "360 view")
        app.press("e")
        take(app, "360 edit")
        app.key(.tab)
        app.key(.char(" "))
        take(app, "360 edit grade picker")
        app.key(.escape)
        app.key(.escape)
        app.key(.escape)
        app.press("c")
        take(app, "column chooser")
        app.key(.escape)
        app.press("f")
        take(app, "saved filters")
        app.key(.escape)
        app.press("E")
        take(app, "export prompt")
        app.key(.escape)
        // The org chart: the person form, its pickers, the delete dialog, the legend.
        app.openOrgChart(accountID: 1)
        take(app, "org chart")
        app.press("?")
        take(app, "org chart legend")
        app.key(.escape)
        app.press("a")
        take(app, "person form")
        for field in [PersonFormState.Field.level, .function, .roles, .stance, .coach, .manager] {
            guard case .orgChart(.person(var form)) = app.state.overlay else { break }
            form.form.focus = field.rawValue
            app.state.overlay = .orgChart(.person(form))
            app.key(.char(" "))
            take(app, "person picker \(field)")
            app.key(.escape)
        }
        app.key(.enter)
        take(app, "person form refused")
        app.key(.escape)
        app.press("W")
        take(app, "stand-up wall")
        app.key(.escape)
        app.press("I")
        take(app, "import")
        // The preview of a file with a rejected row and a stage nothing maps to: the mapping,
        // the notes and the reasons in Chinese; the file's own column names and values are data.
        app.type(try ImportScreenTests.file(ImportScreenTests.csv))
        app.key(.enter)
        app.runPendingWork()
        take(app, "import preview")
        app.key(.escape)
        // A file refused as a whole is said in Chinese too.
        app.press("I")
        app.type(try ImportScreenTests.file("", name: "empty.csv"))
        app.key(.enter)
        app.runPendingWork()
        take(app, "import refused")
        app.key(.escape)
        return frames
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func everyScreenAndOverlaySpeaksChinese(_ size: (Int, Int)) throws {
        let frames = try Self.frames(width: size.0, height: size.1)
        #expect(frames.count > 40)
        for frame in frames {
            let english = Self.englishWords(frame.text)
            #expect(english.isEmpty, "\(frame.name): \(english) in\n\(frame.text)")
        }
    }

    @Test func anUndoRefusedNamesWhoChangedTheRowInChinese() throws {
        let (app, store) = try Fixture.handMade(.zh)
        app.key(.enter)
        app.press(" ")
        _ = try store.acting(as: "li.na").editDeal(1, expectedVersion: nil) { $0.nextStep = "电话" }
        app.key(.escape)
        app.press("u")
        let text = try #require(app.state.message?.text)
        #expect(text == "未撤销：商机 1 之后被 li.na 修改过（版本 1 → 2）：未做任何撤销", "\(text)")
        #expect(Self.englishWords(text).isEmpty)
    }

    @Test func everyCaseOfRefusalHasASample() {
        #expect(Set(RefusalSamples.all.map(RefusalSamples.caseNumber)) == Set(0..<RefusalSamples.caseCount))
    }

    /// Every reason a store refuses with, and every other store error, said in Chinese: the
    /// dashboard shows `text[.zh]`, and `closer --lang zh` prints it.
    @Test func everyRefusalIsSaidInChinese() {
        for error in RefusalSamples.storeErrors {
            let zh = error.text.zh
            #expect(!zh.isEmpty && zh != error.text.en, "\(error)")
            #expect(Self.englishWords(zh).isEmpty, "\(Self.englishWords(zh)) in \(zh)")
            #expect(ErrorText.of(error, in: .zh) == zh)
            #expect(ErrorText.of(error, in: .en) == error.description)
        }
    }

    @Test func theCheckCatchesAnEnglishWord() {
        #expect(Self.englishWords("已保存 · Enter 保存 · wang.lei · Esc 取消") == [])
        #expect(Self.englishWords("s: amount ▼ · Tab ↓") == ["amount"])
    }
}
