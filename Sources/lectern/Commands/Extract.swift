import ArgumentParser
import Foundation
import LecternCore
import LecternExtract

extension Lectern {
  struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "extract",
      abstract: "Print a deck, postmortem or document as typed JSON.",
      discussion: """
        A file whose front matter says 'marp: true' is read as a Marp deck (slides, directives, notes, \
        backgrounds, tables); a file that names an incident in its front matter or has postmortem sections \
        (timeline, action items, root causes, …) as a postmortem (action items, timeline, SLAs, findings); \
        any other file as a document (sections by heading, tables). Problems in the \
        file are printed to standard error as 'file:line:column: severity: message [code]'. \
        \(ExitStatus.help)
        """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
      case auto, deck, document, postmortem
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case json, csv, markdown
    }

    @Argument(help: "The Markdown file to read, or '-' for standard input.")
    var file: String

    @Option(help: "Read the file as a deck, a postmortem or a document instead of deciding from its contents.")
    var kind: Kind = .auto

    @Flag(help: "Print only the tables.")
    var tables = false

    @Option(help: "Output format: json, or with --tables also csv or markdown.")
    var format: Format = .json

    @Flag(help: "Indent the JSON.")
    var pretty = false

    @Option(name: [.short, .customLong("output")], help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
      if format != .json && !tables {
        throw ValidationError("--format \(format.rawValue) needs --tables; the full model is JSON only")
      }
    }

    func run() throws {
      ProcessTeardown.declareOneShot()
      let source = try SourceFile.load(path: file)
      let sink = try OutputSink(path: output)
      let extraction = Extraction(
        kind: Extraction.Kind(rawValue: kind.rawValue) ?? .auto,
        tables: tables ? Extraction.TableFormat(rawValue: format.rawValue) : nil, pretty: pretty)
      let diagnostics = try withLargeStack { extraction.run(source) { sink.write($0) } }
      try sink.commit()
      DiagnosticPrinter.print(diagnostics)
      if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(ExitStatus.findings) }
    }
  }
}
