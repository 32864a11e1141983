import LecternCore
import LecternMarkdown

/// One slide of a deck, with everything Marp reads from it.
public struct Slide: Sendable, Hashable {
  /// 1-based position in the deck.
  public var number: Int
  /// From the rule that opened the slide (or the first body line) to its last line; `nil` for an
  /// empty first slide.
  public var range: SourceRange?
  /// How the slide began: after a rule (`---`), at a heading (`headingDivider`) or at the top.
  public var openedBy: Opening
  /// The slide's blocks as written (comments and background images included), rule excluded.
  public var blocks: [Block]
  /// Locals, inherited locals and spots over the globals.
  public var directives: ResolvedDirectives
  /// The directives written on this slide.
  public var writtenDirectives: [Directive]
  public var notes: [SpeakerNote]
  public var backgrounds: [Background]
  public var images: [SlideImage]
  public var fitHeadings: [FitHeading]
  /// `<style scoped>` elements (this slide only); global `<style>` elements are on the deck.
  public var scopedStyles: [StyleElement]

  public enum Opening: String, Sendable, Hashable {
    case start
    case rule
    case headingDivider
  }

  /// The first heading's plain text (markup and inline HTML removed), or `nil`.
  public var title: String? {
    var finder = FirstHeading()
    finder.walk(blocks)
    return finder.title
  }

  /// The slide's classes exactly as written (`split;` stays `split;`).
  public var classes: [String] { directives.classes }

  /// Tables on the slide, nested ones included.
  public var tables: [Table] { blocks.allTables }
}

private struct FirstHeading: MarkdownWalker {
  var title: String?
  mutating func visit(_ block: Block) -> Bool {
    guard title == nil else { return false }
    if case .heading(let h) = block.kind {
      title = h.inlines.plainText.trimmed
      return false
    }
    return true
  }
  mutating func visit(_ inline: Inline) -> Bool { false }
}
