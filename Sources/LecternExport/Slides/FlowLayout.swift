import LecternDeck
import LecternMarkdown

/// Stacks a slide's segments top to bottom inside its content box, as a theme's column layout does:
/// centred vertically when the theme centres, everything scaled down together when it would overflow.
struct FlowLayout {
  var box: Frame
  var style: SlideStyle
  var media: MediaCatalog
  /// Font scale applied so the content fits (1: as the theme says).
  private(set) var scale = 1.0

  init(box: Frame, style: SlideStyle, media: MediaCatalog) {
    self.box = box
    self.style = style
    self.media = media
  }

  var gap: Double { style.fontSize * 0.6 * scale }

  /// Each segment's frame, in order.
  mutating func frames(_ segments: [SlideContent.Segment]) -> [Frame] {
    var heights = segments.map { height($0) }
    var total = heights.reduce(0, +) + gap * Double(max(segments.count - 1, 0))
    var tries = 0
    while total > box.height, tries < 6 {
      scale = max(0.3, scale * max(0.5, box.height / total) * 0.97)
      heights = segments.map { height($0) }
      total = heights.reduce(0, +) + gap * Double(max(segments.count - 1, 0))
      tries += 1
    }
    var y = style.centered && total < box.height ? box.y + (box.height - total) / 2 : box.y
    var frames: [Frame] = []
    for h in heights {
      frames.append(Frame(x: box.x, y: y, width: box.width, height: h))
      y += h + gap
    }
    return frames
  }

  func textBody(link: @escaping (String) -> String) -> TextBody {
    TextBody(style: style, link: link, scale: scale)
  }

  private func height(_ segment: SlideContent.Segment) -> Double {
    let body = textBody(link: { _ in "" })
    switch segment {
    case .text(let paragraphs): return body.height(paragraphs, width: box.width) + 4
    case .code(let code):
      let lines = code.code.trimmingTrailingNewlines.split(separator: "\n", omittingEmptySubsequences: false)
      let paragraphs = lines.map { TextParagraph(runs: [TextRun(text: String($0))], role: .code) }
      return body.height(paragraphs, width: box.width - codePadding * 2) + codePadding * 2
    case .table(let table): return TableFrame(table: table, width: box.width, body: body).height
    case .pictures(let images): return pictureSizes(images).map(\.height).max() ?? 0
    }
  }

  var codePadding: Double { style.fontSize * 0.5 * scale }

  /// Each picture's size: as written (`w:`/`h:`) or natural, shrunk to share the box's width.
  func pictureSizes(_ images: [SlideImage]) -> [(width: Double, height: Double)] {
    let sizes: [(Double, Double)] = images.map { image in
      guard let file = media.entry(for: image.url)?.image else { return (box.width / Double(images.count), style.fontSize * 2) }
      let w = image.width.flatMap(BackgroundLayout.pixels)
      let h = image.height.flatMap(BackgroundLayout.pixels)
      switch (w, h) {
      case (let w?, let h?): return (w, h)
      case (let w?, nil): return (w, w * file.height / file.width)
      case (nil, let h?): return (h * file.width / file.height, h)
      case (nil, nil): return (file.width, file.height)
      }
    }
    let totalWidth = sizes.map(\.0).reduce(0, +)
    let fit = min(1, box.width / max(totalWidth, 1), (box.height * 0.9) / max(sizes.map(\.1).max() ?? 1, 1)) * scale
    return sizes.map { ($0.0 * fit, $0.1 * fit) }
  }
}
