import CCmarkGFM
import Foundation
import LecternCore

/// The GFM extensions Lectern parses with, by cmark-gfm's registry names.
private let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

/// The only parser of Markdown in Lectern: cmark-gfm, converted to Swift values.
///
/// Parses with the GFM extensions and footnotes, source positions on, walks the C tree once
/// (iteratively, so deep nesting cannot overflow the stack), and frees the C document before
/// returning. Positions are shifted to the original file and converted to character columns.
enum CMarkParser {
  /// cmark-gfm 0.29 keeps the inline special characters of attached extensions (`~`, `w`, `:`) in one
  /// process-wide table that every parse switches on and off around its inline phase (inside
  /// `cmark_parser_finish`) and that freeing a parser clears. Two parses on two threads therefore
  /// break each other (`~~strike~~` read as text, `www.` links missed: 116 of 4,000 parallel parses
  /// in `ConcurrencyTests` before this). So the inline phase holds this lock; block parsing
  /// (`feed`) and the Swift conversion run in parallel. Once ``InlineCharacters`` keeps the characters on
  /// (checked on the first parse), inline phases run in parallel too. Each thread keeps one parser for reuse
  /// (`finish` resets it and keeps its extensions) and never frees it.
  static let inlinePhase = NSLock()

  static func threadParser() -> OpaquePointer? {
    let key = "lectern.cmark-gfm.parser"
    if let box = Thread.current.threadDictionary[key] as? ParserBox { return box.parser }
    guard let parser = cmark_parser_new(CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES) else { return nil }
    for name in extensionNames {
      if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
    }
    Thread.current.threadDictionary[key] = ParserBox(parser)
    return parser
  }

  /// Parses bytes with this thread's parser; the caller owns (and frees) the returned document.
  static func parseDocument(_ bytes: UnsafeBufferPointer<UInt8>) -> OpaquePointer? {
    _ = CMarkParser.ensureRegistered
    guard let parser = threadParser() else { return nil }
    if let base = bytes.baseAddress, !bytes.isEmpty {
      base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { cmark_parser_feed(parser, $0, bytes.count) }
    }
    if InlineCharacters.staysOn { return cmark_parser_finish(parser) }
    return inlinePhase.withLock { cmark_parser_finish(parser) }
  }

  /// Parses `source` from `firstLine`: in parts (``parseInParts(_:firstLine:workers:)``) or converted in
  /// parallel (``convertInParallel``) when it is long enough, else whole on this thread. `keepTree`, when
  /// given, overrides ``partsAllowed(_:)`` and ``keepsTree(_:)`` (tests force either path at any size).
  static func parse(
    _ source: SourceFile, firstLine: Int, parallelFrom: Int = parallelFrom, partsFrom: Int = partsFrom,
    workers: Int = ProcessInfo.processInfo.activeProcessorCount, keepTree: Bool? = nil
  ) -> (blocks: [Block], diagnostics: [Diagnostic]) {
    let startOffset = firstLine <= source.lineStarts.count ? source.lineStarts[firstLine - 1] : source.bytes.count
    if workers > 1, source.bytes.count - startOffset >= partsFrom, keepTree ?? partsAllowed(source.bytes.count),
      let parsed = parseInParts(source, firstLine: firstLine, workers: workers)
    {
      return parsed
    }
    let parsed = source.bytes.withUnsafeBufferPointer { buffer in
      parseDocument(UnsafeBufferPointer(rebasing: buffer[min(startOffset, buffer.count)...]))
    }
    guard let document = parsed else { return ([], []) }
    defer { cmark_node_free(document) }
    var top: [OpaquePointer] = []
    var node = cmark_node_first_child(document)
    while let n = node {
      top.append(n)
      node = cmark_node_next(n)
    }
    guard workers > 1, top.count >= parallelFrom, keepTree ?? keepsTree(source.bytes.count) else {
      var converter = Converter(source: source, lineOffset: firstLine - 1)
      let blocks = converter.convert(document)
      return (blocks, converter.diagnostics)
    }
    return convertInParallel(top, document: document, source: source, firstLine: firstLine, workers: workers)
  }

  /// Bytes of Markdown from which a document is cut at slide rules and its parts parsed on all cores
  /// (``parseInParts(_:firstLine:workers:)``), up to ``partsAllowed(_:)``.
  static let partsFrom = 64 << 10

