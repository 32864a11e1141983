import Foundation
import LecternCore
import LecternDeck
import LecternMarkdown
import LecternPostmortem

/// `lectern extract` JSON, schema version 1 (documented in `docs/extract-schema.md`).
///
/// Ranges are strings `"startLine:startColumn-endLine:endColumn"` (1-based, columns in characters,
/// end inclusive), the form cmark-gfm's `--sourcepos` uses; `null` when unknown.
public enum ExtractJSON {
  public static let schemaVersion = 1

  /// The deck as JSON. With a `sink`, the output is streamed to it in chunks and `[]` is returned.
  public static func deck(_ deck: Deck, pretty: Bool = false, sink: ((ArraySlice<UInt8>) -> Void)? = nil) -> [UInt8] {
    var w = JSONWriter(pretty: pretty, sink: sink)
    w.beginObject()
    w.field("schemaVersion", schemaVersion)
    w.field("kind", "deck")
    w.field("path", deck.path)
    w.key("frontMatter")
    frontMatter(deck.frontMatter, &w)
    w.key("globalDirectives")
    directives(deck.globalDirectives, &w)
    w.key("directives")
    w.beginArray()
    for d in deck.directives {
      w.beginObject()
      w.field("key", d.key)
      w.field("name", d.name)
      w.field("scope", d.scope?.rawValue)
      w.field("known", d.isKnown)
      w.field("origin", d.origin.rawValue)
      w.key("value")
      yaml(d.value, &w)
      w.field("line", d.location?.line)
      w.field("column", d.location?.column)
      w.endObject()
    }
    w.endArray()
    w.key("styles")
    styles(deck.styles, &w)
    w.field("slideCount", deck.slides.count)
    w.field("noteCount", deck.slides.reduce(0) { $0 + $1.notes.count })
    w.key("slides")
    w.beginArray()
    if pretty {
      for slide in deck.slides { self.slide(slide, &w) }
    } else {
      // Slides are independent: encode batches of them on all cores, then emit them in order.
      // Batches keep memory bounded however long the deck is.
      let batch = 256
      let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
      var start = 0
      while start < deck.slides.count {
        let end = min(start + batch * workers, deck.slides.count)
        let slides = deck.slides[start..<end]
        let per = (slides.count + workers - 1) / workers
        let parts = try? Array(0..<workers).concurrentMap { k -> [UInt8] in
          let lo = slides.startIndex + k * per
          let hi = min(lo + per, slides.endIndex)
          guard lo < hi else { return [] }
          var part = JSONWriter()
          part.beginArray()
          for slide in slides[lo..<hi] { Self.slide(slide, &part) }
          part.endArray()
          return part.innerBytes
        }
        for part in parts ?? [] { w.rawElements(part) }
        start = end
      }
    }
    w.endArray()
    w.key("diagnostics")
    diagnostics(deck.diagnostics, &w)
    w.endObject()
    return w.finish()
  }

  /// The document as JSON. With a `sink`, the output is streamed to it in chunks and `[]` is returned.
  /// A document (not a deck, not a postmortem); `responseSLAs` appears when it carries a severity / response-time
  /// table, so a policy document gives typed SLAs in every mode.
  public static func document(
    _ doc: ProseDocument, responseSLAs: [ResponseSLA] = [], pretty: Bool = false, sink: ((ArraySlice<UInt8>) -> Void)? = nil
  ) -> [UInt8] {
    var w = JSONWriter(pretty: pretty, sink: sink)
    w.beginObject()
    w.field("schemaVersion", schemaVersion)
    w.field("kind", "document")
    w.field("path", doc.path)
    w.key("frontMatter")
    frontMatter(doc.frontMatter, &w)
    w.field("title", doc.title)
    w.key("preamble")
    var tableIndex = 0
    blocks(doc.outline.preamble, &w, &tableIndex)
    w.key("sections")
    w.beginArray()
    for s in doc.outline.sections { section(s, &w, &tableIndex) }
    w.endArray()
    w.key("tables")
    w.beginArray()
    for t in doc.tables { table(t, &w) }
    w.endArray()
    if !responseSLAs.isEmpty { writeResponseSLAs(responseSLAs, &w) }
    w.key("diagnostics")
    diagnostics(doc.diagnostics, &w)
    w.endObject()
    return w.finish()
  }

  /// Only the tables, each with where it was found (`slide` for decks, `section` for documents).
  public static func tables(_ located: [LocatedTable], pretty: Bool = false) -> [UInt8] {
    var w = JSONWriter(pretty: pretty)
    w.beginArray()
    for item in located {
      w.beginObject()
      w.field("slide", item.slide)
      w.field("section", item.section)
      w.key("table")
      table(item.table, &w)
      w.endObject()
    }
    w.endArray()
    return w.finish()
  }

  // MARK: Pieces

  static func range(_ r: SourceRange?, _ w: inout JSONWriter) {
    if let r {
      w.range(r.start.line, r.start.column, r.end.line, r.end.column)
    } else {
      w.null()
    }
  }

