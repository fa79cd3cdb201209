import CloserApp
import CloserCore
import Foundation
import TerminalUI

extension Optional where Wrapped == TUICommand.LanguageOption {
    /// The --lang a user gave, else the one their locale names.
    var language: Language {
        map { $0 == .zh ? Language.zh : .en } ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    }
}

/// What the full-screen commands (the dashboard, the stand-up screen) share: a terminal is
/// required, the theme is loaded (a broken one falls back with a warning), the screen started.
enum FullScreen {
    static func requireTerminal(_ why: String) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw CLIError(why) }
    }

    /// A started screen and the theme's warning, if any; the caller stops the screen.
    static func start(theme: String) throws -> (screen: Screen, themeWarning: String?) {
        let loaded = ThemeLoader(builtins: DashboardTheme.builtins).load(name: theme)
        let screen = Screen(theme: loaded.theme)
        do {
            try screen.start()
        } catch {
            throw CLIError(error.description)
        }
        return (screen, loaded.warning)
    }
}