  /// Whether a document of `bytes` may be parsed in parts: up to 16 MB of Markdown. All parts' C trees exist
  /// at once before they are converted; a bigger document is converted by one converter that frees each
  /// block as it goes, so its peak memory is the larger of the two trees, not their sum.
  static func partsAllowed(_ bytes: Int) -> Bool { bytes <= 16 << 20 }

  /// Parses `source` in parts cut at slide rules (``SlideCuts``), several at once, each part by this thread's
  /// parser and converted by its own converter; the blocks and diagnostics joined in order are those of one
  /// parse of the whole. cmark-gfm's block and inline phases run in parallel (where ``InlineCharacters``
  /// keeps the extensions' characters on; elsewhere the inline phase holds ``inlinePhase``).
  ///
  /// After parsing, each part but the last is checked to end with nothing open that the next part's first
  /// line would have continued or closed differently: fenced code (closed by the rule, cmark ends it on the
  /// rule's line; left open at the end of a part, on the line before) or an HTML block that ran over the
  /// blank line. Any such part, and `nil` is returned: the caller parses the whole. In a long-running process
  /// each part's C nodes are freed as they are converted, and its document after that; a one-shot command
  /// leaves them to the OS at exit (freeing them cost `extract` of 10,000 slides a third more CPU time).
  static func parseInParts(_ source: SourceFile, firstLine: Int, workers: Int) -> (
    blocks: [Block], diagnostics: [Diagnostic]
  )? {
    let cuts = SlideCuts.find(in: source, from: firstLine)
    guard !cuts.isEmpty else { return nil }
    let start = source.lineStarts[firstLine - 1]
    let size = source.bytes.count - start
    let wanted = min(workers * 4, cuts.count + 1)
    var parts: [Part] = [Part(firstLine: firstLine, start: start, end: source.bytes.count, lastLine: source.lineCount)]
    for cut in cuts where cut.offset - parts[parts.count - 1].start >= size / wanted {
      parts[parts.count - 1].end = cut.offset
      parts[parts.count - 1].lastLine = cut.line - 1
      parts.append(Part(firstLine: cut.line, start: cut.offset, end: source.bytes.count, lastLine: source.lineCount))
    }
    guard parts.count > 1 else { return nil }
    let last = parts.count - 1
    let cutParts = parts
    // Decided once for the whole document, so all its parts agree.
    let frees = !ProcessTeardown.isOneShot
    @Sendable func parsePart(_ index: Int) -> ([Block], [Diagnostic])? {
      let part = cutParts[index]
      let parsed = source.bytes.withUnsafeBufferPointer {
        parseDocument(UnsafeBufferPointer(rebasing: $0[part.start..<part.end]))
      }
      guard let document = parsed else { return nil }
      defer { if frees { cmark_node_free(document) } }
      if index < last, endsOpen(document, lastLine: part.lastLine - part.firstLine + 1) { return nil }
      var converter = Converter(source: source, lineOffset: part.firstLine - 1)
      converter.releases = frees
      return (converter.convert(document), converter.diagnostics)
    }
    guard let results = try? Array(0..<parts.count).concurrentMap(parsePart), results.allSatisfy({ $0 != nil }) else {
      return nil
    }
    var blocks: [Block] = []
    var diagnostics: [Diagnostic] = []
    for case let (b, d)? in results {
      blocks.append(contentsOf: b)
      diagnostics.append(contentsOf: d)
    }
    return (blocks, diagnostics)
  }

  /// A part of a document: its lines `firstLine...lastLine`, bytes `start..<end`.
  private struct Part: Sendable {
    var firstLine: Int
    var start: Int
    var end: Int
    var lastLine: Int
  }

