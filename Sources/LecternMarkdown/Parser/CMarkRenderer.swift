import CCmarkGFM
import Foundation
import LecternCore

/// Renders Swift Markdown values to HTML through cmark-gfm's own HTML renderer: the reference that
/// ``HTMLWriter`` (which renders without a cmark tree) is tested against, byte for byte.
///
/// The Swift tree is rebuilt as a cmark tree (tables through the table extension's own node
/// constructors and setters) and freed after rendering.
enum CMarkRenderer {
  static func html(_ blocks: [Block], rawHTML: RawHTMLPolicy, rewriter: (any HTMLRewriting)?) -> String {
    _ = CMarkParser.ensureRegistered
    guard let document = cmark_node_new(CMARK_NODE_DOCUMENT) else { return "" }
    defer { cmark_node_free(document) }
    var builder = TreeBuilder(rawHTML: rawHTML, rewriter: rewriter)
    for block in blocks { builder.append(block, to: document) }
    // Raw HTML that the policy lets through is already in the tree as HTML nodes; the rest became text.
    let options = CMARK_OPT_DEFAULT | CMARK_OPT_UNSAFE
    guard let rendered = cmark_render_html(document, options, CMarkParser.renderExtensions.list) else { return "" }
    defer { free(rendered) }
    return String(cString: rendered)
  }
}

extension CMarkParser {
  static let ensureRegistered: Void = { cmark_gfm_core_extensions_ensure_registered() }()

  /// The extensions every render passes to cmark-gfm: made once per process and never freed (the renderer
  /// only reads the list), instead of a list built and freed for each slide.
  static let renderExtensions: ExtensionList = {
    _ = ensureRegistered
    var list: UnsafeMutablePointer<cmark_llist>? = nil
    for name in ["table", "strikethrough", "autolink", "tagfilter", "tasklist"] {
      if let ext = cmark_find_syntax_extension(name) {
        list = cmark_llist_append(cmark_get_default_mem_allocator(), list, UnsafeMutableRawPointer(ext))
      }
    }
    return ExtensionList(list: list)
  }()

  /// A cmark-gfm list of syntax extensions that nothing writes to after it is made.
  struct ExtensionList: @unchecked Sendable {
    let list: UnsafeMutablePointer<cmark_llist>?
  }
}

/// Schemes that never survive into rendered links or images.
public enum URLSafety {
  public static func isSafe(_ url: String, isImage: Bool) -> Bool {
    // Browsers ignore control characters and whitespace inside a scheme: strip them before checking. Every
    // check is on the first 18 characters, so an ASCII start is read over bytes (every link and image of a
    // deck passes here); other text is lowercased as Unicode.
    let lowered =
      asciiStart(of: url)
      ?? {
        let compact = url.unicodeScalars.filter { $0.value > 0x20 && $0 != "\u{7F}" }
        return String(String.UnicodeScalarView(compact)).lowercased()
      }()
    for scheme in ["javascript:", "vbscript:", "file:"] where lowered.hasPrefix(scheme) { return false }
    if lowered.hasPrefix("data:") {
      guard isImage else { return false }
      return ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp", "data:image/svg+xml"]
        .contains { lowered.hasPrefix($0) }
    }
    return true
  }

  /// The first 24 bytes of `url` without control characters, spaces and DEL, lowercased, when they are all
  /// ASCII (the whole text when shorter); `nil` when a non-ASCII byte comes first.
  static func asciiStart(of url: String) -> String? {
    var start: [UInt8] = []
    start.reserveCapacity(24)
    for b in url.utf8 {
      if b >= 0x80 { return nil }
      if b <= 0x20 || b == 0x7F { continue }
      start.append(b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b)
      if start.count == 24 { break }
    }
    return String(decoding: start, as: UTF8.self)
  }
}

private struct TreeBuilder {
  let rawHTML: RawHTMLPolicy
  let rewriter: (any HTMLRewriting)?

  private func node(_ type: cmark_node_type) -> OpaquePointer {
    cmark_node_new(type)!
  }

  private func escape(_ s: String) -> String { HTMLEscaping.escape(s) }

  /// Appends `child` to `parent`; a child cmark refuses (a kind the parent may not hold) is freed, not leaked.
  private func attach(_ child: OpaquePointer, to parent: OpaquePointer) {
    if cmark_node_append_child(parent, child) == 0 { cmark_node_free(child) }
  }

  /// A node that renders `html` verbatim: a raw HTML node (rendering is always "unsafe"; what may pass was
  /// decided before). Raw HTML rather than custom nodes, because table cells may not hold custom inlines.
  private func verbatim(_ html: String, block: Bool) -> OpaquePointer {
    let n = node(block ? CMARK_NODE_HTML_BLOCK : CMARK_NODE_HTML_INLINE)
    set(n, html, cmark_node_set_literal)
    return n
  }

