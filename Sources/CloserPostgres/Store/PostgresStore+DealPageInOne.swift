import CloserCore

/// The deal table's pages that one statement answers (OneStatementRead): a page of the table
/// browsed, and a search whose matches are kept from a read in the same snapshot, when they are
/// every match (a broader search counts its matches in a second statement).
extension PostgresStore {
    static func dealPageInOneStatement(_ query: DealQuery, _ selection: DealSelection, actorColumns: String,
                                       cache: SearchProbeCache) -> OneStatement<Page<DealSummary>>? {
        let order = dealOrder(query)
        let offset = max(0, query.offset), limit = max(0, query.limit)
        if selection.text.isEmpty {
            return browsedPage(selection, order: order, offset: offset, limit: limit, actorColumns: actorColumns)
        }
        guard let entry = cache.entry(selection.probeKey(order: order, probe: searchProbeLimit + 1)),
              entry.ids.count <= searchProbeLimit else { return nil }
        let probe = cachedProbe(entry, order: order, offset: offset, limit: limit, actorColumns: actorColumns)
        return OneStatement(sql: probe.sql, values: probe.values) { rows in
            try probe.read(rows).map { Page(rows: $0.rows, total: $0.matched, offset: offset) }
        }
    }
}