  /// Whether a block still open at the end of a part (the chain of last children) is fenced code that ran to
  /// the part's last line, or an HTML block whose last line is blank (one that runs over blank lines).
  private static func endsOpen(_ document: OpaquePointer, lastLine: Int) -> Bool {
    var node = cmark_node_last_child(document)
    while let n = node {
      switch cmark_node_get_type(n) {
      case CMARK_NODE_CODE_BLOCK:
        var length: Int32 = 0
        var offset: Int32 = 0
        var character: CChar = 0
        if cmark_node_get_fenced(n, &length, &offset, &character) != 0, Int(cmark_node_get_end_line(n)) >= lastLine {
          return true
        }
      case CMARK_NODE_HTML_BLOCK:
        let literal = cmark_node_get_literal(n).map { String(cString: $0) } ?? ""
        let lastText = literal.utf8.last == 0x0A ? literal.utf8.dropLast() : literal.utf8[...]
        let tail = lastText.lastIndex(of: 0x0A).map { lastText[lastText.index(after: $0)...] } ?? lastText
        if tail.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return true }
      default:
        break
      }
      node = cmark_node_last_child(n)
    }
    return false
  }

  /// Top-level blocks from which a document's conversion is shared among the cores (a deck of a few
  /// hundred slides; below that, starting the threads costs more than they save).
  static let parallelFrom = 1_000

  /// Whether a document of `bytes` may keep its C nodes until the process exits: in a one-shot command
  /// (``ProcessTeardown/declareOneShot()``), up to 16 MB of Markdown. Freeing them is a tenth of extracting
  /// a long deck and, from several threads, contends for the allocator's lock (measured: no faster than one
  /// converter freeing as it goes); kept, the converters share the cores and the C tree is left to the OS.
  /// A bigger document is converted by one converter that frees each block as it goes, so its peak memory
  /// is the larger of the two trees, not their sum.
  static func keepsTree(_ bytes: Int) -> Bool { ProcessTeardown.isOneShot && bytes <= 16 << 20 }

  /// Converts runs of top-level blocks on all cores and joins them in order. Each top-level node is
  /// unlinked from the document first (one thread, before the others start), so that no thread follows a
  /// sibling pointer into another's run; none frees a node (see ``keepsTree(_:)``). The blocks and
  /// diagnostics are the same, in the same order, as one converter's over the whole document.
  private static func convertInParallel(
    _ top: [OpaquePointer], document: OpaquePointer, source: SourceFile, firstLine: Int, workers: Int
  ) -> (blocks: [Block], diagnostics: [Diagnostic]) {
    for node in top { cmark_node_unlink(node) }
    let runs = min(workers * 4, top.count)
    let per = (top.count + runs - 1) / runs
    let chunks = stride(from: 0, to: top.count, by: per).map {
      DetachedNodes(nodes: top[$0..<min($0 + per, top.count)], document: document)
    }
    @Sendable func convert(_ chunk: DetachedNodes) -> ([Block], [Diagnostic]) {
      var converter = Converter(source: source, lineOffset: firstLine - 1)
      converter.releases = false
      let blocks = converter.convert(chunk.document, topLevel: chunk.nodes)
      return (blocks, converter.diagnostics)
    }
    // (`concurrentMap` only rethrows what a transform throws, and this one throws nothing.)
    let parts = (try? chunks.concurrentMap(convert)) ?? [convert(DetachedNodes(nodes: top[...], document: document))]
    var blocks: [Block] = []
    blocks.reserveCapacity(top.count)
    var diagnostics: [Diagnostic] = []
    for (b, d) in parts {
      blocks.append(contentsOf: b)
      diagnostics.append(contentsOf: d)
    }
    return (blocks, diagnostics)
  }
}

/// A run of top-level nodes unlinked from their document: only the thread converting them reads them, and
/// the document is only read for its type.
private struct DetachedNodes: @unchecked Sendable {
  let nodes: ArraySlice<OpaquePointer>
  let document: OpaquePointer
}

/// A converter's place along the current line (one per converter, used on one thread).
private final class ColumnCounter {
  var memo = SourceFile.ColumnMemo()
}

/// Holds a thread's parser; deliberately never frees it (see `CMarkParser.threadParser`).
private final class ParserBox {
  let parser: OpaquePointer
  init(_ parser: OpaquePointer) { self.parser = parser }
}

/// What a converted child turns into, before its parent knows what it needs.
private enum Built {
  case block(Block)
  case inline(Inline)
  /// The contents of a container nested too deep, taking its place (see `MarkdownDocument.maximumDepth`).
  case blocks([Block])
  case inlines([Inline])
  case item(ListItem)
  case row(Table.Row, isHeader: Bool)
  case cell(Table.Cell)
}

