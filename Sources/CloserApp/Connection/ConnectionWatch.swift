import CloserCore
import Foundation

/// The dashboard's side of a store that goes out of reach and comes back. Any work failing with
/// `StoreError.unreachable` starts an outage (the banner); between keys the shell asks
/// `tick` for a probe when the backoff allows; the probe's reply ends the outage, and everything
/// on screen is read again — the change listener is listening again by then, so other people's
/// writes show by themselves as before.
enum ConnectionWatch {
    /// Notes a failure: an unreachable store starts the outage or, already out, keeps it.
    /// True when the failure was the store being out of reach.
    @discardableResult
    static func noteFailure(_ state: inout AppState, _ error: any Error, now: Date) -> Bool {
        guard StoreError.isUnreachable(error) else { return false }
        if state.outage == nil { state.outage = StoreOutage(since: now, reason: ErrorText.of(error, in: state.lang)) }
        return true
    }

    /// The probe, when the outage's next try is due.
    static func tick(_ state: inout AppState, now: Date) -> [Effect] {
        guard let outage = state.outage, outage.isDue(at: now) else { return [] }
        state.outage?.lastTry = now
        return [.work(ReadChangeToken(), replyTo: .connection)]
    }

    static func update(_ state: inout AppState, _ event: ScreenEvent) -> [Effect] {
        switch event {
        case .reply(_ as Int64):
            guard state.outage != nil else { return [] }
            state.outage = nil
            state.message = StatusMessage(LocalizedText(en: "Connected to the store again: the screen is up to date",
                                                        zh: "已重新连接数据库：画面已更新")[state.lang])
            return [.refreshAll]
        case .failed(_, let error):
            let reason = ErrorText.of(error, in: state.lang)
            state.outage?.failedAgain(reason: reason)
            return []
        default:
            return []
        }
    }

    /// The one line a work refused by an out-of-reach store gets, in place of the store's words.
    static func refusal(_ error: any Error, lang: Language) -> StatusMessage? {
        guard case .unreachable(_, let mayHaveSaved)? = error as? StoreError else { return nil }
        let text = mayHaveSaved
            ? LocalizedText(en: "The connection went while saving: the change may or may not have been kept — look again once the banner is gone",
                            zh: "保存时连接中断：修改可能已保存，也可能没有 —— 横幅消失后请再查看")
            : LocalizedText(en: "The store cannot be reached: nothing was written — what you typed is kept, try again once the banner is gone",
                            zh: "无法连接数据库：没有写入任何内容 —— 已输入的内容保留，横幅消失后再试")
        return StatusMessage(text[lang], isError: true)
    }
}
