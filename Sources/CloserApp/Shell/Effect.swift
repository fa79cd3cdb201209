import CloserCore
import Foundation
import TerminalUI

/// What the dashboard's effect runner alone holds: the store, the importer of other programs'
/// files and the file system. Updates never see it; they describe work as values instead.
struct World {
    let store: any Store
    let importer: (any ForeignImporting)?
    let files: FileManager
}

/// One piece of work on the world, described by its parameters. The runner does it and hands
/// the reply (or the error) back, as an event, to whoever asked (`Effect.work`'s `replyTo`).
protocol Work: Sendable {
    associatedtype Reply: Sendable
    func run(in world: World) throws -> Reply
}

/// Who a reply goes back to.
enum Origin: Sendable, Equatable {
    case screen(ScreenID)
    /// Moving a deal, from the board, the deal table, the gate dialog or the open deal.
    case dealMove
    /// The open deal (`DealDetailUpdate`).
    case dealDetail
    /// The open account, its 360° view (`Account360Update`).
    case account360
    /// The org chart's edits of persons (`OrgChartEdits`).
    case orgChartEdits
    /// The new-deal form (`NewDealUpdate`).
    case newDeal
    /// The saved filters' picker and save (`SavedFilterUpdate`).
    case savedFilters
    case importer
    case exporter
    /// The planned activities over the open deal.
    case plans
    /// The base currency and rates overlay.
    case rates
    /// `m` where the user owns nothing (`WhoAmIUpdate`).
    case whoAmI
    /// `u`, taking back the user's last change.
    case undo
    /// The dashboard as a whole: the team's numbers every screen shows.
    case shell
    /// The probe of a store out of reach (`ConnectionWatch`).
    case connection
}

/// What an update asks of the world, as data: tests read it, the runner does it.
enum Effect: Sendable {
    case work(any Work, replyTo: Origin)
    /// A frame saying `busy` first (reading or writing a large file), then the effects.
    case afterFrame(busy: String, [Effect])
    /// The current screen's read again, the selection kept on the deal.
    case reload(keeping: Int64?)
    /// The same, only when someone (another process) wrote since the last read.
    case reloadIfChanged(keeping: Int64?)
    /// The org chart of an account, as the screen behind, with a person selected if given.
    case openOrgChart(accountID: Int64, person: Int64? = nil)
    /// A command run next, as if its key were pressed (a double-click opens what it selected).
    case command(Command)
    /// The status line says this (after the effects before it, which may say something else).
    case say(StatusMessage)
    /// The deal opened (read again) over the screen, its milestone cursor where it was.
    case openDeal(Int64, cursor: Int)
    /// Everything on screen read again, as when someone else wrote: the screen, the open deal or account.
    case refreshAll
    /// This deal filter in force (every deal screen from the top).
    case setFilter(DealFilter)
    /// The dashboard acts as this member for the rest of the session (a file store only, like `--user`).
    case actAs(String)
}

/// What a screen's or a work's owner is told.
enum ScreenEvent: Sendable {
    /// Read what you show, keeping the selection on this deal where you can.
    case load(keeping: Int64?)
    case command(Command)
    case mouse(MouseEvent)
    case reply(any Sendable)
    case failed(any Work, any Error)
}

/// The store's change token: whether anyone wrote since the last read.
struct ReadChangeToken: Work, Equatable {
    func run(in world: World) throws -> Int64 { try world.store.changeToken() }
}

/// Who the store acts for: a member, anyone (no users yet) or a stranger.
struct ReadActor: Work, Equatable {
    func run(in world: World) throws -> Actor { try world.store.whoIsActing() }
}

/// Does the work effects describe. The one place the dashboard touches the store and files.
final class EffectRunner {
    private let world: World

    init(store: any Store, importer: (any ForeignImporting)?, files: FileManager = .default) {
        world = World(store: store, importer: importer, files: files)
    }

    var hasImporter: Bool { world.importer != nil }

    /// Runs one piece of work: its reply, or the error that stopped it.
    func run(_ work: any Work) -> Result<any Sendable, any Error> {
        Result { try perform(work) }
    }

    private func perform<W: Work>(_ work: W) throws -> any Sendable { try work.run(in: world) }
}
