import CloserCore
import Foundation

/// The import screen's sentences, in both languages.
enum ImportText {
    /// Why Enter does not import a file with rejected rows, and what to do instead.
    static func rejectedHint(_ report: ForeignImportReport, file: ForeignImportFile, lang: Language) -> String {
        let rows = Set(report.rejections.map(\.line)).count
        let out = (ForeignImportOutcome.rejectsPath(for: file.path) as NSString).lastPathComponent
        return LocalizedText(
            en: "\(rows) row\(rows == 1 ? " is" : "s are") rejected: s imports the other rows and writes the rejected ones to \(out); or fix the file and import it again",
            zh: "\(rows) 行被拒绝：按 s 导入其余行，被拒绝的行写入 \(out)；或修改文件后重新导入")[lang]
    }

    /// The status line after an import.
    static func done(_ outcome: ForeignImportOutcome, file: ForeignImportFile, lang: Language) -> String {
        var text = LocalizedText(en: "Imported \(file.fileName): ", zh: "已导入 \(file.fileName)：")[lang] + outcome.report.summaryText[lang]
        if let error = outcome.rejectsError {
            text += " — " + error
        } else if let out = outcome.rejectsPath {
            text += LocalizedText(en: " — \(outcome.rejectedRows) rejected row\(outcome.rejectedRows == 1 ? "" : "s") written to \(out)",
                                  zh: " — \(outcome.rejectedRows) 行被拒绝的行已写入 \(out)")[lang]
        }
        return text
    }

    static let title = LocalizedText(en: "Import a file", zh: "导入文件")
    static let pathLabel = LocalizedText(en: "File to import (.csv .tsv .txt .vcf; ~ is your home folder):",
                                         zh: "要导入的文件（.csv .tsv .txt .vcf；~ 表示主目录）：")
    static let pathKeys = LocalizedText(en: "Enter preview (nothing is written yet) · Tab mapping file · Esc cancel",
                                        zh: "回车 预览（尚不写入）· Tab 映射文件 · Esc 取消")
    static let mappingOptional = LocalizedText(en: "Mapping file (JSON, optional: the columns and stages the headers do not say):",
                                               zh: "映射文件（JSON，可选：表头说明不了的列和阶段）：")
    static let file = LocalizedText(en: "File", zh: "文件")
    static let kind = LocalizedText(en: "Kind", zh: "类型")
    static let encoding = LocalizedText(en: "encoding", zh: "编码")
    static let process = LocalizedText(en: "process", zh: "流程")
    static let rows = LocalizedText(en: "rows", zh: "行")
    static let columns = LocalizedText(en: "Columns", zh: "列映射")
    static let notImported = LocalizedText(en: "Not imported", zh: "未导入的列")
    static let unmappedStages = LocalizedText(en: "Stages not mapped to", zh: "未映射的阶段，流程")
    static let rejected = LocalizedText(en: "Rejected rows", zh: "被拒绝的行")
    static let noRejections = LocalizedText(en: "No rejected rows", zh: "没有被拒绝的行")
    static let line = LocalizedText(en: "line", zh: "行")

    static func delimiter(_ name: String, lang: Language) -> String {
        switch name {
        case "tab": LocalizedText(en: "tab-separated", zh: "制表符分隔")[lang]
        case "semicolon": LocalizedText(en: "semicolon-separated", zh: "分号分隔")[lang]
        case "": ""
        default: LocalizedText(en: "comma-separated", zh: "逗号分隔")[lang]
        }
    }

    static func kind(_ file: ForeignImportFile, lang: Language) -> String {
        if file.isVCard { return LocalizedText(en: "vCard contacts → key persons", zh: "vCard 联系人 → 关键人")[lang] }
        return switch file.mapping.entity {
        case .accounts: LocalizedText(en: "accounts", zh: "客户")[lang]
        case .persons: LocalizedText(en: "persons", zh: "关键人")[lang]
        case .deals: LocalizedText(en: "deals", zh: "商机")[lang]
        case .activities: LocalizedText(en: "activities", zh: "行动记录")[lang]
        }
    }

    /// The keys the preview offers: import all only without rejections.
    static func previewKeys(_ report: ForeignImportReport, lang: Language) -> String {
        let rows = Set(report.rejections.map(\.line)).count
        if rows == 0 {
            return LocalizedText(en: "Enter import · b other file · Esc cancel", zh: "回车 导入 · b 换文件 · Esc 取消")[lang]
        }
        return LocalizedText(en: "s import, skipping \(rows) bad row\(rows == 1 ? "" : "s") (written to a file) · ↑↓ rejected rows · b other file · Esc cancel",
                             zh: "s 导入并跳过 \(rows) 行错误（写入文件）· ↑↓ 查看被拒绝的行 · b 换文件 · Esc 取消")[lang]
    }

    /// How the file may be read otherwise: another process's stages for deals, a mapping file
    /// for a spreadsheet's columns. Nil for a vCard file, which has neither.
    static func optionKeys(_ file: ForeignImportFile, lang: Language) -> String? {
        var options = [String]()
        if file.processKey != nil { options.append(LocalizedText(en: "p map the stages to another process", zh: "p 换一个流程映射阶段")[lang]) }
        if !file.isVCard { options.append(LocalizedText(en: "m read with a mapping file", zh: "m 用映射文件读取")[lang]) }
        if !file.isVCard { options.append(LocalizedText(en: "d the dates' format", zh: "d 日期格式")[lang]) }
        return options.isEmpty ? nil : options.joined(separator: " · ")
    }

    static let mapping = LocalizedText(en: "mapping", zh: "映射")
    static let dates = LocalizedText(en: "dates", zh: "日期")
    static let datesAutomatic = LocalizedText(en: "automatic", zh: "自动")
    static let mappingLabel = LocalizedText(en: "Mapping file (JSON):", zh: "映射文件（JSON）：")
    static let mappingKeys = LocalizedText(en: "Enter read the file with it (empty: none) · Esc back — {\"columns\": {\"Kunde\": \"account\"}, \"stages\": {\"Angebot\": \"proposal\"}}",
                                           zh: "回车 按此映射重新读取（留空：不用）· Esc 返回 — {\"columns\": {\"客户简称\": \"account\"}, \"stages\": {\"报价\": \"proposal\"}}")
}
