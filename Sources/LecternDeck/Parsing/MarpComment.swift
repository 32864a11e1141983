import LecternCore
import LecternMarkdown

/// An HTML comment as Marp sees it: a block comment or an inline one inside text.
struct MarpComment {
  /// The text between `<!--` and `-->`, trimmed (Marp's rule); empty when unclosed.
  var content: String
  var range: SourceRange?
  var isClosed: Bool
  /// `<!--fit-->` inside a heading: consumed by the heading, never a note or directive.
  var isFitMarker: Bool
  /// The index of the top-level block it is in.
  var blockIndex: Int

  /// Reads the first comment of `html` the way Marpit's `<!--+\s*(.*?)\s*--+>` does.
  static func content(of html: String) -> (String, Bool)? {
    let bytes = Array(html.utf8)
    let trimmedStart = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) ?? bytes.count
    guard bytes.count - trimmedStart >= 4, bytes[trimmedStart] == 0x3C, bytes[trimmedStart + 1] == 0x21,
      bytes[trimmedStart + 2] == 0x2D, bytes[trimmedStart + 3] == 0x2D
    else { return nil }
    var start = trimmedStart + 4
    while start < bytes.count, bytes[start] == 0x2D { start += 1 }
    // Find the first `-->` at or after `start - 2` (so `<!---->` closes at once).
    var k = max(start - 2, trimmedStart + 2)
    var close: Int?
    while k + 2 < bytes.count {
      if bytes[k] == 0x2D, bytes[k + 1] == 0x2D, bytes[k + 2] == 0x3E {
        close = k
        break
      }
      k += 1
    }
    guard let close else { return ("", false) }
    var end = close
    while end > start, bytes[end - 1] == 0x2D { end -= 1 }
    guard end > start else { return ("", true) }
    let text = String(decoding: bytes[start..<end], as: UTF8.self)
    return (text.trimmed, true)
  }
}

/// Collects Marp comments in source order, nested ones included.
struct CommentCollector: MarkdownWalker {
  var comments: [MarpComment] = []
  var blockIndex = 0
  private var inHeading = false

  mutating func visit(_ block: Block) -> Bool {
    switch block.kind {
    case .htmlBlock(let html):
      if let (content, closed) = MarpComment.content(of: html) {
        comments.append(
          MarpComment(content: content, range: block.range, isClosed: closed, isFitMarker: false, blockIndex: blockIndex))
      }
      return false
    case .heading(let heading):
      for inline in heading.inlines {
        if case .html(let html) = inline.kind, let (content, closed) = MarpComment.content(of: html) {
          comments.append(
            MarpComment(
              content: content, range: inline.range, isClosed: closed, isFitMarker: content == "fit",
              blockIndex: blockIndex))
        } else {
          walk([inline])
        }
      }
      return false
    default:
      return true
    }
  }

  /// Images met on the way (alt text, URL, range, top-level block index), so slides need no second walk.
  var images: [(alt: String, url: String, range: SourceRange?, blockIndex: Int)] = []

  mutating func visit(_ inline: Inline) -> Bool {
    switch inline.kind {
    case .html(let html):
      if let (content, closed) = MarpComment.content(of: html) {
        comments.append(
          MarpComment(content: content, range: inline.range, isClosed: closed, isFitMarker: false, blockIndex: blockIndex))
      }
      return true
    case .image(let source, _, let children):
      images.append((children.plainText, source, inline.range, blockIndex))
      return false
    default:
      return true
    }
  }
}

/// The one wording of an unclosed comment (`unclosed-comment`), for decks and other documents alike.
public enum UnclosedComment {
  public static func message(hiddenLines: Int) -> String {
    "comment is never closed and hides the next \(hiddenLines) lines; expected '-->'"
  }
}