/// An open C node and its converted children, sorted by what they became.
private struct Frame {
  let node: OpaquePointer
  /// How many quotes, lists, footnotes, emphases, links and images enclose the node, itself included.
  let depth: Int
  var blocks: [Block] = []
  var inlines: [Inline] = []
  var items: [ListItem] = []
  var rows: [(Table.Row, Bool)] = []
  var cells: [Table.Cell] = []

  mutating func add(_ built: Built) {
    switch built {
    case .block(let b): blocks.append(b)
    case .inline(let i): inlines.append(i)
    case .blocks(let b): blocks.append(contentsOf: b)
    case .inlines(let i): inlines.append(contentsOf: i)
    case .item(let i): items.append(i)
    case .row(let r, let isHeader): rows.append((r, isHeader))
    case .cell(let c): cells.append(c)
    }
  }
}

private struct Converter {
  let source: SourceFile
  let lineOffset: Int
  let tableType = lectern_node_type_table()
  let rowType = lectern_node_type_table_row()
  let cellType = lectern_node_type_table_cell()
  let strikeType = lectern_node_type_strikethrough()
  /// Containers nested deeper than `MarkdownDocument.maximumDepth`, one per flattened region.
  var diagnostics: [Diagnostic] = []
  /// The last table line checked for a backslash or backtick, and the answer: a row's cells share one line,
  /// so the line is scanned once per row instead of once per cell.
  private var escapesChecked: (line: Int, found: Bool) = (0, false)
  /// Whether a top-level node's C subtree is freed once converted (not when the tree is kept, see
  /// ``CMarkParser/keepsTree(_:)``).
  var releases = true
  /// Columns are asked for node after node along a line: counted on from the last one (see
  /// ``SourceFile/ColumnMemo``). A class, so the non-mutating builders can use it.
  private let columns = ColumnCounter()

  init(source: SourceFile, lineOffset: Int) {
    self.source = source
    self.lineOffset = lineOffset
  }

  /// Depth-first over the C tree with an explicit stack of frames (no recursion), building each
  /// node's Swift value when its children are done. Containers deeper than `MarkdownDocument.maximumDepth`
  /// are replaced by their contents, so no later walk over the Swift tree (or its destruction) can
  /// exhaust a stack.
  mutating func convert(_ document: OpaquePointer) -> [Block] {
    convert(document, topLevel: nil)
  }

  /// With `topLevel`, converts those nodes (unlinked from `document`, in that order) as the document's
  /// children; without, the document's own children.
  mutating func convert(_ document: OpaquePointer, topLevel: ArraySlice<OpaquePointer>?) -> [Block] {
    var root = Frame(node: document, depth: 0)
    var topIndex = topLevel?.startIndex ?? 0
    if let topLevel { root.blocks.reserveCapacity(topLevel.count) }
    var stack: [Frame] = [root]
    var next = cmark_node_first_child(document)
    if let topLevel { next = topLevel.first }
    /// The node after `node`: its sibling, or at the top level the next of `topLevel` when given.
    func following(_ node: OpaquePointer, atTop: Bool) -> OpaquePointer? {
      guard atTop, let topLevel else { return cmark_node_next(node) }
      topIndex += 1
      return topIndex < topLevel.endIndex ? topLevel[topIndex] : nil
    }
    while !stack.isEmpty {
      if let node = next {
        let depth = stack[stack.count - 1].depth + (isContainer(node) ? 1 : 0)
        if let child = cmark_node_first_child(node) {
          stack.append(opened(node, depth: depth, firstChild: child))
          next = child
          continue
        }
        // A leaf (or an empty container): build it now.
        if let built = bounded(node, children: Frame(node: node, depth: depth)) { stack[stack.count - 1].add(built) }
        next = following(node, atTop: stack.count == 1)
        releaseIfTopLevel(node, stackDepth: stack.count)
        continue
      }
      // No more siblings: close the innermost open node.
      let frame = stack.removeLast()
      if stack.isEmpty {
        return frame.blocks
      }
      if let built = bounded(frame.node, children: frame) { stack[stack.count - 1].add(built) }
      next = following(frame.node, atTop: stack.count == 1)
      releaseIfTopLevel(frame.node, stackDepth: stack.count)
    }
    return []
  }