  static func frontMatter(_ fm: FrontMatter?, _ w: inout JSONWriter) {
    guard let fm else {
      w.null()
      return
    }
    w.beginObject()
    w.key("range")
    range(fm.range, &w)
    w.field("yaml", fm.yaml)
    w.key("values")
    w.beginObject()
    for e in fm.entries {
      w.key(e.key)
      yaml(e.value, &w)
    }
    w.endObject()
    w.endObject()
  }

  static func yaml(_ v: YAMLValue, _ w: inout JSONWriter) {
    switch v {
    case .scalar(let s): w.value(s)
    case .sequence(let items):
      w.beginArray()
      for i in items { yaml(i, &w) }
      w.endArray()
    case .mapping(let entries):
      w.beginObject()
      for e in entries {
        w.key(e.key)
        yaml(e.value, &w)
      }
      w.endObject()
    }
  }

  static func directives(_ d: ResolvedDirectives, _ w: inout JSONWriter) {
    w.beginObject()
    for name in d.values.keys.sorted() {
      w.key(name)
      yaml(d.values[name]!, &w)
    }
    w.endObject()
  }

  static func styles(_ styles: [StyleElement], _ w: inout JSONWriter) {
    w.beginArray()
    for s in styles {
      w.beginObject()
      w.field("scoped", s.isScoped)
      w.field("css", s.css)
      w.key("range")
      range(s.range, &w)
      w.endObject()
    }
    w.endArray()
  }

  static func filters(_ f: [ImageFilter], _ w: inout JSONWriter) {
    w.key("filters")
    w.beginArray()
    for x in f {
      w.beginObject()
      w.field("name", x.name)
      w.field("value", x.value)
      w.endObject()
    }
    w.endArray()
  }

  static func slide(_ s: Slide, _ w: inout JSONWriter) {
    w.beginObject()
    w.field("number", s.number)
    w.key("range")
    range(s.range, &w)
    w.field("openedBy", s.openedBy.rawValue)
    w.field("title", s.title)
    w.field("classes", strings: s.classes)
    w.field("paginate", s.directives.paginate.rawValue)
    w.key("directives")
    directives(s.directives, &w)
    w.key("notes")
    w.beginArray()
    for n in s.notes {
      w.beginObject()
      w.field("text", n.text)
      w.key("range")
      range(n.range, &w)
      w.endObject()
    }
    w.endArray()
    w.key("backgrounds")
    w.beginArray()
    for b in s.backgrounds {
      w.beginObject()
      w.field("url", b.url)
      w.field("size", b.size)
      w.field("split", b.split?.rawValue)
      w.field("splitSize", b.splitSize)
      w.field("direction", b.direction?.rawValue)
      w.field("width", b.width)
      w.field("height", b.height)
      filters(b.filters, &w)
      w.field("alt", b.alt)
      w.key("range")
      range(b.range, &w)
      w.endObject()
    }
    w.endArray()
    w.key("images")
    w.beginArray()
    for i in s.images {
      w.beginObject()
      w.field("url", i.url)
      w.field("alt", i.alt)
      w.field("width", i.width)
      w.field("height", i.height)
      filters(i.filters, &w)
      w.key("range")
      range(i.range, &w)
      w.endObject()
    }
    w.endArray()
    w.key("fitHeadings")
    w.beginArray()
    for f in s.fitHeadings {
      w.beginObject()
      w.field("level", f.level)
      w.field("text", f.text)
      w.key("range")
      range(f.range, &w)
      w.endObject()
    }
    w.endArray()
    w.key("scopedStyles")
    styles(s.scopedStyles, &w)
    w.key("tables")
    w.beginArray()
    for t in s.tables { table(t, &w) }
    w.endArray()
    w.key("blocks")
    var tableIndex = 0
    blocks(s.blocks, &w, &tableIndex)
    w.endObject()
  }

  static func section(_ s: Section, _ w: inout JSONWriter, _ tables: inout Int) {
    w.beginObject()
    w.field("level", s.level)
    w.field("title", s.title)
    w.key("range")
    range(s.range, &w)
    w.key("headingRange")
    range(s.heading.range, &w)
    w.key("blocks")
    blocks(s.blocks, &w, &tables)
    w.key("subsections")
    w.beginArray()
    for sub in s.subsections { section(sub, &w, &tables) }
    w.endArray()
    w.endObject()
  }

  static func table(_ t: Table, _ w: inout JSONWriter) {
    w.beginObject()
    w.key("range")
    range(t.range, &w)
    w.field("columns", t.columnCount)
    w.field("alignments", strings: t.alignments.map(\.rawValue))
    w.key("header")
    row(t.header, &w)
    w.key("rows")
    w.beginArray()
    for r in t.rows { row(r, &w) }
    w.endArray()
    w.endObject()
  }

