/// A refusal from a command's own checks: printed as "Error: …" with no usage block, since
/// the command line itself was well-formed.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
