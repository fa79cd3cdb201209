extension Canvas {
    /// Positions of the cells that must be redrawn to turn `old` into this canvas: all
    /// lead cells when there is no comparable old canvas, otherwise only changed ones.
    /// Continuation cells are never listed: the terminal fills them with the wide char.
    public func changedCells(since old: Canvas?) -> [Point] {
        let comparable = old.flatMap { $0.width == width && $0.height == height ? $0 : nil }
        var changed: [Point] = []
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x
                let cell = cells[i]
                if cell.isContinuation { continue }
                if let comparable, comparable.cells[i] == cell { continue }
                changed.append(Point(x: x, y: y))
            }
        }
        return changed
    }
}