  static func row(_ r: Table.Row, _ w: inout JSONWriter) {
    w.beginObject()
    w.key("range")
    range(r.range, &w)
    w.field("source", r.sourceLine)
    w.key("cells")
    w.beginArray()
    for c in r.cells {
      w.beginObject()
      w.field("text", c.text)
      w.key("range")
      range(c.range, &w)
      w.field("synthesized", c.isSynthesized)
      w.key("inlines")
      inlines(c.inlines, &w)
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }

  static func blocks(_ blocks: [Block], _ w: inout JSONWriter, _ tables: inout Int) {
    w.beginArray()
    for b in blocks { block(b, &w, &tables) }
    w.endArray()
  }

  static func block(_ b: Block, _ w: inout JSONWriter, _ tables: inout Int) {
    w.beginObject()
    switch b.kind {
    case .heading(let h):
      w.field("type", "heading")
      w.key("range")
      range(b.range, &w)
      w.field("level", h.level)
      w.field("setext", h.isSetext)
      w.field("text", h.inlines.plainText.trimmed)
      w.key("inlines")
      inlines(h.inlines, &w)
    case .paragraph(let i):
      w.field("type", "paragraph")
      w.key("range")
      range(b.range, &w)
      w.key("inlines")
      inlines(i, &w)
    case .blockQuote(let children):
      w.field("type", "blockQuote")
      w.key("range")
      range(b.range, &w)
      w.key("blocks")
      blocks(children, &w, &tables)
    case .list(let list):
      w.field("type", "list")
      w.key("range")
      range(b.range, &w)
      w.field("ordered", list.kind == .ordered)
      w.field("start", list.start)
      w.field("tight", list.isTight)
      w.key("items")
      w.beginArray()
      for item in list.items {
        w.beginObject()
        w.key("range")
        range(item.range, &w)
        w.key("checked")
        if let c = item.isChecked { w.value(c) } else { w.null() }
        w.key("blocks")
        blocks(item.blocks, &w, &tables)
        w.endObject()
      }
      w.endArray()
    case .codeBlock(let code):
      w.field("type", "codeBlock")
      w.key("range")
      range(b.range, &w)
      w.field("info", code.info)
      w.field("fenced", code.isFenced)
      w.field("code", code.code)
    case .htmlBlock(let html):
      w.field("type", "htmlBlock")
      w.key("range")
      range(b.range, &w)
      w.field("html", html)
    case .thematicBreak:
      w.field("type", "thematicBreak")
      w.key("range")
      range(b.range, &w)
    case .table:
      // The table itself is in the enclosing slide's (or document's) `tables`, at this index.
      w.field("type", "table")
      w.key("range")
      range(b.range, &w)
      w.field("table", tables)
      tables += 1
    case .footnoteDefinition(let label, let children):
      w.field("type", "footnoteDefinition")
      w.key("range")
      range(b.range, &w)
      w.field("label", label)
      w.key("blocks")
      blocks(children, &w, &tables)
    }
    w.endObject()
  }

  static func inlines(_ list: [Inline], _ w: inout JSONWriter) {
    w.beginArray()
    for i in list { inline(i, &w) }
    w.endArray()
  }

  static func inline(_ i: Inline, _ w: inout JSONWriter) {
    w.beginObject()
    switch i.kind {
    case .text(let s):
      w.field("type", "text")
      w.field("text", s)
    case .softBreak: w.field("type", "softBreak")
    case .lineBreak: w.field("type", "lineBreak")
    case .code(let s):
      w.field("type", "code")
      w.field("code", s)
    case .html(let s):
      w.field("type", "html")
      w.field("html", s)
    case .emphasis(let c):
      w.field("type", "emphasis")
      w.key("children")
      inlines(c, &w)
    case .strong(let c):
      w.field("type", "strong")
      w.key("children")
      inlines(c, &w)
    case .strikethrough(let c):
      w.field("type", "strikethrough")
      w.key("children")
      inlines(c, &w)
    case .link(let d, let t, let c):
      w.field("type", "link")
      w.field("destination", d)
      w.field("title", t)
      w.key("children")
      inlines(c, &w)
    case .image(let s, let t, let c):
      w.field("type", "image")
      w.field("source", s)
      w.field("title", t)
      w.field("alt", c.plainText)
    case .footnoteReference(let label):
      w.field("type", "footnoteReference")
      w.field("label", label)
    }
    if i.range != nil || !isBreak(i) {
      w.key("range")
      range(i.range, &w)
    }
    w.endObject()
  }

  private static func isBreak(_ i: Inline) -> Bool {
    switch i.kind {
    case .softBreak, .lineBreak: true
    default: false
    }
  }

  static func diagnostics(_ list: [Diagnostic], _ w: inout JSONWriter) {
    w.beginArray()
    for d in list {
      w.beginObject()
      w.field("severity", d.severity.rawValue)
      w.field("code", d.code.rawValue)
      w.field("message", d.message)
      w.field("path", d.path)
      w.field("line", d.range?.start.line)
      w.field("column", d.range?.start.column)
      w.key("range")
      range(d.range, &w)
      w.endObject()
    }
    w.endArray()
  }
}

/// A table and where it is: a slide number in a deck, a section title path in a document.
public struct LocatedTable: Sendable {
  public var table: Table
  public var slide: Int?
  public var section: String?

  public init(table: Table, slide: Int?, section: String?) {
    self.table = table
    self.slide = slide
    self.section = section
  }
}
