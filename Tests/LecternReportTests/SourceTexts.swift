import Foundation
import LecternCore
import LecternDeck
import LecternMarkdown

/// What a reader sees of a Markdown document, block by block: the text of every heading, paragraph,
/// list item, table cell, quote, footnote and code line, and every image source. The lossless tests
/// check each of these against a rendered report.
struct SourceTexts {
  var texts: [(text: String, line: Int)] = []
  var images: [String] = []

  init(_ blocks: [Block]) {
    for block in blocks { add(block) }
  }

  private mutating func add(_ block: Block) {
    let line = block.range?.start.line ?? 0
    switch block.kind {
    case .heading(let h): note(Self.text(h.inlines), line)
    case .paragraph(let inlines):
      note(Self.text(inlines), line)
      collectImages(inlines)
    case .blockQuote(let blocks), .footnoteDefinition(_, let blocks): for b in blocks { add(b) }
    case .list(let list): for item in list.items { for b in item.blocks { add(b) } }
    case .table(let table):
      for row in [table.header] + table.rows {
        for cell in row.cells {
          note(Self.text(cell.inlines), row.range?.start.line ?? line)
          collectImages(cell.inlines)
        }
      }
    case .codeBlock(let code): for l in code.code.split(separator: "\n") { note(String(l), line) }
    case .htmlBlock(let html): if !MarpMarkup.isComment(html) { note(html, line) }
    case .thematicBreak: break
    }
  }

  private mutating func note(_ text: String, _ line: Int) {
    let squeezed = Self.squeeze(text)
    if !squeezed.isEmpty { texts.append((squeezed, line)) }
  }

  private mutating func collectImages(_ inlines: [Inline]) {
    for inline in inlines {
      if case .image(let source, _, _) = inline.kind { images.append(source) }
      collectImages(inline.children)
    }
  }

  /// The visible text of inlines: harmless tags (`<br>`) and comments vanish, other raw HTML shows as
  /// written, footnote references show their label, images show nothing (their alt text is an attribute).
  static func text(_ inlines: [Inline]) -> String {
    var out = ""
    for inline in inlines {
      switch inline.kind {
      case .text(let s), .code(let s): out += s
      case .softBreak, .lineBreak: out += " "
      case .html(let s):
        // Tags the report lets through (attribute-free formatting) are markup, not text.
        let name = s.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "</> "))
        let harmless = [
          "br", "sub", "sup", "kbd", "mark", "small", "s", "u", "ins", "del", "b", "i", "em", "strong", "abbr", "wbr",
        ]
        if !MarpMarkup.isComment(s) && !harmless.contains(name) { out += s }
      case .footnoteReference(let label): out += label
      case .image: break
      default: out += text(inline.children)
      }
    }
    return out
  }

  /// Without any whitespace, so that line wrapping and cell padding do not matter.
  static func squeeze(_ s: String) -> String {
    String(s.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
  }

  /// The text a browser shows for an HTML page: tags removed, entities decoded, whitespace squeezed.
  static func visibleText(html: String) -> String {
    var s = html
    if let start = s.range(of: "<style>"), let end = s.range(of: "</style>") {
      s.removeSubrange(start.lowerBound..<end.upperBound)
    }
    var out = ""
    var inTag = false
    for c in s {
      if c == "<" { inTag = true } else if c == ">" && inTag { inTag = false } else if !inTag { out.append(c) }
    }
    for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
      out = out.replacingOccurrences(of: entity, with: char)
    }
    return squeeze(out)
  }

  /// The texts of a Markdown report, read back with cmark-gfm, joined.
  static func visibleText(markdown: String) -> String {
    let doc = MarkdownDocument(parsing: SourceFile(path: "report.md", text: markdown))
    return SourceTexts(doc.blocks).texts.map(\.text).joined(separator: "\u{1}")
  }
}
