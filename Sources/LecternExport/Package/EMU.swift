/// English Metric Units, PresentationML's length: 914400 per inch, 9525 per CSS pixel (96 per inch).
///
/// A 1280×720 px slide is 12192000×6858000 EMU; font sizes are in hundredths of a point (1 px = 0.75 pt).
struct EMU: Sendable, Hashable, Comparable {
  var value: Int

  init(_ value: Int) { self.value = value }

  static let perPixel = 9525

  static func px(_ pixels: Double) -> EMU { EMU(Int((pixels * Double(perPixel)).rounded())) }

  static func < (a: EMU, b: EMU) -> Bool { a.value < b.value }

  var description: String { String(value) }

  /// A font size in CSS pixels as PresentationML's `sz` (hundredths of a point), within the 1–4000 pt it allows.
  static func fontSize(px: Double) -> Int { min(max(Int((px * 75).rounded()), 100), 400_000) }
}

/// A rectangle on the slide, in CSS pixels (converted to EMU when written).
struct Frame: Sendable, Hashable {
  var x: Double
  var y: Double
  var width: Double
  var height: Double

  /// `<a:off/><a:ext/>` inside an `a:xfrm` or `p:xfrm`.
  func xfrm(_ tag: String = "a:xfrm", attributes: [(String, String)] = []) -> String {
    XMLText.element(
      tag, attributes,
      XMLText.element("a:off", [("x", EMU.px(x).description), ("y", EMU.px(y).description)])
        + XMLText.element("a:ext", [("cx", EMU.px(max(width, 1)).description), ("cy", EMU.px(max(height, 1)).description)]))
  }
}
