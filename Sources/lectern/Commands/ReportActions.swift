import ArgumentParser
import Foundation
import LecternCore
import LecternPostmortem
import LecternReport

extension ActionExportFormat: ExpressibleByArgument {}

extension Lectern.Report {
  struct Actions: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "actions",
      abstract: "Export the action items of postmortems as CSV, JSON or GitHub-issue-ready Markdown.",
      discussion: """
        Files and folders are read as postmortems (a folder: every Markdown file in it that reads as one). \
        Every column comes from the document; what it does not say stays empty. With --open, prints what is \
        still open and what is overdue, by team (Markdown, or JSON with --format json). \
        \(ExitStatus.help)
        """)

    @Argument(help: "Postmortem Markdown files or folders of them.")
    var paths: [String]

    @Option(help: "csv, json or github.")
    var format: ActionExportFormat = .csv

    @Flag(help: "Only items that are not done: an overview of open and overdue items by team.")
    var open = false

    @Option(name: .customLong("as-of"), help: "The day overdue is measured against, YYYY-MM-DD (default: today, UTC).")
    var asOf: String?

    @Option(name: [.short, .customLong("output")], help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Replace the -o file if it exists.")
    var force = false

    func validate() throws {
      if paths.isEmpty { throw ValidationError("give at least one postmortem file or folder") }
      if let asOf, PartialTimestamp(parsing: asOf).day == nil || asOf.count != 10 {
        throw ValidationError("--as-of '\(asOf)' is not a day like 2026-09-30")
      }
    }

    func run() throws {
      let explicitFiles = Set(paths)
      var records: [ActionExport.Record] = []
      for file in try InputFiles.expand(paths) {
        let pm = Postmortem(source: try SourceFile.load(path: file))
        // In a folder, only documents that read as postmortems count; a file named on its own always does.
        guard explicitFiles.contains(file) || Postmortem.looksLikePostmortem(pm.document) else { continue }
        records += pm.actionItems.map { ActionExport.Record(path: file, title: pm.title, item: $0) }
      }
      let day = asOf ?? String(ISO8601DateFormatter().string(from: Date()).prefix(10))
      let text: String
      if open {
        let openRecords = records.filter(\.isOpen)
        text = format == .json ? ActionExport.json(openRecords) : ActionExport.overviewMarkdown(records, asOf: day)
      } else {
        switch format {
        case .csv: text = ActionExport.csv(records)
        case .json: text = ActionExport.json(records)
        case .github: text = ActionExport.github(records)
        }
      }
      try OutputSink.write(text, to: output, overwrite: force ? .exceptInputs : .never)
    }
  }
}
