// closer-bench: hand-run benchmarks whose figures go into a report (not unit tests).
//
//   closer-bench store  --db PATH [--scale N] [--runs N] [--seed S]
//   closer-bench render --db PATH [--runs N] [--rounds N] [--user NAME]
//   closer-bench accounts --db PATH [--runs N] [--user NAME]
//   closer-bench orgchart --db PATH [--persons N] [--runs N]
//   closer-bench review --db PATH [--runs N] [--cycles N]
//   closer-bench health --db PATH [--runs N] [--user NAME]
//   closer-bench backends --db PATH|postgres://… [--runs N] [--user NAME] [--copy-to NEW]
//   closer-bench team-load --db postgres://ADMIN@HOST/NEW-DB [--reps 50] [--walls 5] [--seconds 60] [--kill-every S] [--restart-at S --restart CMD]
//   closer-bench import --db NEW-PATH [--rows N] [--accounts N] [--seed S] [--cases 1-4] [--runs N]
//
// Build in release: swift build -c release --scratch-path .build-bench
import Foundation

let usage = """
    usage:
      closer-bench store  --db PATH [--scale 100000] [--runs 20] [--seed 1]
          creates PATH with the demo company at that scale when it does not exist, then times
          board, deal pages, search and a move (1 cold + --runs warm runs each)
      closer-bench render --db PATH [--runs 20] [--rounds 5] [--user wang.lei]
          times App.start + AppView.render of the first 160x48 frame, then key handling + render
      closer-bench accounts --db PATH [--runs 20] [--user wang.lei]
          times the account screens: search-as-you-type keystrokes, sorting page 1, the quadrant
          screen's first frame and the store's quadrantSummary (1 cold + --runs warm runs each);
          --user: who the App acts as (default wang.lei, a rep of the demo company)
      closer-bench orgchart --db PATH [--persons 200] [--runs 20]
          makes PATH anew with one account of that many key persons, then times the read, the
          model, the layout, the org chart's first frame at 160x48 and 80x24, and keys on it
      closer-bench review --db PATH [--runs 20] [--cycles 10000] [--read-only 1]
          times the weekly review (13-week window) and the review screen's first frame, then the
          stand-up screen's resident memory over --cycles refreshes (each after a write, or with
          --read-only 1 forced by a resize, so the store does not grow)
      closer-bench health --db PATH [--runs 20] [--user li.na]
          times the deal-health report over every open deal (manager, one rep's deals, as a rep who
          sees their accounts only, one process with 200 per rule) and a board's cards' warnings
      closer-bench backends --db PATH|postgres://… [--runs 20] [--user wang.lei] [--copy-to NEW-PATH|postgres://…]
          the team server's cases on one store, file or server: the board's first frame, a selection
          move, deal-table pages at offsets 0 and 50 000, search (zgsh, 长春), the weekly review, and
          with --copy-to a copy of the whole store into that new store (run it once per backend)
      closer-bench team-load --db postgres://ADMIN@HOST/NEW-DB [--reps 50] [--walls 5] [--seconds 60] [--password P]
                             [--kill-every S] [--restart-at S --restart "pg_ctl -D DATA restart -m immediate"]
          on an empty PostgreSQL database: --reps reps, each on their own login and connection, write
          about once a second (next steps, moves, activities; some on shared deals with the version
          they read) while --walls wall screens read the stand-up's picture on every change; kills a
          random rep's connection every S seconds and restarts the server once if asked; reports
          writes/s, write → visible on a wall p50/p99, errors, and every write accounted for
      closer-bench import --db NEW-PATH [--rows 100000] [--accounts 5000] [--seed 1] [--cases 4] [--runs 5]
          writes a deals CSV as another CRM exports it, then times importing it into a new store,
          re-importing it (all rows matched), re-importing it edited (a share of rows changed) and a dry run
    """

do {
    let arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
    guard let command = arguments.command else { throw BenchError(usage) }
    switch command {
    case "store": try StoreBench(arguments).run()
    case "render": try RenderBench(arguments).run()
    case "accounts": try AccountsBench(arguments).run()
    case "orgchart": try OrgChartBench(arguments).run()
    case "review": try ReviewBench(arguments).run()
    case "import": try ImportBench(arguments).run()
    case "health": try HealthBench(arguments).run()
    case "backends": try BackendsBench(arguments).run()
    case "team-load": try TeamLoadBench(arguments).run()
    case "help", "-h", "--help": print(usage)
    default: throw BenchError("unknown command \(command)\n\(usage)")
    }
} catch {
    FileHandle.standardError.write(Data("closer-bench: \(error)\n".utf8))
    exit(1)
}
