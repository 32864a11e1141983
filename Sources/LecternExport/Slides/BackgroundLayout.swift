import LecternDeck

/// Where Marp draws a slide's `![bg]` images, and the area left for the content.
///
/// Without a split the backgrounds share the whole slide, side by side (or stacked with `vertical`); with
/// `left`/`right` (`left:60%`) they share that side and the content moves to the other side.
struct BackgroundLayout {
  struct Placement {
    var background: Background
    /// The cell the image is laid out in.
    var cell: Frame
  }

  var placements: [Placement] = []
  /// The area the slide's content is laid out in (before padding).
  var content: Frame

  init(_ backgrounds: [Background], width: Double, height: Double) {
    content = Frame(x: 0, y: 0, width: width, height: height)
    guard !backgrounds.isEmpty else { return }
    var area = content
    if let split = backgrounds.first(where: { $0.split != nil }) {
      let fraction = split.splitSize.flatMap { Double($0.dropLast()) }.map { $0 / 100 } ?? 0.5
      let side = width * min(max(fraction, 0), 1)
      if split.split == .left {
        area = Frame(x: 0, y: 0, width: side, height: height)
        content = Frame(x: side, y: 0, width: width - side, height: height)
      } else {
        area = Frame(x: width - side, y: 0, width: side, height: height)
        content = Frame(x: 0, y: 0, width: width - side, height: height)
      }
    }
    let vertical = backgrounds.contains { $0.direction == .vertical }
    let count = Double(backgrounds.count)
    for (i, background) in backgrounds.enumerated() {
      let cell =
        vertical
        ? Frame(x: area.x, y: area.y + area.height * Double(i) / count, width: area.width, height: area.height / count)
        : Frame(x: area.x + area.width * Double(i) / count, y: area.y, width: area.width / count, height: area.height)
      placements.append(Placement(background: background, cell: cell))
    }
  }

  /// The image's drawn frame inside `cell` and the fractions cropped off (CSS `background-size` and a centred position).
  static func fit(
    _ background: Background, image: ImageFile, in cell: Frame
  ) -> (frame: Frame, crop: (Double, Double, Double, Double)) {
    let (iw, ih) = (image.width, image.height)
    var (w, h): (Double, Double)
    let explicitWidth = background.width.flatMap(Self.pixels)
    let explicitHeight = background.height.flatMap(Self.pixels)
    if explicitWidth != nil || explicitHeight != nil {
      w = explicitWidth ?? explicitHeight! * iw / ih
      h = explicitHeight ?? explicitWidth! * ih / iw
    } else {
      switch background.size ?? "cover" {
      case "contain":
        let s = min(cell.width / iw, cell.height / ih)
        (w, h) = (iw * s, ih * s)
      case "auto": (w, h) = (iw, ih)
      case let percent where percent.hasSuffix("%"):
        w = cell.width * (Double(percent.dropLast()) ?? 100) / 100
        h = w * ih / iw
      default:
        let s = max(cell.width / iw, cell.height / ih)
        (w, h) = (iw * s, ih * s)
      }
    }
    return centred(width: w, height: h, in: cell)
  }

  /// A `width`×`height` box centred on `cell`, clipped to it, with the clipped fractions.
  static func centred(width w: Double, height h: Double, in cell: Frame) -> (Frame, (Double, Double, Double, Double)) {
    let x = cell.x + (cell.width - w) / 2
    let y = cell.y + (cell.height - h) / 2
    let cutX = max(0, (w - cell.width) / 2)
    let cutY = max(0, (h - cell.height) / 2)
    let frame = Frame(x: max(x, cell.x), y: max(y, cell.y), width: min(w, cell.width), height: min(h, cell.height))
    return (frame, (cutX / w, cutY / h, cutX / w, cutY / h))
  }

  /// `300px` → 300; other units are not laid out.
  static func pixels(_ length: String) -> Double? {
    length.hasSuffix("px") ? Double(length.dropLast(2)) : nil
  }
}
