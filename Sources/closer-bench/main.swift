// closer-bench: hand-run benchmarks whose figures go into a report (not unit tests).
//
//   closer-bench store  --db PATH [--scale N] [--runs N] [--seed S]
//   closer-bench render --db PATH [--runs N] [--rounds N]
//   closer-bench accounts --db PATH [--runs N] [--user NAME]
//
// Build in release: swift build -c release --scratch-path .build-bench
import Foundation

let usage = """
    usage:
      closer-bench store  --db PATH [--scale 100000] [--runs 20] [--seed 1]
          creates PATH with the demo company at that scale when it does not exist, then times
          board, deal pages, search and a move (1 cold + --runs warm runs each)
      closer-bench render --db PATH [--runs 20] [--rounds 5]
          times App.start + AppView.render of the first 160x48 frame, then key handling + render
      closer-bench accounts --db PATH [--runs 20] [--user bench]
          times the account screens: search-as-you-type keystrokes, sorting page 1, the quadrant
          screen's first frame and the store's quadrantSummary (1 cold + --runs warm runs each);
          --user: who the App acts as (a name the store does not know is a rep)
    """

do {
    let arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
    guard let command = arguments.command else { throw BenchError(usage) }
    switch command {
    case "store": try StoreBench(arguments).run()
    case "render": try RenderBench(arguments).run()
    case "accounts": try AccountsBench(arguments).run()
    case "help", "-h", "--help": print(usage)
    default: throw BenchError("unknown command \(command)\n\(usage)")
    }
} catch {
    FileHandle.standardError.write(Data("closer-bench: \(error)\n".utf8))
    exit(1)
}
