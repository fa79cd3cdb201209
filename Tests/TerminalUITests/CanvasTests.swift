import Testing
@testable import TerminalUI

@Suite struct CanvasTests {
    @Test func putReturnsColumnsAndClipsAtEdge() {
        var canvas = Canvas(width: 5, height: 2)
        #expect(canvas.put("abcdefg", x: 1, y: 0) == 4)
        #expect(canvas.lines() == [" abcd", ""])
        #expect(canvas.put("xyz", x: 0, y: 1, maxWidth: 2) == 2)
        #expect(canvas.lines()[1] == "xy")
        #expect(canvas.put("off", x: 0, y: 5) == 0)
    }

    @Test func wideCharactersUseTwoCellsAndShowOnce() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("客户", x: 0, y: 0, role: .title)
        #expect(canvas.lines() == ["客户"])
        #expect(canvas.cell(x: 1, y: 0)?.isContinuation == true)
        #expect(canvas.roleAt(x: 3, y: 0) == .title)
    }

    @Test func wideCharacterThatDoesNotFitBecomesSpace() {
        var canvas = Canvas(width: 4, height: 1)
        #expect(canvas.put("a客户", x: 0, y: 0) == 4)
        #expect(canvas.lines() == ["a客"])
        #expect(canvas.cell(x: 3, y: 0)?.text == " ")
    }

    @Test func overwritingHalfAWideCharClearsTheOtherHalf() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("客户", x: 0, y: 0)
        canvas.put("x", x: 1, y: 0)   // right half of 客
        #expect(canvas.lines() == [" x户"])
        canvas.put("y", x: 2, y: 0)   // left half of 户
        #expect(canvas.lines() == [" xy"])
        #expect(canvas.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func boxDrawsFrameWithTruncatedTitle() {
        var canvas = Canvas(width: 10, height: 3)
        canvas.box(canvas.bounds, title: "Pipeline overview")
        #expect(canvas.lines() == ["┌ Pipel… ┐", "│        │", "└────────┘"])
        #expect(canvas.roleAt(x: 0, y: 0) == .border)
        #expect(canvas.roleAt(x: 2, y: 0) == .title)
    }

    @Test func fillSetsRoleAndCursorIsOptional() {
        var canvas = Canvas(width: 4, height: 2)
        canvas.fill(Rect(x: 1, y: 1, width: 2, height: 1), role: .selected)
        #expect(canvas.roleAt(x: 1, y: 1) == .selected)
        #expect(canvas.roleAt(x: 0, y: 1) == .normal)
        #expect(canvas.cursor == nil)
        canvas.setCursor(x: 2, y: 1)
        #expect(canvas.cursor == Point(x: 2, y: 1))
    }

    @Test func rectSplitsUseTheWholeWidth() {
        let cols = Rect(x: 0, y: 0, width: 10, height: 4).columns(3, gap: 1)
        #expect(cols.map(\.width) == [3, 3, 2])
        #expect(cols.last?.maxX == 10)
        let rows = Rect(x: 0, y: 0, width: 10, height: 7).rows(2)
        #expect(rows.map(\.height) == [4, 3])
        #expect(rows[1].y == 4)
        #expect(Rect(x: 0, y: 0, width: 10, height: 10).inset(by: 2) == Rect(x: 2, y: 2, width: 6, height: 6))
    }
}

@Suite struct CanvasDiffTests {
    @Test func onlyChangedCellsAreRedrawn() {
        var canvas = Canvas(width: 6, height: 2)
        canvas.put("客户", x: 0, y: 0)
        #expect(canvas.changedCells(since: nil).count == 10)  // 12 cells minus 2 continuations
        var next = canvas
        #expect(next.changedCells(since: canvas).isEmpty)
        next.put("x", x: 1, y: 1, role: .error)
        #expect(next.changedCells(since: canvas) == [Point(x: 1, y: 1)])
        var restyled = canvas
        restyled.put("客", x: 0, y: 0, role: .selected)
        #expect(restyled.changedCells(since: canvas) == [Point(x: 0, y: 0)])
        #expect(Canvas(width: 3, height: 1).changedCells(since: canvas).count == 3)  // size change: everything
    }
}