  /// A frame for `node` with room for all its children in the array they will land in: counting siblings
  /// in C is cheaper than growing a Swift array several times.
  private func opened(_ node: OpaquePointer, depth: Int, firstChild: OpaquePointer) -> Frame {
    var frame = Frame(node: node, depth: depth)
    var count = 1
    var sibling = cmark_node_next(firstChild)
    while let s = sibling {
      count += 1
      sibling = cmark_node_next(s)
    }
    guard count > 1 else { return frame }
    let type = cmark_node_get_type(node)
    switch type {
    case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_ITEM, CMARK_NODE_FOOTNOTE_DEFINITION:
      frame.blocks.reserveCapacity(count)
    case CMARK_NODE_LIST: frame.items.reserveCapacity(count)
    case tableType: frame.rows.reserveCapacity(count)
    case rowType: frame.cells.reserveCapacity(count)
    default: frame.inlines.reserveCapacity(count)
    }
    return frame
  }

  /// A top-level block whose Swift value is built no longer needs its C nodes: freeing them now (the
  /// document keeps the rest) means the C tree shrinks while the Swift tree grows, so a big document's
  /// peak is about the larger of the two, not their sum.
  private func releaseIfTopLevel(_ node: OpaquePointer, stackDepth: Int) {
    if stackDepth == 1, releases { cmark_node_free(node) }
  }

  private func isContainer(_ node: OpaquePointer) -> Bool {
    switch cmark_node_get_type(node) {
    case CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_FOOTNOTE_DEFINITION, CMARK_NODE_EMPH, CMARK_NODE_STRONG,
      CMARK_NODE_LINK, CMARK_NODE_IMAGE, strikeType:
      return true
    default:
      return false
    }
  }

  /// `build`, or the node's contents in its place when it is nested too deep (its text kept, its
  /// quote, list, emphasis or link markup dropped); the outermost such node gets a warning.
  private mutating func bounded(_ node: OpaquePointer, children: Frame) -> Built? {
    let limit = MarkdownDocument.maximumDepth
    guard children.depth > limit, isContainer(node) else { return build(node, children: children) }
    if children.depth == limit + 1 {
      let at = range(node).map { SourceRange(start: $0.start, end: $0.start) }
      diagnostics.append(
        Diagnostic(
          .warning,
          "nesting deeper than \(limit) levels is flattened; the text inside is kept without its quotes, lists, emphasis and links",
          path: source.path, range: at, code: .nestingTooDeep))
    }
    let blocks = children.blocks + children.items.flatMap(\.blocks)
    return blocks.isEmpty ? .inlines(children.inlines) : .blocks(blocks)
  }

  private func literal(_ node: OpaquePointer) -> String {
    cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
  }

  // MARK: Positions

  /// The node's range in the original file, normalised; `nil` when cmark has none.
  private func range(_ node: OpaquePointer) -> SourceRange? {
    let startLine = Int(cmark_node_get_start_line(node))
    let startColumn = Int(cmark_node_get_start_column(node))
    var endLine = Int(cmark_node_get_end_line(node))
    var endColumn = Int(cmark_node_get_end_column(node))
    guard startLine > 0, startColumn > 0 else { return nil }
    if endColumn <= 0 {
      // cmark reports "end of the previous line" as column 0.
      endLine -= 1
      endColumn = endLine >= 1 ? source.byteLength(ofLine: endLine + lineOffset) : 0
    }
    if endLine < startLine || (endLine == startLine && endColumn < startColumn) {
      endLine = startLine
      endColumn = max(startColumn, source.byteLength(ofLine: startLine + lineOffset))
    }
    return makeRange(startLine, startColumn, endLine, endColumn)
  }

  private func makeRange(_ sl: Int, _ sc: Int, _ el: Int, _ ec: Int) -> SourceRange {
    let l1 = sl + lineOffset
    let l2 = el + lineOffset
    let column = source.characterColumn(line: l1, byteColumn: sc, memo: &columns.memo)
    return SourceRange(
      line: l1, column: column,
      endLine: l2, endColumn: source.characterColumn(line: l2, byteColumn: max(ec, 1), memo: &columns.memo))
  }

