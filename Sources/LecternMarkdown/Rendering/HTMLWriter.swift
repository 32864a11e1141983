/// Writes Markdown values as HTML into one byte buffer: the bytes cmark-gfm's HTML renderer writes for the
/// same values built as a cmark tree (``CMarkRenderer``, with the table, strikethrough, autolink, tagfilter
/// and tasklist extensions and `CMARK_OPT_UNSAFE`), without building and freeing that tree for every render.
///
/// cmark-gfm stays the reference: `HTMLWriterTests` renders the seeds, the corpus, generated and mutated decks
/// and hand-made edge cases both ways and requires the same bytes. What the writer reproduces of cmark-gfm
/// 0.29: `escape_html` (`&`, `<`, `>`, `"`), `houdini_escape_href`, the line-break rule (`cr`), tight list
/// paragraphs, the table extension's `thead`/`tbody`, the tasklist checkbox, the tagfilter on raw HTML, an
/// image's `alt` as plain text, and the children cmark refuses (a table cell takes no line break).
struct HTMLWriter {
  let rawHTML: RawHTMLPolicy
  let rewriter: (any HTMLRewriting)?
  private(set) var out: [UInt8] = []

  init(rawHTML: RawHTMLPolicy, rewriter: (any HTMLRewriting)?, capacity: Int = 1024) {
    self.rawHTML = rawHTML
    self.rewriter = rewriter
    out.reserveCapacity(capacity)
  }

  static func html(_ blocks: [Block], rawHTML: RawHTMLPolicy, rewriter: (any HTMLRewriting)?) -> String {
    var writer = HTMLWriter(rawHTML: rawHTML, rewriter: rewriter)
    for block in blocks { writer.write(block, tight: false) }
    return String(decoding: writer.out, as: UTF8.self)
  }

  // MARK: Blocks

  /// `tight`: the block is a direct child of an item of a tight list (its paragraphs lose their `<p>`).
  mutating func write(_ block: Block, tight: Bool) {
    switch rewriter?.rewrite(block) {
    case .drop?:
      return
    case .html(let html)?:
      htmlBlock(html)
    case .replace(let blocks)?:
      for b in blocks { writeDefault(b, tight: tight) }
    case nil:
      writeDefault(block, tight: tight)
    }
  }

  private mutating func writeDefault(_ block: Block, tight: Bool) {
    switch block.kind {
    case .heading(let h):
      // cmark-gfm keeps level 1 for a level it refuses.
      let level = UInt8(1...6 ~= h.level ? h.level : 1)
      cr()
      put("<h")
      out.append(0x30 + level)
      out.append(0x3E)
      write(h.inlines, in: .flow)
      put("</h")
      out.append(0x30 + level)
      put(">\n")
    case .paragraph(let inlines):
      paragraph(tight: tight) { $0.write(inlines, in: .flow) }
    case .blockQuote(let blocks):
      cr()
      put("<blockquote>\n")
      for b in blocks { write(b, tight: false) }
      cr()
      put("</blockquote>\n")
    case .list(let list):
      cr()
      if list.kind == .bullet {
        put("<ul>\n")
      } else {
        // A new cmark list starts at 0; a negative start is refused.
        let start = list.start.flatMap { $0 >= 0 ? $0 : nil } ?? 0
        if start == 1 { put("<ol>\n") } else { append("<ol start=\"\(start)\">\n") }
      }
      for item in list.items {
        cr()
        switch item.isChecked {
        case true?: put("<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> ")
        case false?: put("<li><input type=\"checkbox\" disabled=\"\" /> ")
        case nil: put("<li>")
        }
        for b in item.blocks { write(b, tight: list.isTight) }
        put("</li>\n")
      }
      put(list.kind == .bullet ? "</ul>\n" : "</ol>\n")
    case .codeBlock(let code):
      cr()
      if code.info.isEmpty {
        put("<pre><code>")
      } else {
        put("<pre><code class=\"language-")
        let info = Array(code.info.utf8)
        escaped(info.prefix { !Self.isSpace($0) })
        put("\">")
      }
      escaped(code.code)
      put("</code></pre>\n")
    case .htmlBlock(let html):
      if let allowed = rawHTML.passing(html) {
        htmlBlock(allowed)
      } else {
        let text = String(html.reversed().drop(while: { $0 == "\n" }).reversed())
        paragraph(tight: tight) { $0.escaped(text) }
      }
    case .thematicBreak:
      cr()
      put("<hr />\n")
    case .table(let table):
      write(table)
    case .footnoteDefinition(let label, let blocks):
      // A custom block: a line break around its opening and its closing.
      let name = HTMLEscaping.escape(label)
      cr()
      append("<div class=\"footnote\" id=\"fn-\(name)\"><sup>\(name)</sup>")
      cr()
      for b in blocks { write(b, tight: false) }
      cr()
      put("</div>")
      cr()
    }
  }

