import LecternCore
import LecternMarkdown

/// What a renderer needs to know about Marp's markup inside Markdown nodes, decided by the same rules
/// the deck parser uses.
public enum MarpMarkup {
  /// An HTML block or inline node that is a comment (a directive, a note or `<!--fit-->`): never shown.
  public static func isComment(_ html: String) -> Bool {
    guard let (_, closed) = MarpComment.content(of: html) else { return false }
    guard closed else { return true }
    // Only whitespace may follow the comment's last `-->` (over bytes: the text ends with `-->` once trailing
    // spaces, tabs and line breaks are set aside).
    let bytes = html.utf8
    var end = bytes.endIndex
    while end > bytes.startIndex {
      let b = bytes[bytes.index(before: end)]
      guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { break }
      end = bytes.index(before: end)
    }
    if bytes[..<end].reversed().starts(with: [0x3E, 0x2D, 0x2D]) { return true }
    return !html.containsBytes("-->")
  }

  /// `<!--fit-->` (any spacing).
  public static func isFitMarker(_ html: String) -> Bool {
    MarpComment.content(of: html).map { $0.0 == "fit" && $0.1 } ?? false
  }

  /// A `<style>` or `<style scoped>` element: taken out of the slide and applied as CSS.
  public static func isStyleElement(_ html: String) -> Bool {
    StyleElement.parse(html, range: nil) != nil
  }

  /// An image's Marp reading: a background (`bg` keyword) or an inline image with size and filters.
  public enum Image: Sendable, Hashable {
    case background(Background)
    case image(SlideImage)

    public init(alt: String, url: String) {
      switch ImageOptionParser.parse(alt: alt, url: url, range: nil) {
      case .background(let b): self = .background(b)
      case .image(let i): self = .image(i)
      }
    }
  }
}
