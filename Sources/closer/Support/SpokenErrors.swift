import ArgumentParser
import CloserCore
import Foundation

/// A store's refusal as the command line prints it: in the reader's language — `--lang` when the
/// command was given one, else the locale (LC_ALL, LC_MESSAGES, LANG) — English by default.
struct SpokenError: Error, CustomStringConvertible {
    let description: String

    /// `error` said in `lang` when it can say itself so; any other error passes unchanged, so the
    /// argument parser keeps its own usage messages and exit codes.
    static func wrapping(_ error: any Error, in lang: Language) -> any Error {
        guard lang != .en, let bilingual = error as? any BilingualError else { return error }
        return SpokenError(description: bilingual.text[lang])
    }

    /// The language the command line asked for.
    static func language(arguments: [String], environment: [String: String]) -> Language {
        for (index, argument) in arguments.enumerated() {
            let value: String? = if argument == "--lang", index + 1 < arguments.count { arguments[index + 1] }
                else if argument.hasPrefix("--lang=") { String(argument.dropFirst("--lang=".count)) }
                else { nil }
            if let value { return value == "zh" ? .zh : .en }
        }
        return Language.fromEnvironment(environment)
    }
}

extension Closer {
    static func main() {
        let lang = SpokenError.language(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: SpokenError.wrapping(error, in: lang))
        }
    }
}