  private func custom(_ type: cmark_node_type, enter: String, exit: String) -> OpaquePointer {
    let n = node(type)
    set(n, enter, cmark_node_set_on_enter)
    set(n, exit, cmark_node_set_on_exit)
    return n
  }

  mutating func append(_ block: Block, to parent: OpaquePointer) {
    switch rewriter?.rewrite(block) {
    case .drop?:
      return
    case .html(let html)?:
      attach(verbatim(html, block: true), to: parent)
      return
    case .replace(let blocks)?:
      for b in blocks { appendDefault(b, to: parent) }
      return
    case nil:
      appendDefault(block, to: parent)
    }
  }

  private mutating func appendDefault(_ block: Block, to parent: OpaquePointer) {
    switch block.kind {
    case .heading(let h):
      let n = node(CMARK_NODE_HEADING)
      cmark_node_set_heading_level(n, Int32(h.level))
      append(h.inlines, to: n)
      attach(n, to: parent)
    case .paragraph(let inlines):
      let n = node(CMARK_NODE_PARAGRAPH)
      append(inlines, to: n)
      attach(n, to: parent)
    case .blockQuote(let blocks):
      let n = node(CMARK_NODE_BLOCK_QUOTE)
      for b in blocks { append(b, to: n) }
      attach(n, to: parent)
    case .list(let list):
      let n = node(CMARK_NODE_LIST)
      cmark_node_set_list_type(n, list.kind == .ordered ? CMARK_ORDERED_LIST : CMARK_BULLET_LIST)
      if let start = list.start { cmark_node_set_list_start(n, Int32(start)) }
      cmark_node_set_list_tight(n, list.isTight ? 1 : 0)
      for item in list.items {
        let i: OpaquePointer
        if let checked = item.isChecked, let ext = cmark_find_syntax_extension("tasklist") {
          i = cmark_node_new_with_ext(CMARK_NODE_ITEM, ext)!
          cmark_gfm_extensions_set_tasklist_item_checked(i, checked)
        } else {
          i = node(CMARK_NODE_ITEM)
        }
        for b in item.blocks { append(b, to: i) }
        attach(i, to: n)
      }
      attach(n, to: parent)
    case .codeBlock(let code):
      let n = node(CMARK_NODE_CODE_BLOCK)
      set(n, code.info, cmark_node_set_fence_info)
      set(n, code.code, cmark_node_set_literal)
      attach(n, to: parent)
    case .htmlBlock(let html):
      if let allowed = rawHTML.passing(html) {
        let n = node(CMARK_NODE_HTML_BLOCK)
        set(n, allowed, cmark_node_set_literal)
        attach(n, to: parent)
      } else {
        let p = node(CMARK_NODE_PARAGRAPH)
        let t = node(CMARK_NODE_TEXT)
        set(t, String(html.reversed().drop(while: { $0 == "\n" }).reversed()), cmark_node_set_literal)
        attach(t, to: p)
        attach(p, to: parent)
      }
    case .thematicBreak:
      attach(node(CMARK_NODE_THEMATIC_BREAK), to: parent)
    case .table(let table):
      if let n = tableNode(table) { cmark_node_append_child(parent, n) }
    case .footnoteDefinition(let label, let blocks):
      let n = custom(
        CMARK_NODE_CUSTOM_BLOCK, enter: "<div class=\"footnote\" id=\"fn-\(escape(label))\"><sup>\(escape(label))</sup>",
        exit: "</div>")
      for b in blocks { append(b, to: n) }
      attach(n, to: parent)
    }
  }

  /// A cmark table built node by node through the table extension (its nodes get their extension data
  /// when created with it): every row has one cell per column, missing cells stay empty, as cmark-gfm pads
  /// short rows itself. No Markdown is parsed again.
  private mutating func tableNode(_ table: Table) -> OpaquePointer? {
    guard let ext = cmark_find_syntax_extension("table"),
      let tableNode = cmark_node_new_with_ext(lectern_node_type_table(), ext)
    else { return nil }
    let columns = max(table.columnCount, 1)
    var alignments = [UInt8](repeating: 0, count: columns)
    for (i, a) in table.alignments.enumerated() {
      switch a {
      case .none: alignments[i] = 0
      case .left: alignments[i] = UInt8(ascii: "l")
      case .center: alignments[i] = UInt8(ascii: "c")
      case .right: alignments[i] = UInt8(ascii: "r")
      }
    }
    cmark_gfm_extensions_set_table_columns(tableNode, UInt16(clamping: columns))
    cmark_gfm_extensions_set_table_alignments(tableNode, UInt16(clamping: columns), &alignments)
    appendRow(table.header, isHeader: true, columns: columns, ext: ext, to: tableNode)
    for row in table.rows { appendRow(row, isHeader: false, columns: columns, ext: ext, to: tableNode) }
    return tableNode
  }

