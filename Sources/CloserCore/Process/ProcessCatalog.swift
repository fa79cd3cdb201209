import Foundation

/// The processes a store knows: the built-in three plus the team's own, loaded from files.
public struct ProcessCatalog: Sendable {
    public private(set) var processes: [ProcessTemplate]

    public init(custom: [ProcessTemplate] = []) {
        var merged = BuiltInProcesses.all
        for template in custom {
            if let index = merged.firstIndex(where: { $0.key == template.key }) {
                merged[index] = template
            } else {
                merged.append(template)
            }
        }
        processes = merged
    }

    public func process(_ key: String) -> ProcessTemplate? { processes.first { $0.key == key } }

    public func resolve(_ text: String) -> ProcessTemplate? {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased()
        return processes.first { $0.key == wanted || $0.name.en.lowercased() == wanted || $0.name.zh == wanted }
    }

    /// Reads a team's process template (JSON) and checks it before anyone depends on it.
    public static func decodeTemplate(from data: Data) throws -> ProcessTemplate {
        let template: ProcessTemplate
        do {
            template = try JSONDecoder().decode(ProcessTemplate.self, from: data)
        } catch {
            throw ProcessTemplateError.notATemplate(DecodingMessage.describe(error))
        }
        try template.validate()
        return template
    }
}

/// Turns Codable's nested errors into one line a user can act on.
public enum DecodingMessage {
    public static func describe(_ error: Error) -> String {
        guard let decoding = error as? DecodingError else { return String(describing: error) }
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "top level" : keys.joined(separator: ".")
        }
        switch decoding {
        case .keyNotFound(let key, let context): return "missing '\(key.stringValue)' at \(path(context))"
        case .typeMismatch(_, let context): return "wrong type at \(path(context)): \(context.debugDescription)"
        case .valueNotFound(_, let context): return "missing value at \(path(context))"
        case .dataCorrupted(let context): return "\(context.debugDescription) at \(path(context))"
        @unknown default: return String(describing: error)
        }
    }
}
