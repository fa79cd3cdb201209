import CloserCore

/// The deal table's pages that one statement answers (OneStatementRead): a page of the table
/// browsed, and a search whose matches are kept from a read in the same snapshot, when they are
/// every match (a broader search counts its matches in a second statement).
extension PostgresStore {
    /// The page of `query` in one statement, when one statement answers it: the table browsed, a
    /// search whose kept matches are of this snapshot — and when they are not (something was
    /// written since), the search found again in one statement, as it was few enough matches
    /// to be counted in one last time.
    func dealPageInOneStatement(_ query: DealQuery) throws -> Page<DealSummary>? {
        if let page = try readInOneStatement({ who, actorColumns in
            Self.dealPageInOneStatement(query, DealSelection(query, as: who), actorColumns: actorColumns, cache: searchProbes)
        }) {
            return page
        }
        return try readInOneStatement { who, actorColumns in
            Self.searchAgainInOneStatement(query, DealSelection(query, as: who), actorColumns: actorColumns, cache: searchProbes)
        }
    }

    /// A search whose kept matches were all of them (and are of another snapshot: the kept ones
    /// are tried first), found again in one statement; nil when there are more now (a second
    /// statement counts them: the read goes the usual way).
    static func searchAgainInOneStatement(_ query: DealQuery, _ selection: DealSelection, actorColumns: String,
                                          cache: SearchProbeCache) -> OneStatement<Page<DealSummary>>? {
        let order = dealOrder(query)
        let key = selection.probeKey(order: order, probe: searchProbeLimit + 1)
        guard !selection.text.isEmpty, let entry = cache.entry(key), entry.ids.count <= searchProbeLimit else { return nil }
        let offset = max(0, query.offset), limit = max(0, query.limit)
        let probe = probe(ids: selection.ids, selection.filter, key: key, cache: cache, order: order, offset: offset, limit: limit,
                          actorColumns: actorColumns)
        return OneStatement(sql: probe.sql, values: probe.values, kept: false) { rows in
            guard let found = try probe.read(rows), found.matched <= searchProbeLimit else { return nil }
            return Page(rows: found.rows, total: found.matched, offset: offset)
        }
    }

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