  private mutating func paragraph(tight: Bool, _ body: (inout HTMLWriter) -> Void) {
    if tight { return body(&self) }
    cr()
    put("<p>")
    body(&self)
    put("</p>\n")
  }

  /// A raw HTML block: a line break before and after, tags the tagfilter names opened as text.
  private mutating func htmlBlock(_ html: String) {
    cr()
    var html = html
    html.withUTF8 { filtered($0, everyTag: true) }
    cr()
  }

  /// The table extension's markup: every row has one cell per column (short rows padded with empty cells),
  /// `thead` around the header row, `tbody` around the rest when there is any.
  private mutating func write(_ table: Table) {
    let columns = max(table.columnCount, 1)
    var alignments = [Table.Alignment](repeating: .none, count: columns)
    for (i, a) in table.alignments.prefix(columns).enumerated() { alignments[i] = a }
    cr()
    put("<table>")
    var bodyOpen = false
    for (index, row) in ([table.header] + table.rows).enumerated() {
      let isHeader = index == 0
      cr()
      if isHeader {
        put("<thead>")
        cr()
      } else if !bodyOpen {
        put("<tbody>")
        cr()
        bodyOpen = true
      }
      put("<tr>")
      for c in 0..<columns {
        cr()
        put(isHeader ? "<th" : "<td")
        switch alignments[c] {
        case .none: break
        case .left: put(" align=\"left\"")
        case .center: put(" align=\"center\"")
        case .right: put(" align=\"right\"")
        }
        out.append(0x3E)
        if c < row.cells.count { write(row.cells[c].inlines, in: .cell) }
        put(isHeader ? "</th>" : "</td>")
      }
      cr()
      put("</tr>")
      if isHeader {
        cr()
        put("</thead>")
      }
    }
    if bodyOpen {
      cr()
      put("</tbody>")
      cr()
    }
    cr()
    put("</table>")
    cr()
  }

  // MARK: Inlines

  /// Where inlines are written: in flowing text; directly in a table cell (which refuses line breaks); or
  /// as an image's `alt` text (only the text of each node, escaped; breaks as spaces).
  enum InlinePlace { case flow, cell, plain }

  private mutating func write(_ inlines: [Inline], in place: InlinePlace) {
    for inline in inlines { write(inline, in: place) }
  }

  private mutating func write(_ inline: Inline, in place: InlinePlace) {
    switch rewriter?.rewrite(inline) {
    case .drop?:
      return
    case .html(let html)?:
      htmlInline(html, in: place)
    case .replace(let inlines)?:
      for i in inlines { writeDefault(i, in: place) }
    case nil:
      writeDefault(inline, in: place)
    }
  }

  private mutating func writeDefault(_ inline: Inline, in place: InlinePlace) {
    // Children of any inline node may be of any inline kind; only the cell itself refuses some.
    let inner: InlinePlace = place == .plain ? .plain : .flow
    switch inline.kind {
    case .text(let s):
      escaped(s)
    case .softBreak:
      switch place {
      case .flow: out.append(0x0A)
      case .plain: out.append(0x20)
      case .cell: break
      }
    case .lineBreak:
      switch place {
      case .flow: put("<br />\n")
      case .plain: out.append(0x20)
      case .cell: break
      }
    case .code(let s):
      if place == .plain { return escaped(s) }
      put("<code>")
      escaped(s)
      put("</code>")
    case .html(let s):
      if let allowed = rawHTML.passing(s) { htmlInline(allowed, in: place) } else { escaped(s) }
    case .emphasis(let c):
      wrapped(c, place: place, inner: inner, open: "<em>", close: "</em>")
    case .strong(let c):
      wrapped(c, place: place, inner: inner, open: "<strong>", close: "</strong>")
    case .strikethrough(let c):
      wrapped(c, place: place, inner: inner, open: "<del>", close: "</del>")
    case .link(let destination, let title, let c):
      if place == .plain { return write(c, in: .plain) }
      put("<a href=\"")
      if URLSafety.isSafe(destination, isImage: false) { href(destination) }
      if !title.isEmpty {
        put("\" title=\"")
        escaped(title)
      }
      put("\">")
      write(c, in: .flow)
      put("</a>")
    case .image(let source, let title, let c):
      if place == .plain { return write(c, in: .plain) }
      put("<img src=\"")
      if URLSafety.isSafe(source, isImage: true) { href(source) }
      put("\" alt=\"")
      write(c, in: .plain)
      if !title.isEmpty {
        put("\" title=\"")
        escaped(title)
      }
      put("\" />")
    case .footnoteReference(let label):
      let name = HTMLEscaping.escape(label)
      htmlInline("<sup class=\"footnote-ref\"><a href=\"#fn-\(name)\">\(name)</a></sup>", in: place)
    }
  }

