/// `command --name value …`, parsed by hand (this target has no ArgumentParser).
struct Arguments {
    let command: String?
    private var options: [String: String] = [:]

    init(_ words: [String]) {
        command = words.first
        var index = 1
        while index < words.count {
            let word = words[index]
            if word.hasPrefix("--") {
                let name = String(word.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    options[String(name[..<equals])] = String(name[name.index(after: equals)...])
                } else {
                    options[name] = index + 1 < words.count ? words[index + 1] : ""
                    index += 1
                }
            } else {
                options["?" + word] = word
            }
            index += 1
        }
    }

    var unknown: [String] { options.keys.filter { $0.hasPrefix("?") }.map { String($0.dropFirst()) } }

    func string(_ name: String) throws -> String {
        guard let value = options[name], !value.isEmpty else { throw BenchError("missing --\(name) VALUE") }
        return value
    }

    func int(_ name: String, default value: Int) throws -> Int {
        guard let text = options[name] else { return value }
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number >= 0 else {
            throw BenchError("--\(name) needs a whole number, got \(text)")
        }
        return number
    }

    func check(allowed: Set<String>) throws {
        if let word = unknown.first { throw BenchError("unexpected argument \(word)") }
        if let name = options.keys.first(where: { !allowed.contains($0) }) { throw BenchError("unknown option --\(name)") }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
