import CloserPostgres
import Foundation

/// A login's password for `closer user add` on a server: typed at a prompt that does not echo
/// (twice, so a typo is caught), or the first line of standard input (for scripts); never an
/// argument, which other users of the machine could read in the process list.
enum LoginPasswordInput {
    static func read(prompt: Bool, stdin: Bool, for name: String) throws -> PostgresStore.LoginPassword {
        if stdin {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                throw CLIError("--password-stdin: standard input had no password on its first line; nothing was changed")
            }
            return .set(line)
        }
        guard prompt else { return .unchanged }
        guard isatty(STDIN_FILENO) == 1 else { throw CLIError("--password asks on a terminal: pipe the password to --password-stdin instead") }
        let first = try ask("password for \(name): ")
        let second = try ask("again: ")
        guard first == second else { throw CLIError("the two passwords differ: nothing was changed") }
        guard !first.isEmpty else { throw CLIError("the password is empty: nothing was changed") }
        return .set(first)
    }

    private static func ask(_ prompt: String) throws -> String {
        guard let answer = getpass(prompt) else { throw CLIError("no password was read: nothing was changed") }
        return String(cString: answer)
    }
}
