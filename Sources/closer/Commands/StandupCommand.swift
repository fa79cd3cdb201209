import ArgumentParser
import CloserApp
import CloserCore
import Foundation
import TerminalUI

/// `closer standup`: the team's wall display. The store is opened read-only, so nothing can be
/// changed from it whatever is pressed.
struct StandupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "standup",
        abstract: "The stand-up wall screen: read-only panels (pipeline, next steps, yesterday, quadrants) that cycle and refresh by themselves.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Seconds each panel stays up.") var interval: Int = 15
    @Option(help: "Colour theme (as for the dashboard).") var theme: String = "default"
    @Option(help: "UI language, zh or en (default from LANG / LC_ALL).") var lang: TUICommand.LanguageOption?
    @Option(help: "Process whose pipeline is shown.") var process: String = BuiltInProcesses.project.key

    func validate() throws {
        guard (2...3_600).contains(interval) else { throw ValidationError("--interval must be 2…3600 seconds") }
    }

    func run() throws {
        try FullScreen.requireTerminal("the stand-up screen needs a terminal; for mail and chat use closer report weekly")
        let db = try store.open(readOnly: true)
        guard try db.processCatalog().process(process) != nil else { throw CLIError("unknown process '\(process)' (closer process list)") }
        let (screen, themeWarning) = try FullScreen.start(theme: theme)
        defer { screen.stop() }
        var state = AppState(lang: lang.language, width: screen.size.width, height: screen.size.height, today: Day.today(),
                             user: store.actor, storeLocation: db.location)
        state.processKey = process
        if let warning = themeWarning { state.message = StatusMessage(warning, isError: true) }
        let app = App(store: db, state: state)
        app.start()
        app.startStandup(interval: TimeInterval(interval), wallOnly: true)
        TerminalRunner.run(app: app, screen: screen)
    }
}
