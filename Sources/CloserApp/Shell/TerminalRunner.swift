import CloserCore
import Foundation
import TerminalUI

/// The loop: draw, wait for a key (at most a quarter second), and between keys ask the store
/// whether anyone else wrote, so other people's changes show within a second.
public enum TerminalRunner {
    public static let pollMilliseconds = 250

    public static func run(app: App, screen: Screen) {
        var canvas = Canvas(width: screen.size.width, height: screen.size.height)
        app.handle(.resize(width: screen.size.width, height: screen.size.height))
        while !app.state.shouldQuit {
            if canvas.width != app.state.width || canvas.height != app.state.height {
                canvas = Canvas(width: app.state.width, height: app.state.height)
            }
            AppView.render(app.state, into: &canvas)
            screen.flush(canvas)
            // Long work runs after the frame that says it is running, then the loop draws again.
            if app.runPendingWork() { continue }
            let waited = Date()
            if let event = screen.nextEvent(timeoutMilliseconds: pollMilliseconds) {
                app.handle(event)
            } else {
                // No key came back at once rather than after the wait: the terminal may be gone.
                if Date().timeIntervalSince(waited) * 1000 < Double(pollMilliseconds) / 2, screen.terminalIsGone { return }
                _ = app.pollStore()
            }
        }
    }
}
