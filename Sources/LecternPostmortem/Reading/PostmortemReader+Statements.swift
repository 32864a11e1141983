import LecternMarkdown

extension PostmortemReader {
  /// The section kinds whose content the model keeps as statements.
  static let statementKinds: Set<SectionKind> = [
    .impact, .background, .causes, .trigger, .detection, .response, .resolution, .lessons, .wentWell, .wentWrong, .gotLucky,
    .glossary,
  ]

  /// Paragraphs, list items (with their nesting depth) and table rows of a section's own blocks, in order.
  /// Walks with an explicit stack, so that deeply nested lists cannot exhaust the call stack.
  static func statements(in blocks: [Block]) -> [Statement] {
    var out: [Statement] = []
    var stack: [(Block, Int)] = blocks.reversed().map { ($0, 0) }
    while let (block, depth) = stack.popLast() {
      let line = block.range?.start.line
      switch block.kind {
      case .paragraph(let inlines):
        let text = inlines.plainText.trimmed
        if !text.isEmpty { out.append(Statement(text: text, line: line, depth: depth)) }
      case .blockQuote(let children):
        stack += children.reversed().map { ($0, depth) }
      case .list(let list):
        for item in list.items.reversed() {
          // The item's first paragraph at this depth, anything nested one deeper.
          let nested = item.blocks.enumerated().reversed().map { i, b in (b, i == 0 ? depth : depth + 1) }
          stack += nested
        }
      case .table(let table):
        for row in table.rows {
          let text = row.cells.map(\.text).filter { !$0.isEmpty }.joined(separator: " — ")
          if !text.isEmpty { out.append(Statement(text: text, line: row.range?.start.line, depth: depth)) }
        }
      default:
        break
      }
    }
    return out
  }
}
