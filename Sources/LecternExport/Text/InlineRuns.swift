import Foundation
import LecternDeck
import LecternLive
import LecternMarkdown

/// Turns a paragraph's inlines into formatted runs: emphasis, strong, strikethrough, code and links kept;
/// `{{dora.…}}` placeholders filled; comments and background images dropped; other raw HTML reduced to its text.
struct InlineRuns {
  var metrics: LiveMetrics?

  func runs(_ inlines: [Inline]) -> [TextRun] {
    var out: [TextRun] = []
    append(inlines, base: TextRun(text: ""), to: &out)
    return Self.merged(out)
  }

  private func append(_ inlines: [Inline], base: TextRun, to out: inout [TextRun]) {
    for inline in inlines {
      var run = base
      switch inline.kind {
      case .text(let text): appendText(text, base: base, to: &out)
      case .softBreak: out.append(with(base, " "))
      case .lineBreak: out.append(.lineBreak)
      case .code(let code):
        run.code = true
        run.text = code
        out.append(run)
      case .html(let html):
        if html.lowercased().hasPrefix("<br") {
          out.append(.lineBreak)
        } else if !MarpMarkup.isComment(html) {
          // Tags carry no text of their own; the text between them arrives as text nodes.
        }
      case .emphasis(let children):
        run.italic = true
        append(children, base: run, to: &out)
      case .strong(let children):
        run.bold = true
        append(children, base: run, to: &out)
      case .strikethrough(let children):
        run.strike = true
        append(children, base: run, to: &out)
      case .link(let destination, _, let children):
        run.link = Self.safeLink(destination)
        append(children, base: run, to: &out)
      case .image: break  // drawn as a picture (or a background) by the slide
      case .footnoteReference(let label): out.append(with(base, "[^\(label)]"))
      }
    }
  }

  private func appendText(_ text: String, base: TextRun, to out: inout [TextRun]) {
    guard Placeholders.mayContain(text) else { return out.append(with(base, text)) }
    for segment in Placeholders.segments(text) {
      switch segment {
      case .text(let t): out.append(with(base, t))
      case .placeholder(let name):
        var run = with(base, Placeholders.value(name, metrics) ?? "{{\(name)}}")
        run.bold = true
        out.append(run)
      }
    }
  }

  private func with(_ base: TextRun, _ text: String) -> TextRun {
    var run = base
    run.text = text
    return run
  }

  /// A destination PowerPoint may open: web and mail links and relative paths; `javascript:`, `data:`,
  /// `vbscript:` and `file:` never survive.
  static func safeLink(_ destination: String) -> String? {
    let trimmed = destination.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
    let lowered = trimmed.lowercased().filter { !$0.isWhitespace && !$0.isNewline && $0 != "\0" }
    if let colon = lowered.firstIndex(of: ":"), !lowered[..<colon].contains("/") {
      let scheme = lowered[..<colon]
      return ["http", "https", "mailto"].contains(scheme) ? trimmed : nil
    }
    return trimmed
  }

  /// Neighbouring runs with the same formatting joined into one.
  static func merged(_ runs: [TextRun]) -> [TextRun] {
    var out: [TextRun] = []
    for run in runs where run.isBreak || !run.text.isEmpty {
      if var last = out.last, !last.isBreak, !run.isBreak, last.bold == run.bold, last.italic == run.italic,
        last.strike == run.strike, last.code == run.code, last.link == run.link
      {
        last.text += run.text
        out[out.count - 1] = last
      } else {
        out.append(run)
      }
    }
    return out
  }
}
