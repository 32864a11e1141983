import ArgumentParser
import Foundation
import LecternBrowser
import LecternCore
import LecternDORA
import LecternDeck
import LecternExtract
import LecternLive
import LecternMarkdown
import LecternPostmortem
import LecternReport
import LecternSlides
import LecternTemplates

extension Lectern {
  struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
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
      let source = try SourceFile.load(path: file)
      let sink = try OutputSink(path: output)
      let kind = self.kind
      let tables = self.tables
      let format = self.format
      let pretty = self.pretty
      let diagnostics = try withLargeStack { () -> [Diagnostic] in
        let write: (ArraySlice<UInt8>) -> Void = { sink.write($0) }
        let resolved = kind == .auto ? DocumentKind.detect(source) : (kind == .deck ? .deck : .document)
        if resolved == .document && kind != .document && !tables {
          let doc = ProseDocument(source: source)
          if kind == .postmortem || Postmortem.looksLikePostmortem(doc) {
            let pm = Postmortem(document: doc)
            defer { ProcessTeardown.keepUntilExit(pm) }
            _ = ExtractJSON.postmortem(pm, pretty: pretty, sink: write)
            return doc.diagnostics + pm.findings.filter { $0.severity != .note }
          }
        }
        switch resolved {
        case .deck:
          let deck = Deck(source: source)
          defer { ProcessTeardown.keepUntilExit(deck) }
          if tables {
            let located = deck.slides.flatMap { s in s.tables.map { LocatedTable(table: $0, slide: s.number, section: nil) } }
            write(Self.render(located, format: format, pretty: pretty)[...])
          } else {
            _ = ExtractJSON.deck(deck, pretty: pretty, sink: write)
          }
          return deck.diagnostics
        case .document:
          let doc = ProseDocument(source: source)
          defer { ProcessTeardown.keepUntilExit(doc) }
          if tables {
            var located: [LocatedTable] = doc.outline.preamble.allTables.map { LocatedTable(table: $0, slide: nil, section: nil) }
            func visit(_ s: Section, path: [String]) {
              let here = path + [s.title]
              for t in s.blocks.allTables {
                located.append(LocatedTable(table: t, slide: nil, section: here.joined(separator: " › ")))
              }
              for sub in s.subsections { visit(sub, path: here) }
            }
            for s in doc.outline.sections { visit(s, path: []) }
            write(Self.render(located, format: format, pretty: pretty)[...])
          } else {
            _ = ExtractJSON.document(doc, pretty: pretty, sink: write)
          }
          return doc.diagnostics
        }
      }
      try sink.commit()
      DiagnosticPrinter.print(diagnostics)
      if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(ExitStatus.findings) }
    }

    static func render(_ located: [LocatedTable], format: Format, pretty: Bool) -> [UInt8] {
      switch format {
      case .json: return ExtractJSON.tables(located, pretty: pretty)
      case .csv: return Array(located.map { TableExport.csv($0.table) }.joined(separator: "\r\n").utf8)
      case .markdown: return Array(located.map { TableExport.markdown($0.table) }.joined(separator: "\n").utf8)
      }
    }
  }
}