  /// HTML blocks: cmark sometimes ends the range on the first line; the literal tells the truth.
  private func htmlBlockRange(_ node: OpaquePointer, literal: String) -> SourceRange? {
    let startLine = Int(cmark_node_get_start_line(node))
    let startColumn = Int(cmark_node_get_start_column(node))
    guard startLine > 0, startColumn > 0 else { return nil }
    var lines = 0
    for b in literal.utf8 where b == 0x0A { lines += 1 }
    if !literal.hasSuffix("\n") { lines += 1 }
    let endLine = startLine + max(lines, 1) - 1
    let endColumn = max(source.byteLength(ofLine: endLine + lineOffset), 1)
    return makeRange(startLine, startColumn, endLine, endColumn)
  }

  // MARK: Building

  private func blocks(_ children: Frame) -> [Block] { children.blocks }

  private func inlines(_ children: Frame) -> [Inline] { children.inlines }

  private mutating func build(_ node: OpaquePointer, children: Frame) -> Built? {
    let type = cmark_node_get_type(node)
    switch type {
    case CMARK_NODE_PARAGRAPH:
      return .block(Block(.paragraph(inlines(children)), range: range(node)))
    case CMARK_NODE_HEADING:
      let r = range(node)
      let level = Int(cmark_node_get_heading_level(node))
      let setext = isSetextHeading(r)
      return .block(Block(.heading(Heading(level: level, inlines: inlines(children), isSetext: setext)), range: r))
    case CMARK_NODE_BLOCK_QUOTE:
      return .block(Block(.blockQuote(blocks(children)), range: range(node)))
    case CMARK_NODE_LIST:
      let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
      let items = children.items
      let list = ListBlock(
        kind: ordered ? .ordered : .bullet,
        start: ordered ? Int(cmark_node_get_list_start(node)) : nil,
        isTight: cmark_node_get_list_tight(node) != 0,
        items: items)
      return .block(Block(.list(list), range: range(node)))
    case CMARK_NODE_ITEM:
      let isTask = typeString(node) == "tasklist"
      let checked: Bool? = isTask ? cmark_gfm_extensions_get_tasklist_item_checked(node) : nil
      return .item(ListItem(blocks: blocks(children), isChecked: checked, range: range(node)))
    case CMARK_NODE_CODE_BLOCK:
      var length: Int32 = 0
      var offset: Int32 = 0
      var char: CChar = 0
      let fenced = cmark_node_get_fenced(node, &length, &offset, &char) != 0
      let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
      return .block(Block(.codeBlock(CodeBlock(info: info, code: literal(node), isFenced: fenced)), range: range(node)))
    case CMARK_NODE_HTML_BLOCK:
      let text = literal(node)
      return .block(Block(.htmlBlock(text), range: htmlBlockRange(node, literal: text)))
    case CMARK_NODE_THEMATIC_BREAK:
      return .block(Block(.thematicBreak, range: range(node)))
    case CMARK_NODE_FOOTNOTE_DEFINITION:
      return .block(Block(.footnoteDefinition(label: literal(node), blocks: blocks(children)), range: range(node)))
    default:
      return buildInline(node, type: type, children: children) ?? buildTablePart(node, type: type, children: children)
    }
  }

  /// Inline nodes: text, breaks, code, raw HTML, emphasis, links, images, footnote references, strikethrough.
  private func buildInline(_ node: OpaquePointer, type: cmark_node_type, children: Frame) -> Built? {
    switch type {
    case CMARK_NODE_TEXT:
      return .inline(Inline(.text(literal(node)), range: range(node)))
    case CMARK_NODE_SOFTBREAK:
      return .inline(Inline(.softBreak, range: nil))
    case CMARK_NODE_LINEBREAK:
      return .inline(Inline(.lineBreak, range: nil))
    case CMARK_NODE_CODE:
      return .inline(Inline(.code(literal(node)), range: range(node)))
    case CMARK_NODE_HTML_INLINE:
      return .inline(Inline(.html(literal(node)), range: range(node)))
    case CMARK_NODE_EMPH:
      return .inline(Inline(.emphasis(inlines(children)), range: range(node)))
    case CMARK_NODE_STRONG:
      return .inline(Inline(.strong(inlines(children)), range: range(node)))
    case CMARK_NODE_LINK:
      let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
      let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
      return .inline(Inline(.link(destination: url, title: title, children: inlines(children)), range: range(node)))
    case CMARK_NODE_IMAGE:
      let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
      let title = cmark_node_get_title(node).map { String(cString: $0) } ?? ""
      return .inline(Inline(.image(source: url, title: title, children: inlines(children)), range: range(node)))
    case CMARK_NODE_FOOTNOTE_REFERENCE:
      return .inline(Inline(.footnoteReference(literal(node)), range: range(node)))
    case strikeType:
      return .inline(Inline(.strikethrough(inlines(children)), range: range(node)))
    default:
      return nil
    }
  }

