import CloserCore
import TerminalUI

extension App {
    /// Moves a deal a stage, through its gate (`DealMoves`): from the open deal and the gate dialog.
    func move(dealID: Int64, title: String, to stage: StageTemplate, version: Int, force: String?) {
        perform([DealMoves.request(dealID: dealID, title: title, to: stage, version: version, force: force)])
    }
}
