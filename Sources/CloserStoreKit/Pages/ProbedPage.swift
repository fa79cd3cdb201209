/// A filtered page's ids and total, found by probing: the pass that finds the matches reads up to
/// `probeLimit` of their ids in order and counts them itself; only a broader match is counted by a
/// second pass (and paged by a third when the page lies past the probe). For search as you type,
/// where reading the scattered matches twice (to count, then to page) was half a keystroke's time.
package enum ProbedPage {
    /// `probe(n)`: the first `n` matching ids in the page's order; `count()`: every match;
    /// `page()`: the ids at the page's offset and limit.
    package static func ids(offset: Int, limit: Int, probeLimit: Int, probe: (Int) throws -> [Int64],
                            count: () throws -> Int, page: () throws -> [Int64]) throws -> (ids: [Int64], total: Int) {
        let (ids, total) = try rows(offset: offset, limit: limit, probeLimit: probeLimit, probe: { n in
            let probed = try probe(n)
            return (probed.count, Array(probed.dropFirst(offset).prefix(limit)))
        }, count: count, page: page)
        return (ids, total)
    }

    /// The same probe where the store counts the first matches and picks the page among them
    /// itself (in one statement, so the ids never travel): `probe(n)` gives how many of the first
    /// `n` matches there are and the rows at the page's offset and limit among them.
    package static func rows<Row>(offset: Int, limit: Int, probeLimit: Int, probe: (Int) throws -> (matched: Int, rows: [Row]),
                                  count: () throws -> Int, page: () throws -> [Row]) throws -> (rows: [Row], total: Int) {
        let probed = try probe(probeLimit + 1)
        if probed.matched <= probeLimit { return (probed.rows, probed.matched) }
        let total = try count()
        return (offset + limit <= probeLimit ? probed.rows : try page(), total)
    }
}