  private mutating func wrapped(
    _ children: [Inline], place: InlinePlace, inner: InlinePlace, open: StaticString, close: StaticString
  ) {
    if place != .plain { put(open) }
    write(children, in: inner)
    if place != .plain { put(close) }
  }

  /// Raw inline HTML: verbatim, but `&lt;` for its first `<` when it opens a tag the tagfilter names; in an
  /// `alt`, escaped text.
  private mutating func htmlInline(_ html: String, in place: InlinePlace) {
    if place == .plain { return escaped(html) }
    var html = html
    html.withUTF8 { filtered($0, everyTag: false) }
  }

  // MARK: Bytes

  private mutating func put(_ s: StaticString) {
    s.withUTF8Buffer { out.append(contentsOf: $0) }
  }

  private mutating func append(_ s: String) {
    var s = s
    s.withUTF8 { out.append(contentsOf: $0) }
  }

  /// cmark-gfm's `cr`: a line break unless the output is empty or already ends with one.
  private mutating func cr() {
    if let last = out.last, last != 0x0A { out.append(0x0A) }
  }

  /// cmark-gfm's `escape_html` (not in secure mode): `&`, `<`, `>` and `"`.
  private mutating func escaped(_ s: String) {
    var s = s
    s.withUTF8 { escaped($0) }
  }

  private mutating func escaped<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    if let done: Void = bytes.withContiguousStorageIfAvailable({ escaped(UnsafeBufferPointer(rebasing: $0[...])) }) {
      return done
    }
    escaped(Array(bytes))
  }

  private mutating func escaped(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { escaped($0) }
  }

  private mutating func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
    var start = 0
    for (i, b) in bytes.enumerated() {
      let entity: StaticString
      switch b {
      case 0x26: entity = "&amp;"
      case 0x3C: entity = "&lt;"
      case 0x3E: entity = "&gt;"
      case 0x22: entity = "&quot;"
      default: continue
      }
      if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
      put(entity)
      start = i + 1
    }
    if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
  }

  /// cmark-gfm's `houdini_escape_href`: URL-safe and reserved characters kept, `&` and `'` as entities, every
  /// other byte as `%XX`.
  private mutating func href(_ url: String) {
    var url = url
    url.withUTF8 { bytes in
      let hex: StaticString = "0123456789ABCDEF"
      var start = 0
      for (i, b) in bytes.enumerated() where !Self.hrefSafe[Int(b)] {
        if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
        switch b {
        case 0x26: put("&amp;")
        case 0x27: put("&#x27;")
        default:
          out.append(0x25)
          out.append(hex.utf8Start[Int(b >> 4)])
          out.append(hex.utf8Start[Int(b & 0xF)])
        }
        start = i + 1
      }
      if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
    }
  }

  /// Bytes `houdini_escape_href` writes as they are: letters, digits and `-_.+!*(),%#@?=;:/$~`.
  private static let hrefSafe: [Bool] = (0..<256).map { b in
    switch UInt8(b) {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    default:
      return "-_.+!*(),%#@?=;:/$~".utf8.contains(UInt8(b))
    }
  }

  /// `cmark_isspace` in cmark-gfm 0.29: space, tab, line feed, carriage return (not vertical tab or form feed).
  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

  /// Raw HTML through the tagfilter extension: a `<` that opens (or closes) `title`, `textarea`, `style`, `xmp`,
  /// `iframe`, `noembed`, `noframes`, `script` or `plaintext` becomes `&lt;`. In a block every `<` is checked;
  /// inline HTML only at its start.
  private mutating func filtered(_ bytes: UnsafeBufferPointer<UInt8>, everyTag: Bool) {
    var start = 0
    var i = 0
    while i < bytes.count {
      if bytes[i] == 0x3C, Self.isFilteredTag(UnsafeBufferPointer(rebasing: bytes[i...])) {
        if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
        put("&lt;")
        start = i + 1
      }
      if !everyTag { break }
      i += 1
    }
    if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
  }

  private static let filteredTags: [[UInt8]] = [
    "title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext",
  ].map { Array($0.utf8) }

  /// The tagfilter's test on the bytes from a `<`: an optional `/`, a filtered name in any case, then a
  /// space, `>` or `/>`.
  private static func isFilteredTag(_ tag: UnsafeBufferPointer<UInt8>) -> Bool {
    guard tag.count >= 3, tag[0] == 0x3C else { return false }
    let nameStart = tag[1] == 0x2F ? 2 : 1
    names: for name in filteredTags {
      var i = nameStart
      for letter in name {
        guard i < tag.count else { continue names }
        let b = tag[i]
        let lower = (0x41...0x5A).contains(b) ? b + 0x20 : b
        if lower != letter { continue names }
        i += 1
      }
      guard i < tag.count else { continue }
      if isSpace(tag[i]) || tag[i] == 0x3E { return true }
      if tag[i] == 0x2F, i + 1 < tag.count, tag[i + 1] == 0x3E { return true }
    }
    return false
  }
}
