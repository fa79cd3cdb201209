import CloserCore
import Foundation

/// Our JSON exchange format: the whole `Snapshot`, dates as ISO 8601, keys sorted so two
/// exports of the same store are byte-identical.
public enum SnapshotJSON {
    public static func encode(_ snapshot: Snapshot) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.timeIntervalSince1970)
        }
        return SafeText.escapingControls(inJSON: try encoder.encode(snapshot))
    }

    public static func decode(_ data: Data, fileName: String) throws -> Snapshot {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        do {
            return try decoder.decode(Snapshot.self, from: data)
        } catch {
            throw StoreError.invalid("\(fileName): not a Closer export — \(DecodingMessage.describe(error)); nothing was imported")
        }
    }
}
