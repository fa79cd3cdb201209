import ArgumentParser
import CloserApp
import CloserCore
import CloserExchange
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
        try FullScreen.requireTerminal("the dashboard needs a terminal; for scripts use the subcommands (closer --help)")
        let db = try store.open()
        let (screen, themeWarning) = try FullScreen.start(theme: theme)
        defer { screen.stop() }
        var state = AppState(lang: lang.language, width: screen.size.width, height: screen.size.height, today: Day.today(),
                             user: store.actor, storeLocation: db.location)
        if let warning = themeWarning { state.message = StatusMessage(warning, isError: true) }
        if db.isReadOnly { state.message = StatusMessage("\(db.location): read-only — changes will be refused", isError: true) }
        // Another program's files come in through the same importer on either store.
        let importer = ForeignImportService(store: db)
        // On a file store, `m` with nothing owned may choose who is at the keyboard, as --user does;
        // on a server the user is the connected role and is not offered a choice.
        let actAs = (db as? SQLiteStore).map { file in
            ActAs { login in
                let store = file.acting(as: login)
                return (store, ForeignImportService(store: store))
            }
        }
        let app = App(store: db, state: state, importer: importer, actAs: actAs)
        app.start()
        TerminalRunner.run(app: app, screen: screen)
    }
}
