import LecternCore
import LecternMarkdown

/// Rows of one table that disagree about leading and trailing pipes.
struct TablePipeStyleRule: LintRule {
  static let description = RuleDescription(
    id: .tablePipeStyle,
    summary: "Rows of a table mix leading/trailing pipe styles.",
    rationale: "Mixed styles make cell counts hard to see and are a common source of shifted columns.",
    severity: .warning,
    examples: [
      .passes("| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .passes("a | b\n--|--\n1 | 2\n"),
      .passes("a | b | c\n--|--|--\n1 | 2 |\n"),
      .fails("| a | b |\n|---|---|\n↓1 | 2\n"),
      .fails("| a | b |\n|---|---|\n↓1 | 2\n| 3 | 4 |\n↓5 | 6 |\n↓| 7 | 8\n"),
      .fails("a | b\n--|--\n↓| 1 | 2 |\n3 | 4\n↓| 5 | 6 |\n"),
      .passes("Intro text\n| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .fixes("| a | b |\n|---|---|\n1 | 2 |\n", "| a | b |\n|---|---|\n| 1 | 2 |\n"),
      .fixes("| a | b |\n|---|---|\n1 | 2\n| 3 | 4 |\n5 | 6\n", "| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5 | 6 |\n"),
      .fixes("a | b\n--|--\n| 1 | 2 |\n3 | 4\n", "| a | b |\n| --|-- |\n| 1 | 2 |\n| 3 | 4 |\n"),
    ])

  init(options: RuleOptions) {}

  /// Every row (the delimiter row included) whose outer pipes differ from the header's is a finding on that row.
  /// When the header has both pipes, each finding's fix gives its own row both pipes; otherwise every finding
  /// carries the same fix that gives every row of the table both pipes (which never changes a cell).
  func check(_ target: LintTarget, into findings: inout [Finding]) {
    for (t, table) in target.tables.enumerated() {
      guard let headerLine = table.header.range?.start.line else { continue }
      let header = target.rawRows[t][0]
      var styles: [(Int, PipeRowSyntax)] = [(headerLine, header)]
      if let delimiter = target.source.line(headerLine + 1) { styles.append((headerLine + 1, PipeRowSyntax(delimiter))) }
      for (r, row) in table.rows.enumerated() {
        if let l = row.range?.start.line, row.sourceLine.containsByte(0x7C) { styles.append((l, target.rawRows[t][r + 1])) }
      }
      let odd = styles.filter {
        ($0.1.hasLeadingPipe != header.hasLeadingPipe || $0.1.hasTrailingPipe != header.hasTrailingPipe)
          && !$0.1.endsWithEmptyCell(header: header)
      }
      guard !odd.isEmpty else { continue }
      let headerFramed = header.hasLeadingPipe && header.hasTrailingPipe
      let whole =
        headerFramed ? nil : Fix("add leading and trailing pipes to every row", edits: styles.flatMap { framing(target, $0) })
      for row in odd {
        let fix = whole ?? Fix("add the missing outer pipes to this row", edits: framing(target, row))
        findings.append(
          Finding(
            Self.message(header: header, row: row.1),
            at: target.range(line: row.0, bytes: row.1.contentStart..<(row.1.contentStart + 1)), fix: fix))
      }
    }
  }

  /// Edits that give one row a leading and a trailing pipe where it lacks them.
  private func framing(_ target: LintTarget, _ row: (Int, PipeRowSyntax)) -> [TextEdit] {
    let (line, raw) = row
    var edits: [TextEdit] = []
    if !raw.hasLeadingPipe { edits.append(.insert("| ", at: target.offset(line: line, byte: raw.contentStart))) }
    if !raw.hasTrailingPipe {
      let text = Array((target.source.line(line) ?? "").utf8)
      var end = text.count
      while end > 0, text[end - 1] == 0x20 || text[end - 1] == 0x09 { end -= 1 }
      edits.append(TextEdit(start: target.offset(line: line, byte: end), end: target.endOffset(ofLine: line), replacement: " |"))
    }
    return edits
  }
}

extension TablePipeStyleRule {
  fileprivate static func style(_ row: PipeRowSyntax) -> String {
    switch (row.hasLeadingPipe, row.hasTrailingPipe) {
    case (true, true): "leading and trailing pipes"
    case (true, false): "a leading pipe only"
    case (false, true): "a trailing pipe only"
    case (false, false): "no outer pipes"
    }
  }

  fileprivate static func message(header: PipeRowSyntax, row: PipeRowSyntax) -> String {
    "row has \(style(row)); the header has \(style(header))"
  }
}