  /// GFM table nodes: the table, its rows (header or body) and cells with verified positions.
  private mutating func buildTablePart(_ node: OpaquePointer, type: cmark_node_type, children: Frame) -> Built? {
    switch type {
    case tableType:
      return .block(Block(.table(buildTable(node, children: children)), range: range(node)))
    case rowType:
      let cells = children.cells
      let r = range(node)
      let line = r.flatMap { source.line($0.start.line) }.map(String.init) ?? ""
      let header = cmark_gfm_extensions_get_table_row_is_header(node) != 0
      return .row(Table.Row(cells: cells, range: r, sourceLine: line), isHeader: header)
    case cellType:
      let synthesized = cmark_node_get_start_column(node) <= 0
      let r = synthesized ? nil : range(node)
      var content = inlines(children)
      // Only a backslash or a backtick in the row can shift cmark-gfm's inline positions in a cell.
      if let r, lineHasEscapes(r.start.line) {
        content = content.map { verified($0, in: r) }
      }
      return .cell(Table.Cell(inlines: content, range: r, isSynthesized: synthesized))
    default:
      return nil
    }
  }

  private mutating func lineHasEscapes(_ number: Int) -> Bool {
    if escapesChecked.line == number { return escapesChecked.found }
    let found = source.line(number, containsByte: 0x5C) || source.line(number, containsByte: 0x60)
    escapesChecked = (number, found)
    return found
  }

  private func typeString(_ node: OpaquePointer) -> String {
    cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
  }

  private func isSetextHeading(_ range: SourceRange?) -> Bool {
    guard let range, let line = source.line(range.start.line) else { return false }
    let trimmed = line.drop(while: { $0 == " " })
    return !trimmed.hasPrefix("#")
  }

  private func buildTable(_ node: OpaquePointer, children: Frame) -> Table {
    let columns = Int(cmark_gfm_extensions_get_table_columns(node))
    var alignments: [Table.Alignment] = []
    if let raw = cmark_gfm_extensions_get_table_alignments(node) {
      for i in 0..<columns {
        switch raw[i] {
        case UInt8(ascii: "l"): alignments.append(.left)
        case UInt8(ascii: "c"): alignments.append(.center)
        case UInt8(ascii: "r"): alignments.append(.right)
        default: alignments.append(.none)
        }
      }
    } else {
      alignments = Array(repeating: .none, count: columns)
    }
    var header: Table.Row?
    var rows: [Table.Row] = []
    for (row, isHeader) in children.rows {
      if isHeader && header == nil { header = row } else { rows.append(row) }
    }
    return Table(
      alignments: alignments,
      header: header ?? Table.Row(cells: [], range: nil, sourceLine: ""),
      rows: rows, range: range(node))
  }

  /// cmark-gfm re-parses a cell's unescaped content, so positions of inlines inside cells can be
  /// shifted (after `\|`, after leading spaces). Keep an inline's range only when the source really
  /// holds its text there; otherwise drop it (a missing range is honest, a wrong one is not).
  private func verified(_ inline: Inline, in cell: SourceRange) -> Inline {
    var copy = inline
    if let r = inline.range {
      switch inline.kind {
      case .text(let s):
        if r.start < cell.start || cell.end < r.end || !source.holds(s, at: r) { copy.range = nil }
      default:
        if r.start < cell.start || cell.end < r.end { copy.range = nil }
      }
    }
    switch inline.kind {
    case .emphasis(let c): copy.kind = .emphasis(c.map { verified($0, in: cell) })
    case .strong(let c): copy.kind = .strong(c.map { verified($0, in: cell) })
    case .strikethrough(let c): copy.kind = .strikethrough(c.map { verified($0, in: cell) })
    case .link(let d, let t, let c): copy.kind = .link(destination: d, title: t, children: c.map { verified($0, in: cell) })
    case .image(let d, let t, let c): copy.kind = .image(source: d, title: t, children: c.map { verified($0, in: cell) })
    default: break
    }
    return copy
  }
}
