import Foundation

/// Taking a logged change back: each field the log names is set to its old text, read back the
/// way `FieldDiff` wrote it. The result is checked by diffing it against the value it came from:
/// it must differ in exactly the reverted fields, each back to its old text, and the value must
/// now be what the change made of it — else it is refused rather than half restored. (The log
/// joins a list with ", ": an item that held ", " itself comes back split.)
public enum FieldRevert {
    /// `value` with the fields of `changes` (but `skipping`) set back to their `old` texts; nil
    /// when one cannot be read back exactly.
    public static func revert<T: Codable>(_ value: T, _ changes: [String: FieldChange], skipping: Set<String> = []) -> T? {
        let wanted = changes.filter { !skipping.contains($0.key) }
        guard !wanted.isEmpty, var object = jsonObject(value) else { return nil }
        for (key, change) in wanted {
            guard let old = change.old else {
                object.removeValue(forKey: key)
                continue
            }
            object[key] = candidates(old, like: object[key]).first
        }
        if let reverted = decodeChecked(object, from: value, wanted, logged: changes) { return reverted }
        // A value logged without its type (an optional that was nil) may be a number or a text:
        // the first reading that decodes and diffs back exactly wins.
        for (key, change) in wanted {
            guard let old = change.old else { continue }
            for candidate in candidates(old, like: nil).dropFirst() {
                var attempt = object
                attempt[key] = candidate
                if let reverted = decodeChecked(attempt, from: value, wanted, logged: changes) { return reverted }
            }
        }
        return nil
    }

    /// The readings of a logged text for a field whose current JSON value is `current`: a text
    /// stays text, a list splits on ", ", anything else is a JSON fragment; for an absent field
    /// (an optional that is nil now) the fragment first, then the text.
    static func candidates(_ old: String, like current: Any?) -> [Any] {
        switch current {
        case is String: return [old]
        case is [String]: return [old.isEmpty ? [] : old.components(separatedBy: ", ")]
        case .some: return fragment(old).map { [$0] } ?? [old]
        case .none: return (fragment(old).map { [$0] } ?? []) + [old]
        }
    }

    static func fragment(_ text: String) -> Any? {
        guard let data = "[\(text)]".data(using: .utf8),
              let array = try? JSONSerialization.jsonObject(with: data) as? [Any], array.count == 1 else { return nil }
        return array[0]
    }

    static func jsonObject<T: Encodable>(_ value: T) -> [String: Any]? {
        guard let data = try? encoder.encode(value) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// The decoded value when it differs from `original` in each wanted field exactly back, and
    /// elsewhere only in fields the change logged (those it derives, like an account's quadrant).
    static func decodeChecked<T: Codable>(_ object: [String: Any], from original: T, _ wanted: [String: FieldChange],
                                          logged: [String: FieldChange]) -> T? {
        guard JSONSerialization.isValidJSONObject(object), let data = try? JSONSerialization.data(withJSONObject: object),
              let reverted = try? decoder.decode(T.self, from: data) else { return nil }
        let diff = FieldDiff.between(original, reverted)
        guard diff.keys.allSatisfy({ logged[$0] != nil }) else { return nil }
        return wanted.allSatisfy({ diff[$0.key] == FieldChange(old: $0.value.new, new: $0.value.old) }) ? reverted : nil
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }
}
