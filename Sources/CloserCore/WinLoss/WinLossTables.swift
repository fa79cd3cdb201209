import Foundation

/// One table of the win/loss analysis in words: a heading, column headings and rows.
public struct WinLossTable: Sendable, Hashable {
    /// nil: the one row of all closed deals.
    public var dimension: WinLossDimension?
    public var title: String
    public var header: [String]
    public var rows: [[String]]
}

/// The win/loss analysis as tables, worded once for `closer report winloss` and the dashboard's
/// win/loss view, so both show the same figures under the same headings.
public struct WinLossTables {
    public let report: WinLossReport
    public let lang: Language
    public let directory: TeamDirectory
    public let stageName: (String) -> String

    public init(report: WinLossReport, lang: Language, directory: TeamDirectory, stageName: @escaping (String) -> String) {
        self.report = report
        self.lang = lang
        self.directory = directory
        self.stageName = stageName
    }

    /// All closed deals, then one table per dimension.
    public var all: [WinLossTable] { [total] + WinLossDimension.allCases.map(table) }

    private func l(_ en: String, _ zh: String) -> String { LocalizedText(en: en, zh: zh)[lang] }

    private var header: [String] {
        [l("won", "赢单"), l("lost", "丢单"), l("withdrawn", "放弃"), l("win rate", "赢率"), l("avg cycle (days)", "平均周期（天）"),
         l("avg won", "平均赢单额"), l("won amount", "赢单金额"), l("lost amount", "丢单金额")]
    }

    private func cycle(_ row: WinLossRow) -> String { row.averageCycleDays.map { String(format: "%.0f", $0) } ?? "—" }

    private func figures(_ row: WinLossRow) -> [String] {
        ["\(row.won)", "\(row.lost)", "\(row.withdrawn)", ReviewWording.percent(row.winRate), cycle(row),
         row.averageWonSize.map { Money.compact($0, lang) } ?? "—",
         ReviewWording.total(row.wonAmount, lang: lang), ReviewWording.total(row.lostAmount, lang: lang)]
    }

    public var total: WinLossTable {
        WinLossTable(dimension: nil, title: l("All closed deals", "全部已关闭商机"), header: header, rows: [figures(report.total)])
    }

    public func table(_ dimension: WinLossDimension) -> WinLossTable {
        let rows = report.rows(dimension)
        switch dimension {
        case .reason:
            let lost = max(1, report.total.lost)
            return WinLossTable(dimension: dimension, title: dimension.label[lang],
                                header: [l("reason", "原因"), l("lost", "丢单"), l("share", "占比"), l("lost amount", "丢单金额"),
                                         l("avg cycle (days)", "平均周期（天）")],
                                rows: rows.map { row in
                                    [row.key == LostReason.other ? LostReason.otherLabel[lang] : row.key, "\(row.lost)",
                                     ReviewWording.percent(Double(row.lost) / Double(lost)), ReviewWording.total(row.lostAmount, lang: lang), cycle(row)]
                                })
        case .competitor:
            return WinLossTable(dimension: dimension, title: dimension.label[lang],
                                header: [l("competitor", "竞争对手"), l("won against", "胜"), l("lost against", "负"), l("won by them", "被其赢走"),
                                         l("win rate", "赢率"), l("lost amount", "丢单金额")],
                                rows: rows.map { row in
                                    [row.key, "\(row.won)", "\(row.lost)", "\(row.lostTo)", ReviewWording.percent(row.winRate),
                                     ReviewWording.total(row.lostAmount, lang: lang)]
                                })
        case .stage, .rep, .month, .quarter:
            let name: (String) -> String = switch dimension {
            case .stage: stageName
            case .rep: directory.name
            default: { $0 }
            }
            let column = switch dimension {
            case .stage: l("stage", "阶段")
            case .rep: l("rep", "销售")
            default: l("period", "期间")
            }
            return WinLossTable(dimension: dimension, title: dimension.label[lang], header: [column] + header,
                                rows: rows.map { [name($0.key)] + figures($0) })
        }
    }
}