  private mutating func appendRow(
    _ row: Table.Row, isHeader: Bool, columns: Int, ext: OpaquePointer,
    to table: OpaquePointer
  ) {
    guard let rowNode = cmark_node_new_with_ext(lectern_node_type_table_row(), ext) else { return }
    cmark_gfm_extensions_set_table_row_is_header(rowNode, isHeader ? 1 : 0)
    for c in 0..<columns {
      // A cell is made as cmark-gfm's own table parser makes it (a plain node marked with the extension):
      // `new_with_ext` gives a cell extension data that the extension never frees (24 bytes a cell,
      // found by FuzzDeck's leak detection in libcmark-gfm 0.29.0.gfm.6).
      guard let cell = cmark_node_new(lectern_node_type_table_cell()) else { continue }
      cmark_node_set_syntax_extension(cell, ext)
      if c < row.cells.count { append(row.cells[c].inlines, to: cell) }
      cmark_node_append_child(rowNode, cell)
    }
    cmark_node_append_child(table, rowNode)
  }

  mutating func append(_ inlines: [Inline], to parent: OpaquePointer) {
    for inline in inlines { append(inline, to: parent) }
  }

  private func text(_ s: String) -> OpaquePointer {
    let t = node(CMARK_NODE_TEXT)
    set(t, s, cmark_node_set_literal)
    return t
  }

  mutating func append(_ inline: Inline, to parent: OpaquePointer) {
    switch rewriter?.rewrite(inline) {
    case .drop?:
      return
    case .html(let html)?:
      attach(verbatim(html, block: false), to: parent)
      return
    case .replace(let inlines)?:
      for i in inlines { appendDefault(i, to: parent) }
      return
    case nil:
      appendDefault(inline, to: parent)
    }
  }

  private mutating func appendDefault(_ inline: Inline, to parent: OpaquePointer) {
    switch inline.kind {
    case .text(let s):
      attach(text(s), to: parent)
    case .softBreak:
      attach(node(CMARK_NODE_SOFTBREAK), to: parent)
    case .lineBreak:
      attach(node(CMARK_NODE_LINEBREAK), to: parent)
    case .code(let s):
      let n = node(CMARK_NODE_CODE)
      set(n, s, cmark_node_set_literal)
      attach(n, to: parent)
    case .html(let s):
      if let allowed = rawHTML.passing(s) {
        let n = node(CMARK_NODE_HTML_INLINE)
        set(n, allowed, cmark_node_set_literal)
        attach(n, to: parent)
      } else {
        attach(text(s), to: parent)
      }
    case .emphasis(let c):
      let n = node(CMARK_NODE_EMPH)
      append(c, to: n)
      attach(n, to: parent)
    case .strong(let c):
      let n = node(CMARK_NODE_STRONG)
      append(c, to: n)
      attach(n, to: parent)
    case .strikethrough(let c):
      let ext = cmark_find_syntax_extension("strikethrough")
      let n = cmark_node_new_with_ext(lectern_node_type_strikethrough(), ext)!
      append(c, to: n)
      attach(n, to: parent)
    case .link(let destination, let title, let c):
      let n = node(CMARK_NODE_LINK)
      set(n, URLSafety.isSafe(destination, isImage: false) ? destination : "", cmark_node_set_url)
      set(n, title, cmark_node_set_title)
      append(c, to: n)
      attach(n, to: parent)
    case .image(let source, let title, let c):
      let n = node(CMARK_NODE_IMAGE)
      set(n, URLSafety.isSafe(source, isImage: true) ? source : "", cmark_node_set_url)
      set(n, title, cmark_node_set_title)
      append(c, to: n)
      attach(n, to: parent)
    case .footnoteReference(let label):
      // Verbatim HTML, not a custom inline: a table cell refuses custom inlines (issue 17's fuzzer found the
      // reference dropped, and its node leaked, in a table).
      let html = "<sup class=\"footnote-ref\"><a href=\"#fn-\(escape(label))\">\(escape(label))</a></sup>"
      attach(verbatim(html, block: false), to: parent)
    }
  }
}

/// Sets a node's string through `setter` without a copy: a native Swift string is already NUL-terminated UTF-8,
/// where passing a `String` as `char *` builds a new array for every call.
private func set(_ node: OpaquePointer?, _ value: String, _ setter: (OpaquePointer?, UnsafePointer<CChar>?) -> Int32) {
  _ = value.withCString { setter(node, $0) }
}
