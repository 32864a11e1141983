import LecternMarkdown

/// What a renderer needs to know about Marp's markup inside Markdown nodes, decided by the same rules
/// the deck parser uses.
public enum MarpMarkup {
  /// An HTML block or inline node that is a comment (a directive, a note or `<!--fit-->`): never shown.
  public static func isComment(_ html: String) -> Bool {
    guard let (_, closed) = MarpComment.content(of: html) else { return false }
    guard closed else { return true }
    // Only whitespace may follow the comment's end.
    guard let end = html.range(of: "-->", options: .backwards) else { return true }
    return html[end.upperBound...].allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
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
