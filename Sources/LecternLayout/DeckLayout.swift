/// What the browser measured on one built deck: per slide, content past the slide's content box, text
/// below the readable size and text below WCAG AA contrast. Lengths are in slide pixels (the deck's
/// `size`, 1280×720 by default), whatever the window.
public struct DeckLayout: Sendable, Hashable {
  public var path: String
  public var width: Int
  public var height: Int
  public var theme: String
  public var slides: [SlideLayout]

  /// The smallest readable text size at this deck's height: `LayoutProbe.readablePixels` at 720 px, scaled.
  public var readableSize: Double { LayoutProbe.readablePixels * Double(height) / 720 }
}

/// One slide's measurements.
public struct SlideLayout: Sendable, Hashable, Decodable {
  public var number: Int
  public var overflows: [Overflow]
  public var smallText: [TextSample]
  public var contrast: [ContrastSample]

  /// A block that runs past the content box (`bottom`, `top`, `right`, `left`), or an element that cuts off
  /// its own content (`clipped`).
  public struct Overflow: Sendable, Hashable, Decodable {
    /// The source line of the block (its `data-line`); `nil` when the block has none.
    public var line: Int?
    /// `table`, `list`, `code block`, `paragraph`, `image`, `heading`, `quote`, `math` or a tag name.
    public var element: String
    public var text: String
    public var side: String
    /// How far past the content box, in slide pixels.
    public var pixels: Double
    /// How much of that lies past the slide's edge (cut off), in slide pixels.
    public var cutOff: Double
    /// For a table running off the bottom: body rows that fit, of `rows`.
    public var visibleRows: Int?
    public var rows: Int?
  }

  /// Text as rendered: its block's line, a sample of the text and its effective size in slide pixels.
  public struct TextSample: Sendable, Hashable, Decodable {
    public var line: Int?
    public var element: String
    public var text: String
    public var size: Double
  }

  /// Text whose contrast with its background is below WCAG AA (`required`: 4.5, or 3 for large text).
  public struct ContrastSample: Sendable, Hashable, Decodable {
    public var line: Int?
    public var element: String
    public var text: String
    public var size: Double
    public var ratio: Double
    public var required: Double
    public var foreground: String
    public var background: String
  }
}
