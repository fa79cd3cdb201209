import Foundation

/// Wall-clock timing in milliseconds, and the statistics a report quotes.
enum Timer {
    static func ms<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let value = try body()
        return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
}

struct Stats {
    let samples: [Double]
    let sorted: [Double]

    init(_ samples: [Double]) {
        self.samples = samples
        sorted = samples.sorted()
    }

    var count: Int { sorted.count }
    var min: Double { sorted.first ?? .nan }
    var max: Double { sorted.last ?? .nan }
    var median: Double { percentile(50) }
    var p95: Double { percentile(95) }

    /// Nearest-rank percentile: with 20 samples p95 is the 19th smallest.
    func percentile(_ p: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.min(sorted.count, Swift.max(1, rank)) - 1]
    }
}

/// A fixed-width text table.
struct Table {
    let headers: [String]
    var rows: [[String]] = []
    /// Columns from this index on are right-aligned (the figures).
    let firstNumeric: Int

    init(_ headers: [String], firstNumeric: Int) {
        self.headers = headers
        self.firstNumeric = firstNumeric
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// Terminal columns: CJK and other wide characters take two.
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ((0x1100...0x115F).contains($1.value) || (0x2E80...0xA4CF).contains($1.value)
            || (0xAC00...0xD7A3).contains($1.value) || (0xF900...0xFAFF).contains($1.value) || (0xFF00...0xFF60).contains($1.value) ? 2 : 1) }
    }

    func printed() -> String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0.indices.contains(column) ? Self.width($0[column]) : 0 }.max() ?? 0 }
        func line(_ row: [String]) -> String {
            row.indices.map { column in
                let text = row[column]
                let pad = String(repeating: " ", count: widths[column] - Self.width(text))
                return column >= firstNumeric ? pad + text : text + pad
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }
}

extension Table {
    /// A step, its first (cold) run and the statistics of the warm runs after it.
    static func coldAndWarm() -> Table { Table(["step", "cold", "min", "median", "p95"], firstNumeric: 1) }

    /// Runs `body` once cold and `runs` times warm, and adds the row.
    mutating func time(_ label: String, runs: Int, _ body: () throws -> Void) rethrows {
        var samples: [Double] = []
        for _ in 0...runs { samples.append(try Timer.ms(body).1) }
        let warm = Stats(Array(samples.dropFirst()))
        add([label, fmt(samples[0]), fmt(warm.min), fmt(warm.median), fmt(warm.p95)])
    }
}

func fmt(_ ms: Double) -> String { ms.isNaN ? "-" : ms >= 100 ? String(format: "%.0f", ms) : String(format: "%.2f", ms) }

func fileSize(_ path: String) -> Int64 {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
}

func megabytes(_ bytes: Int64) -> String { String(format: "%.1f MB", Double(bytes) / 1_048_576) }
