import Foundation
import LecternDeck
import LecternMarkdown

/// A slide's flow content in reading order, grouped into the shapes it becomes: text boxes, tables,
/// code boxes and pictures. Background images, comments and `<style>` elements leave the flow.
struct SlideContent: Sendable {
  enum Segment: Sendable {
    case text([TextParagraph])
    case table(Table)
    case code(CodeBlock)
    case pictures([SlideImage])
  }

  private(set) var segments: [Segment] = []
  let inlineRuns: InlineRuns

  init(blocks: [Block], inlineRuns: InlineRuns) {
    self.inlineRuns = inlineRuns
    for block in blocks { add(block) }
  }

  private mutating func add(_ block: Block) {
    switch block.kind {
    case .heading(let heading):
      var paragraph = TextParagraph(runs: inlineRuns.runs(heading.inlines).trimmingBreaks(), role: .heading(heading.level))
      paragraph.fit = heading.inlines.contains {
        if case .html(let html) = $0.kind { MarpMarkup.isFitMarker(html) } else { false }
      }
      addText(paragraph)
    case .paragraph(let inlines): addParagraph(inlines, role: .body, level: 0)
    case .list(let list): addList(list, level: 1)
    case .blockQuote(let blocks):
      for paragraph in paragraphs(blocks, role: .quote, level: 0) { addText(paragraph) }
    case .codeBlock(let code): segments.append(.code(code))
    case .table(let table): segments.append(.table(table))
    case .htmlBlock(let html):
      guard !MarpMarkup.isComment(html), !MarpMarkup.isStyleElement(html) else { return }
      let text = Self.textOfHTML(html)
      if !text.isEmpty { addText(TextParagraph(runs: [TextRun(text: text)])) }
    case .thematicBreak: break
    case .footnoteDefinition(let label, let blocks):
      var found = paragraphs(blocks, role: .footnote, level: 0)
      if !found.isEmpty { found[0].runs.insert(TextRun(text: "[^\(label)]: "), at: 0) }
      for paragraph in found { addText(paragraph) }
    }
  }

  /// A paragraph split at its pictures: text before, the pictures, text after.
  private mutating func addParagraph(_ inlines: [Inline], role: TextParagraph.Role, level: Int) {
    var pending: [Inline] = []
    func flush(_ me: inout SlideContent) {
      let runs = me.inlineRuns.runs(pending).trimmingBreaks()
      if !runs.isEmpty, !runs.allSatisfy({ $0.text.trimmingCharacters(in: .whitespaces).isEmpty }) {
        me.addText(TextParagraph(runs: runs, role: role, level: level))
      }
      pending = []
    }
    for inline in inlines {
      if case .image(let source, _, let children) = inline.kind {
        if case .image(let image) = MarpMarkup.Image(alt: children.plainText, url: source) {
          flush(&self)
          if case .pictures(let list)? = segments.last {
            segments[segments.count - 1] = .pictures(list + [image])
          } else {
            segments.append(.pictures([image]))
          }
        }
        continue
      }
      pending.append(inline)
    }
    flush(&self)
  }

  private mutating func addList(_ list: ListBlock, level: Int) {
    for (index, item) in list.items.enumerated() {
      var first = true
      for block in item.blocks {
        if case .list(let nested) = block.kind {
          addList(nested, level: level + 1)
          continue
        }
        for var paragraph in paragraphs([block], role: .body, level: level) {
          if first {
            paragraph.bullet = Self.bullet(list, index: index, checked: item.isChecked)
            if let checked = item.isChecked { paragraph.runs.insert(TextRun(text: checked ? "☑ " : "☐ "), at: 0) }
            first = false
          }
          addText(paragraph)
        }
      }
    }
  }

  private static func bullet(_ list: ListBlock, index: Int, checked: Bool?) -> TextParagraph.Bullet {
    if checked != nil { return .none }
    return list.kind == .ordered ? .number(start: (list.start ?? 1)) : .character("•")
  }

  /// Blocks nested in quotes, list items and footnotes as paragraphs (code kept as monospace lines).
  private func paragraphs(_ blocks: [Block], role: TextParagraph.Role, level: Int) -> [TextParagraph] {
    var out: [TextParagraph] = []
    for block in blocks {
      switch block.kind {
      case .paragraph(let inlines):
        let runs = inlineRuns.runs(inlines).trimmingBreaks()
        if !runs.isEmpty { out.append(TextParagraph(runs: runs, role: role, level: level)) }
      case .heading(let h): out.append(TextParagraph(runs: inlineRuns.runs(h.inlines), role: .heading(h.level), level: level))
      case .blockQuote(let inner): out += paragraphs(inner, role: .quote, level: level)
      case .codeBlock(let code):
        out.append(TextParagraph(runs: [TextRun(text: code.code.trimmingTrailingNewlines, code: true)], role: role, level: level))
      case .list(let list):
        var nested = SlideContent(blocks: [], inlineRuns: inlineRuns)
        nested.addList(list, level: level + 1)
        for case .text(let items) in nested.segments {
          out += items.map {
            var p = $0; if role == .quote { p.role = .quote }; return p
          }
        }
      case .table(let table):
        // A table inside a quote or list: its rows as tab-separated lines (no table shape can nest there).
        for row in [table.header] + table.rows {
          out.append(
            TextParagraph(runs: [TextRun(text: row.cells.map(\.text).joined(separator: "\t"))], role: role, level: level))
        }
      case .htmlBlock(let html):
        let text = Self.textOfHTML(html)
        if !MarpMarkup.isComment(html), !text.isEmpty {
          out.append(TextParagraph(runs: [TextRun(text: text)], role: role, level: level))
        }
      case .thematicBreak, .footnoteDefinition: break
      }
    }
    return out
  }

  private mutating func addText(_ paragraph: TextParagraph) {
    if case .text(let list)? = segments.last {
      segments[segments.count - 1] = .text(list + [paragraph])
    } else {
      segments.append(.text([paragraph]))
    }
  }

  /// Raw HTML's visible text: tags and comments removed, entities for spaces and angle brackets decoded.
  static func textOfHTML(_ html: String) -> String {
    var text = html.replacingOccurrences(of: #"<!--[\s\S]*?-->"#, with: "", options: .regularExpression)
    text = text.replacingOccurrences(of: #"<br\s*/?>"#, with: "\n", options: [.regularExpression, .caseInsensitive])
    text = text.replacingOccurrences(of: #"<[^>]*>"#, with: "", options: .regularExpression)
    for (entity, character) in [("&nbsp;", "\u{00A0}"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] {
      text = text.replacingOccurrences(of: entity, with: character)
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

extension Array where Element == TextRun {
  /// Without leading and trailing line breaks (left where an image was cut out of a paragraph).
  func trimmingBreaks() -> [TextRun] {
    var runs = self
    while runs.first?.isBreak == true || runs.first?.text == " " { runs.removeFirst() }
    while runs.last?.isBreak == true || runs.last?.text == " " { runs.removeLast() }
    if !runs.isEmpty, !runs[0].isBreak { runs[0].text = String(runs[0].text.drop { $0 == " " || $0 == "\t" }) }
    if let last = runs.indices.last, !runs[last].isBreak {
      runs[last].text = String(runs[last].text.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
    return runs.filter { $0.isBreak || !$0.text.isEmpty }
  }
}

extension String {
  var trimmingTrailingNewlines: String {
    var s = self
    while s.hasSuffix("\n") { s.removeLast() }
    return s
  }
}
