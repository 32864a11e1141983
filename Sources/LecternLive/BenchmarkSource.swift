import Foundation
import LecternCore
import LecternDORA
import LecternMarkdown

extension TierTable {
  /// The tiers of every DORA benchmark table in `document` (metric names down the first column, tier names
  /// across the header) laid over the contract defaults; a later row for a metric wins. `nil` when the
  /// document has no such table.
  public static func benchmark(in document: MarkdownDocument, name: String) -> TierTable? {
    var tiers = TierTable.defaults.tiers
    var lines: [String] = []
    for table in document.tables {
      // Most tables are not benchmarks: their cells' text is made only when a row names a metric.
      guard
        table.rows.contains(where: { row in
          row.cells.first.map { mayNameMetric($0.inlines) && TierTable.namesMetric($0.text) } ?? false
        })
      else { continue }
      let rows = table.rows.map { $0.cells.map(\.text) }
      if let found = TierTable.parseRows(header: table.header.cells.map(\.text), rows: rows) {
        tiers.merge(found) { _, new in new }
        lines.append(String(table.range?.start.line ?? 0))
      }
    }
    guard !lines.isEmpty else { return nil }
    let place = lines.count == 1 ? "table on line \(lines[0])" : "tables on lines \(lines.joined(separator: ", "))"
    return TierTable(tiers: tiers, source: "\(name) (\(place))")
  }

  /// Whether a first cell may name a metric, from the first byte of its visible text that is not whitespace
  /// or a character metric names are read without (`*`, `_`, `` ` ``, `.`, `:`, `(`, `)`, `-`): a cell whose
  /// first such byte is ASCII and starts no metric name is ruled out before its text is made (every row of
  /// every table passes here). Anything else, non-ASCII included, is left to ``TierTable/namesMetric(_:)``.
  static func mayNameMetric(_ inlines: [Inline]) -> Bool {
    /// The first byte that counts, or `nil` when the inlines hold none.
    func first(_ inlines: [Inline]) -> UInt8? {
      for inline in inlines {
        switch inline.kind {
        case .text(let s), .code(let s):
          for b in s.utf8 {
            switch b {
            case 0x09...0x0D, 0x20, 0x2A, 0x5F, 0x60, 0x2E, 0x3A, 0x28, 0x29, 0x2D: continue
            default: return b
            }
          }
        case .softBreak, .lineBreak, .html: continue
        case .footnoteReference: return UInt8(ascii: "[")
        default: if let b = first(inline.children) { return b }
        }
      }
      return nil
    }
    guard let b = first(inlines) else { return false }
    guard b < 0x80 else { return true }
    return DORAMetric.nameInitials.contains(b >= 0x41 && b <= 0x5A ? b + 32 : b)
  }

  /// Why a benchmark file cannot be used.
  public struct BenchmarkError: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// The benchmark tables of the Markdown file at `path`.
  public static func benchmark(fromFile path: String, shownAs shown: String? = nil) throws -> TierTable {
    let source: SourceFile
    do {
      source = try SourceFile.load(path: path)
    } catch let error as InputError {
      throw BenchmarkError(description: error.description)
    }
    if let table = benchmark(in: MarkdownDocument(parsing: source, fromLine: 1), name: shown ?? path) { return table }
    throw BenchmarkError(
      description:
        "\(path): error: no DORA benchmark table; expected metric names down the first column and tier names across the header")
  }
}

extension TierTable {
  /// The tiers a document's live numbers are classified by — the one rule decks and reports share: the
  /// document's own benchmark tables; else the file its front matter names (`metrics: {benchmark: FILE}`,
  /// relative to `directory`); else `fallback` (a `--benchmark` file) or the contract defaults.
  public static func forDocument(
    _ document: MarkdownDocument, name: String, settings: [String: String], directory: URL, fallback: TierTable? = nil
  ) throws -> TierTable {
    if let own = benchmark(in: document, name: name) { return own }
    if let file = settings["benchmark"] {
      // Named beside the document as the user wrote its path (relative stays relative in provenance lines).
      let shown =
        file.hasPrefix("/") ? file : ((name as NSString).deletingLastPathComponent as NSString).appendingPathComponent(file)
      return try benchmark(fromFile: file.hasPrefix("/") ? file : directory.appendingPathComponent(file).path, shownAs: shown)
    }
    return fallback ?? .defaults
  }
}
