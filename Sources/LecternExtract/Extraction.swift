import Foundation
import LecternCore
import LecternDeck
import LecternMarkdown
import LecternPostmortem

/// `lectern extract` as one call: read a file as a deck, a postmortem or a document (or decide from its
/// contents), and stream its typed model — or only its tables — to `sink`; returns the reader's diagnostics.
public struct Extraction: Sendable {
  public enum Kind: String, Sendable, CaseIterable { case auto, deck, postmortem, document }
  public enum TableFormat: String, Sendable, CaseIterable { case json, csv, markdown }

  public var kind: Kind
  /// `nil`: the whole model as JSON; else only the tables, in this format.
  public var tables: TableFormat?
  public var pretty: Bool

  public init(kind: Kind = .auto, tables: TableFormat? = nil, pretty: Bool = false) {
    self.kind = kind
    self.tables = tables
    self.pretty = pretty
  }

  /// Writes the extraction of `source` to `sink`; the models are kept alive until exit (`ProcessTeardown`).
  public func run(_ source: SourceFile, sink write: @escaping (ArraySlice<UInt8>) -> Void) -> [Diagnostic] {
    let resolved: DocumentKind =
      kind == .auto ? DocumentKind.detect(source) : (kind == .deck ? .deck : .document)
    switch resolved {
    case .deck:
      let deck = Deck(source: source)
      defer { ProcessTeardown.keepUntilExit(deck) }
      if let tables {
        let located = deck.slides.flatMap { s in s.tables.map { LocatedTable(table: $0, slide: s.number, section: nil) } }
        write(Self.render(located, format: tables, pretty: pretty)[...])
      } else {
        _ = ExtractJSON.deck(deck, pretty: pretty, sink: write)
      }
      return deck.diagnostics
    case .document:
      let doc = ProseDocument(source: source)
      defer { ProcessTeardown.keepUntilExit(doc) }
      if let tables {
        write(Self.render(Self.tables(of: doc), format: tables, pretty: pretty)[...])
        return doc.diagnostics
      }
      if kind == .postmortem || (kind == .auto && Postmortem.looksLikePostmortem(doc)) {
        let pm = Postmortem(document: doc)
        defer { ProcessTeardown.keepUntilExit(pm) }
        _ = ExtractJSON.postmortem(pm, pretty: pretty, sink: write)
        return doc.diagnostics + pm.findings.filter { $0.severity != .note }
      }
      // A policy or strategy document with a severity / response-time table still gives its typed SLAs.
      let slas = Postmortem.hasResponseTable(doc) ? Postmortem(document: doc).responseSLAs : []
      _ = ExtractJSON.document(doc, responseSLAs: slas, pretty: pretty, sink: write)
      return doc.diagnostics
    }
  }

  /// Every table of a document with the path of section titles above it.
  static func tables(of doc: ProseDocument) -> [LocatedTable] {
    var located: [LocatedTable] = doc.outline.preamble.allTables.map { LocatedTable(table: $0, slide: nil, section: nil) }
    var pending: [(Section, [String])] = doc.outline.sections.reversed().map { ($0, []) }
    while let (section, path) = pending.popLast() {
      let here = path + [section.title]
      for t in section.blocks.allTables {
        located.append(LocatedTable(table: t, slide: nil, section: here.joined(separator: " › ")))
      }
      pending += section.subsections.reversed().map { ($0, here) }
    }
    return located
  }

  static func render(_ located: [LocatedTable], format: TableFormat, pretty: Bool) -> [UInt8] {
    switch format {
    case .json: ExtractJSON.tables(located, pretty: pretty)
    case .csv: Array(located.map { TableExport.csv($0.table) }.joined(separator: "\r\n").utf8)
    case .markdown: Array(located.map { TableExport.markdown($0.table) }.joined(separator: "\n").utf8)
    }
  }
}
