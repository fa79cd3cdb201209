import ArgumentParser
import CloserApp
import CloserCore
import CloserSQLite
import Foundation
import TerminalUI

struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Open the full-screen dashboard (the default).")

    enum LanguageOption: String, ExpressibleByArgument, CaseIterable { case zh, en }

    @OptionGroup var store: StoreOptions
    @Option(help: "Colour theme: default, light, high-contrast, monochrome, or one of yours in $XDG_CONFIG_HOME/closer/themes.")
    var theme: String = "default"
    @Option(help: "UI language, zh or en (default from LANG / LC_ALL).") var lang: LanguageOption?

    func run() throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CLIError("the dashboard needs a terminal; for scripts use the subcommands (closer --help)")
        }
        let db = try store.open()
        let loaded = ThemeLoader().load(name: theme)
        let language = lang.map { $0 == .zh ? Language.zh : .en } ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
        let screen = Screen(theme: loaded.theme)
        do {
            try screen.start()
        } catch {
            throw CLIError(error.description)
        }
        defer { screen.stop() }
        var state = AppState(lang: language, width: screen.size.width, height: screen.size.height, today: Day.today(),
                             user: store.actor, storeLocation: db.location)
        if let warning = loaded.warning { state.message = StatusMessage(warning, isError: true) }
        if db.isReadOnly { state.message = StatusMessage("\(db.location): read-only — changes will be refused", isError: true) }
        let app = App(store: db, state: state)
        app.start()
        TerminalRunner.run(app: app, screen: screen)
    }
}
