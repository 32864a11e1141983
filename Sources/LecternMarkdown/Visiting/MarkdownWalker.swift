/// Walks a block tree depth-first. Override only the `visit` methods you need; returning `true`
/// (the default) descends into the node's children.
public protocol MarkdownWalker {
  mutating func visit(_ block: Block) -> Bool
  mutating func visit(_ inline: Inline) -> Bool
}

extension MarkdownWalker {
  public mutating func visit(_ block: Block) -> Bool { true }
  public mutating func visit(_ inline: Inline) -> Bool { true }

  public mutating func walk(_ blocks: [Block]) {
    for i in blocks.indices { walk(blocks[i]) }
  }

  public mutating func walk(_ block: Block) {
    guard visit(block) else { return }
    switch block.kind {
    case .heading(let h): walk(h.inlines)
    case .paragraph(let inlines): walk(inlines)
    case .blockQuote(let blocks): walk(blocks)
    case .list(let list): for item in list.items { walk(item.blocks) }
    case .table(let table):
      for cell in table.header.cells { walk(cell.inlines) }
      for row in table.rows { for cell in row.cells { walk(cell.inlines) } }
    case .footnoteDefinition(_, let blocks): walk(blocks)
    case .codeBlock, .htmlBlock, .thematicBreak: break
    }
  }

  public mutating func walk(_ inlines: [Inline]) {
    for i in inlines.indices where visit(inlines[i]) { walk(inlines[i].children) }
  }
}

private struct TableCollector: MarkdownWalker {
  var tables: [Table] = []
  mutating func visit(_ block: Block) -> Bool {
    if case .table(let t) = block.kind { tables.append(t) }
    return true
  }
  mutating func visit(_ inline: Inline) -> Bool { false }
}

extension Array where Element == Block {
  /// Every table in these blocks and their descendants, in source order.
  public var allTables: [Table] {
    var collector = TableCollector()
    collector.walk(self)
    return collector.tables
  }
}
