import LecternCore
import LecternMarkdown

/// Lines written as a pipe table that cmark-gfm does not read as one.
struct TableNotParsedRule: LintRule {
  static let description = RuleDescription(
    id: .tableNotParsed,
    summary: "Pipe rows that cmark-gfm does not parse as a table: a bad delimiter row, or rows glued to a list or quote.",
    rationale: """
      A table whose delimiter row has the wrong number of cells, uses `+` or lacks dashes, or that follows a list \
      item or quote line without a blank line, is shown as a paragraph of pipes.
      """,
    severity: .error,
    examples: [
      .passes("| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .passes("Use `a | b` for alternatives.\n"),
      .passes("text | more\n"),
      .fails("| a | b | c |\n↓|---|---|\n| 1 | 2 | 3 |\n"),
      .fails("| a | b |\n↓|---+---|\n| 1 | 2 |\n"),
      .fails("| a | b |\n↓| : | --- |\n| 1 | 2 |\n"),
      .fails("| a | b |\n↓- | -\n| 1 | 2 |\n"),
      .fails("↓| a | b |\n| 1 | 2 |\n| 3 | 4 |\n"),
      .fails("- item\n↓| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .fails("> | a | b |\n> |---|---|\n↓| 1 | 2 |\n"),
      .fixes("| a | b | c |\n|---|:-:|\n| 1 | 2 | 3 |\n", "| a | b | c |\n|---|:-:|---|\n| 1 | 2 | 3 |\n"),
      .fixes("| a | b | c |\n|:-----|------:|\n| 1 | 2 | 3 |\n", "| a | b | c |\n|:-----|------:|---|\n| 1 | 2 | 3 |\n"),
      .fixes("| a | b |\n|---+---|\n| 1 | 2 |\n", "| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .fixes("| a | b |\n| 1 | 2 |\n", "| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .fixes("- item\n| a | b |\n|---|---|\n| 1 | 2 |\n", "- item\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .fixes("> | a | b |\n> |---|---|\n| 1 | 2 |\n", "> | a | b |\n> |---|---|\n> | 1 | 2 |\n"),
      .fails("| a | b |\n|---|---|\n| 1 | 2 |\n\n↓| 3 | 4 |\n"),
      .fails("↓| a | b |\n| c | d |\n|---|---|\n| 1 | 2 |\n"),
      .fixes("| a | b |\n| c | d |\n|:--|--:|\n| 1 | 2 |\n", "| a | b |\n|:--|--:|\n| c | d |\n| 1 | 2 |\n"),
      .fixes("| a | b |\n| c | d |\n|---|---|", "| a | b |\n|---|---|\n| c | d |"),
      .fails("| `a|b` | c |\n↓|---|---|\n| 1 | 2 |\n"),
      .passes("| a | b |\n|---|---|\n| 1 | 2 |\n\nSee | this\n"),
      .fixes("| a | b |\n|---|---|\n| 1 | 2 |\n\n| 3 | 4 |\n", "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    let source = target.source
    var line = 1
    while line <= source.lineCount {
      guard isCandidate(target, line) else {
        line += 1
        continue
      }
      var end = line
      while end + 1 <= source.lineCount, isCandidate(target, end + 1) { end += 1 }
      check(target, run: line...end, into: &findings)
      line = end + 1
    }
  }

  /// A prose line with pipes (not code, not HTML, not part of a parsed table).
  private func isCandidate(_ target: LintTarget, _ line: Int) -> Bool {
    guard !target.isOpaqueLine[line - 1], !target.isTableLine[line - 1], target.source.line(line, containsByte: 0x7C),
      let text = target.source.line(line)
    else { return false }
    return PipeRowSyntax(text).isPipeRow
  }

  private func rows(_ target: LintTarget, _ run: ClosedRange<Int>) -> [(Int, PipeRowSyntax)] {
    run.map { ($0, PipeRowSyntax(target.source.line($0)!)) }
  }

  /// A run of pipe rows cmark-gfm did not read as a table: the first cause that applies, with its fix.
  private func check(_ target: LintTarget, run: ClosedRange<Int>, into findings: inout [Finding]) {
    let rows = rows(target, run)
    let before = run.lowerBound > 1 ? target.source.line(run.lowerBound - 1).map(String.init) : nil
    if let found = outsideContainer(target, run: run, rows: rows, before: before)
      ?? separated(target, run: run, rows: rows) ?? delimiterBelowSecondLine(target, rows: rows)
      ?? delimiterProblem(target, rows: rows, before: before) ?? missingDelimiter(target, rows: rows)
    {
      findings.append(found)
    }
  }

  /// Rows right under a table in a quote or list, but outside it.
  private func outsideContainer(
    _ target: LintTarget, run: ClosedRange<Int>, rows: [(Int, PipeRowSyntax)], before: String?
  ) -> Finding? {
    let first = rows[0]
    guard let before, target.isTableLine[run.lowerBound - 2] else { return nil }
    do {
      let tablePrefix = String(decoding: Array(before.utf8.prefix(PipeRowSyntax(Substring(before)).contentStart)), as: UTF8.self)
      let rowPrefix = String(
        decoding: Array((target.source.line(first.0) ?? "").utf8.prefix(first.1.contentStart)), as: UTF8.self)
      guard tablePrefix != rowPrefix else { return nil }
      do {
        return
          (Finding(
            Self.outsideContainer(tablePrefix.contains(">") ? "block quote" : "list item"),
            at: target.range(line: first.0, bytes: first.1.contentStart..<(first.1.contentStart + 1)),
            fix: Fix(
              "give the rows the table's prefix",
              edits: rows.map {
                TextEdit(
                  start: target.offset(line: $0.0, byte: 0), end: target.offset(line: $0.0, byte: $0.1.contentStart),
                  replacement: tablePrefix)
              })))
      }
    }
  }

  /// Rows cut off from the table above by blank lines: same cell count, outer pipes.
  private func separated(_ target: LintTarget, run: ClosedRange<Int>, rows: [(Int, PipeRowSyntax)]) -> Finding? {
    let first = rows[0]
    var above = run.lowerBound - 1
    while above >= 1, target.source.line(above)?.trimmed.isEmpty ?? false { above -= 1 }
    guard above >= 1, above < run.lowerBound - 1, target.isTableLine[above - 1],
      let table = target.tables.first(where: { t in t.range.map { $0.start.line <= above && above <= $0.end.line } ?? false }),
      rows.allSatisfy({ $0.1.cells.count == table.columnCount && ($0.1.hasLeadingPipe || $0.1.hasTrailingPipe) })
    else { return nil }
    return
      (Finding(
        Self.separated(blankLines: run.lowerBound - 1 - above),
        at: target.range(line: first.0, bytes: first.1.contentStart..<(first.1.contentStart + 1)),
        fix: Fix(
          "remove the blank lines",
          edits: [
            TextEdit(start: target.source.lineStarts[above], end: target.source.lineStarts[run.lowerBound - 1], replacement: "")
          ])))
  }

  /// A delimiter row that is there but wrong: grid or list syntax, a cell count that differs from the header's,
  /// a bad cell, or a table glued to the paragraph above.
  private func delimiterProblem(_ target: LintTarget, rows: [(Int, PipeRowSyntax)], before: String?) -> Finding? {
    guard rows.count >= 2 else { return nil }
    let first = rows[0]
    let header = first.1
    let second = rows[1]
    let secondText = String(target.source.line(second.0) ?? "")
    let afterPrefix = secondText.utf8.dropFirst(second.1.contentStart)
    let delimiterLike =
      afterPrefix.contains(UInt8(ascii: "-"))
      && afterPrefix.allSatisfy {
        [UInt8(ascii: "|"), UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "+"), 0x20, 0x09].contains($0)
      }
    let delimiterRange = target.range(
      line: second.0, bytes: second.1.contentStart..<max(second.1.contentStart + 1, secondText.utf8.count))

    guard delimiterLike else { return nil }
    do {
      // A delimiter row in another container than the header (`- a | b | c` over `|---|---|` at the margin) is
      // not the header's delimiter whatever its cells: rewriting it fixes nothing, so no fix is offered
      // (found by FuzzLintFix: --fix left the finding "fixable").
      let headerIsListItem = Self.isListItem(String(target.source.line(first.0) ?? ""))
      let sameContainer =
        header.contentStart == second.1.contentStart && (!headerIsListItem || secondText.hasPrefix(" "))
      let regenerate =
        !sameContainer
        ? nil
        : Fix(
          "rewrite the delimiter row with \(header.cells.count) cells",
          edits: [
            TextEdit(
              start: target.offset(line: second.0, byte: second.1.contentStart), end: target.endOffset(ofLine: second.0),
              replacement: delimiterRow(for: header, from: second.1))
          ])
      let startsLikeList = afterPrefix.first == UInt8(ascii: "-") && afterPrefix.dropFirst().first == 0x20
      if afterPrefix.contains(UInt8(ascii: "+")) {
        return (Finding(Self.gridDelimiter(String(decoding: afterPrefix, as: UTF8.self)), at: delimiterRange, fix: regenerate))
      } else if startsLikeList && !second.1.hasLeadingPipe {
        return (Finding(Self.listDelimiter(String(decoding: afterPrefix, as: UTF8.self)), at: delimiterRange, fix: regenerate))
      } else if second.1.cells.count != header.cells.count,
        header.cells.count - header.pipesInCodeSpans.count == second.1.cells.count
      {
        // The cause is a code-span pipe in the header (table-code-span-pipe reports and fixes it): widening the
        // delimiter row would make a table with a split header cell.
        return
          (Finding(
            Self.countMismatch(header: header.cells.count, delimiter: second.1.cells.count)
              + " (a '|' inside a code span in the header splits a cell)", at: delimiterRange))
      } else if second.1.cells.count != header.cells.count {
        return
          (Finding(
            Self.countMismatch(header: header.cells.count, delimiter: second.1.cells.count), at: delimiterRange, fix: regenerate))
      } else if let bad = second.1.cells.first(where: { !PipeRowSyntax.isDelimiterCell($0.text) }) {
        return Finding(Self.badDelimiterCell(bad.text), at: delimiterRange, fix: regenerate)
      } else if let before, !before.trimmed.isEmpty {
        return
          (Finding(
            Self.glued(to: before),
            at: target.range(line: first.0, bytes: first.1.contentStart..<(first.1.contentStart + 1)),
            fix: Fix(
              "insert a blank line before the table",
              edits: [.insert(target.lineBreak, at: target.source.lineStarts[first.0 - 1])])))
      }
      return nil
    }
  }

  /// Rows without any delimiter row: table-shaped lines (same cell count, outer pipes).
  private func missingDelimiter(_ target: LintTarget, rows: [(Int, PipeRowSyntax)]) -> Finding? {
    guard rows.count >= 2 else { return nil }
    let first = rows[0]
    let header = first.1
    let counts = Set(rows.map(\.1.cells.count))
    let framed = rows.allSatisfy(\.1.hasLeadingPipe) || rows.allSatisfy(\.1.hasTrailingPipe)
    guard counts.count == 1, header.cells.count >= 2, framed else { return nil }
    let lineText = target.source.line(first.0) ?? ""
    let prefix = String(decoding: Array(lineText.utf8.prefix(header.contentStart)), as: UTF8.self)
    // A first row that opens a list item is that item's text: a delimiter row under it does not make the rows a
    // table, so none is offered (found by FuzzLintFix: --fix left the finding "fixable").
    let fixable = !Self.isListItem(String(lineText))
    return Finding(
      Self.noDelimiter(count: header.cells.count),
      at: target.range(line: first.0, bytes: header.contentStart..<(header.contentStart + 1)),
      fix: !fixable
        ? nil
        : Fix(
          "insert a delimiter row after the first row",
          edits: [
            .insert(prefix + delimiterRow(for: header, from: nil) + target.lineBreak, at: target.source.lineStarts[first.0])
          ]))
  }

  /// Pipe rows right above a parsed table whose header is not their first line: the delimiter row was put under
  /// the second line, so the first line stays a paragraph and the next one is read as the header.
  private func delimiterBelowSecondLine(_ target: LintTarget, rows: [(Int, PipeRowSyntax)]) -> Finding? {
    guard let last = rows.last, let first = rows.first,
      let table = target.tables.first(where: { $0.header.range?.start.line == last.0 + 1 }),
      rows.allSatisfy({ $0.1.cells.count == table.columnCount }), first.1.hasLeadingPipe || first.1.hasTrailingPipe,
      let delimiter = target.source.line(last.0 + 2), PipeRowSyntax(delimiter).isDelimiterRow
    else { return nil }
    let header = String(target.source.line(last.0 + 1) ?? "").trimmed
    let delimiterLine = last.0 + 2
    let source = target.source
    let delimiterEnd = delimiterLine < source.lineCount ? source.lineStarts[delimiterLine] : source.bytes.count
    let moved = String(delimiter) + target.lineBreak
    var edits = [TextEdit(start: source.lineStarts[delimiterLine - 1], end: delimiterEnd, replacement: "")]
    if delimiterLine == source.lineCount, source.lineStarts[delimiterLine - 1] > 0 {
      // The delimiter is the last line and has no line break: drop the break before it instead.
      edits = [TextEdit(start: target.endOffset(ofLine: delimiterLine - 1), end: delimiterEnd, replacement: "")]
    }
    edits.insert(.insert(moved, at: source.lineStarts[first.0]), at: 0)
    return Finding(
      Self.delimiterTooLow(first: String(target.source.line(first.0) ?? "").trimmed, header: header),
      at: target.range(line: first.0, bytes: first.1.contentStart..<(first.1.contentStart + 1)),
      fix: Fix("move the delimiter row under the first line", edits: edits))
  }

  /// A delimiter row with the header's cell count and pipe style, keeping alignments that were written.
  private func delimiterRow(for header: PipeRowSyntax, from written: PipeRowSyntax?) -> String {
    var cells: [String] = []
    for index in 0..<header.cells.count {
      let old = written.flatMap { index < $0.cells.count ? $0.cells[index].text : nil } ?? ""
      // A valid cell is kept as written (its colons and its width); others get dashes, keeping their colons.
      if PipeRowSyntax.isDelimiterCell(old) {
        cells.append(old)
        continue
      }
      let left = old.hasPrefix(":")
      let right = old.hasSuffix(":") && old.count > 1
      cells.append((left ? ":" : "") + "---" + (right ? ":" : ""))
    }
    let body = cells.joined(separator: "|")
    return (header.hasLeadingPipe || !header.hasTrailingPipe ? "|" : "") + body
      + (header.hasTrailingPipe || !header.hasLeadingPipe ? "|" : "")
  }
}

extension TableNotParsedRule {
  fileprivate static func gridDelimiter(_ text: String) -> String {
    "delimiter row '\(text)' uses '+' between cells, so no table is read; expected '|'"
  }
  fileprivate static func listDelimiter(_ text: String) -> String {
    "delimiter row '\(text)' is read as a list item, so no table is read; expected a leading '|'"
  }
  fileprivate static func countMismatch(header: Int, delimiter: Int) -> String {
    "header has \(header) cells but the delimiter row has \(delimiter), so no table is read"
  }
  fileprivate static func badDelimiterCell(_ text: String) -> String {
    "delimiter cell '\(text)' has no '-', so no table is read; expected '---', ':--', ':-:' or '--:'"
  }
  fileprivate static func glued(to line: String) -> String {
    let kind = line.trimmed.hasPrefix(">") ? "block quote" : (isListItem(line) ? "list item" : "line")
    return "table is glued to the \(kind) above and read as its text; expected a blank line before it"
  }
  fileprivate static func delimiterTooLow(first: String, header: String) -> String {
    "delimiter row is under '\(header)', so '\(first)' stays a paragraph and '\(header)' is read as the header; expected the delimiter row right after the first row"
  }
  fileprivate static func outsideContainer(_ kind: String) -> String {
    "rows continue the table of the \(kind) above without its prefix, so they are not part of it"
  }
  fileprivate static func separated(blankLines: Int) -> String {
    "rows are cut off from the table above by \(blankLines == 1 ? "a blank line" : "\(blankLines) blank lines"), so they are not part of it"
  }
  fileprivate static func noDelimiter(count: Int) -> String {
    "pipe rows without a delimiter row are not a table; expected a row like '|\(Array(repeating: "---", count: count).joined(separator: "|"))|' after the first"
  }
  private static func isListItem(_ line: String) -> Bool {
    let t = line.trimmed
    if t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("+ ") { return true }
    let digits = t.prefix(while: \.isNumber)
    return !digits.isEmpty && (t.dropFirst(digits.count).hasPrefix(". ") || t.dropFirst(digits.count).hasPrefix(") "))
  }
}
