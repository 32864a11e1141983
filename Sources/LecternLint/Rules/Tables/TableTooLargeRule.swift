import LecternCore
import LecternMarkdown

/// A table too big for a slide at the deck's size.
struct TableTooLargeRule: LintRule {
  static let description = RuleDescription(
    id: .tableTooLarge,
    summary: "A table runs off its slide: measured in Chromium when a browser is present, else estimated from its size.",
    rationale: "Marp does not shrink tables: the bottom rows or right columns fall off the projected slide. With a "
      + "browser the table is measured at the deck's size and theme; without one, the column, row and cell-length "
      + "limits estimate it (and the message says so).",
    severity: .warning,
    scope: .decks,
    examples: [
      .passes("---\nmarp: true\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .fails(
        "---\nmarp: true\n---\n\n↓| a | b | c | d | e | f | g | h | i |\n|---|---|---|---|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 |\n"
      ),
      .fails(
        "---\nmarp: true\nsize: 4:3\n---\n\n↓| a | b | c | d | e | f | g |\n|---|---|---|---|---|---|---|\n| 1 | 2 | 3 | 4 | 5 | 6 | 7 |\n"
      ),
      .failsWhenMeasured(
        "---\nmarp: true\n---\n\n# Rows\n\n↓| n |\n|---|\n" + (1...14).map { "| \($0) |\n" }.joined()),
    ])

  let maxColumns: Int
  let maxRows: Int
  let maxCellLength: Int

  init(options: RuleOptions) {
    maxColumns = options.int("max-columns", default: 8)
    maxRows = options.int("max-rows", default: 14)
    maxCellLength = options.int("max-cell-length", default: 120)
  }

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    if target.layoutFindings != nil {
      findings += target.measured(.tableTooLarge)
      return
    }
    guard let deck = target.deck else { return }
    // 4:3 slides are narrower (960 px against 1280 px wide by default): fewer columns fit.
    let narrow = deck.globalDirectives["size"] == "4:3"
    let columnLimit = narrow ? max(1, maxColumns * 3 / 4) : maxColumns
    // Slides in order with their first lines, to place each table without walking every slide again.
    let starts = deck.slides.map { $0.range?.start.line ?? 0 }
    for (t, table) in target.tables.enumerated() {
      guard let range = table.range else { continue }
      var index = 0
      var lo = 0
      var hi = starts.count - 1
      while lo <= hi {
        let mid = (lo + hi) / 2
        if starts[mid] <= range.start.line {
          index = mid
          lo = mid + 1
        } else {
          hi = mid - 1
        }
      }
      let slide = deck.slides[index]
      let at = SourceRange(start: range.start, end: range.start)
      do {
        if table.columnCount > columnLimit {
          findings.append(Finding(Self.columns(table.columnCount, limit: columnLimit, slide: slide.number), at: at))
        } else if table.rows.count > maxRows {
          findings.append(Finding(Self.rows(table.rows.count, limit: maxRows, slide: slide.number), at: at))
        } else if let (r, cell) = longCell(target.rawRows[t]) {
          let line = (r == 0 ? table.header : table.rows[r - 1]).range?.start.line
          let place = line.map { target.range(line: $0, bytes: cell.range) } ?? at
          findings.append(Finding(Self.cell(cell.text.count, limit: maxCellLength, slide: slide.number), at: place))
        }
      }
    }
  }
}

extension TableTooLargeRule {
  /// The first cell (row index, cell) longer than the limit, from the rows as written.
  fileprivate func longCell(_ rows: [PipeRowSyntax]) -> (Int, PipeRowSyntax.Cell)? {
    for (r, row) in rows.enumerated() {
      // Byte length bounds character length from above: most cells are skipped without counting.
      if let cell = row.cells.first(where: { $0.text.utf8.count > maxCellLength && $0.text.count > maxCellLength }) {
        return (r, cell)
      }
    }
    return nil
  }

  fileprivate static func columns(_ n: Int, limit: Int, slide: Int) -> String {
    "table on slide \(slide) has \(n) columns; at most \(limit) fit the slide (estimated: no browser to measure)"
  }
  fileprivate static func rows(_ n: Int, limit: Int, slide: Int) -> String {
    "table on slide \(slide) has \(n) body rows; at most \(limit) fit the slide (estimated: no browser to measure)"
  }
  fileprivate static func cell(_ n: Int, limit: Int, slide: Int) -> String {
    "a cell on slide \(slide) holds \(n) characters; at most \(limit) fit a table cell (estimated: no browser to measure)"
  }
}
