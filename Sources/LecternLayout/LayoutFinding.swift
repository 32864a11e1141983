import Foundation
import LecternCore

/// A layout problem found in a measured deck, worded once for `lectern lint` and `lectern build`.
public struct LayoutFinding: Sendable, Hashable {
  /// `slide-overflow`, `text-too-small`, `low-contrast` or `table-too-large`.
  public var code: DiagnosticCode
  public var slide: Int
  /// The source line of the block (the slide's first line when the block has none).
  public var line: Int
  public var message: String

  /// Every finding of `layout`, in source order. `slideLines` maps a slide number to its first line.
  ///
  /// A table running off the bottom or side is a `table-too-large` finding (not also a `slide-overflow`);
  /// one block gives at most one finding per code (the largest overflow, the smallest text, the lowest contrast).
  public static func all(_ layout: DeckLayout, slideLines: [Int: Int]) -> [LayoutFinding] {
    var findings: [LayoutFinding] = []
    for slide in layout.slides {
      let fallback = slideLines[slide.number] ?? 1
      findings += overflows(slide, layout: layout, fallback: fallback)
      findings += smallText(slide, layout: layout, fallback: fallback)
      findings += contrast(slide, fallback: fallback)
    }
    return findings.sorted { ($0.line, $0.code.rawValue) < ($1.line, $1.code.rawValue) }
  }

  /// Blocks past the top or bottom are one finding per slide (a centred slide spills both ways), placed at the
  /// first block past the bottom; blocks past a side and clipping elements are one finding per block.
  static func overflows(_ slide: SlideLayout, layout: DeckLayout, fallback: Int) -> [LayoutFinding] {
    var findings: [LayoutFinding] = []
    var byLine: [Int: SlideLayout.Overflow] = [:]
    let vertical = slide.overflows.filter { $0.side == "top" || $0.side == "bottom" }
    if !vertical.isEmpty {
      // A table among them: the slide's overflow is the table's (`table-too-large`), not also a `slide-overflow`.
      let table = vertical.first { $0.element == "table" }
      let anchor = table ?? vertical.first { $0.side == "bottom" } ?? vertical[0]
      let line = anchor.line ?? fallback
      byLine[line] = anchor
      var message = verticalMessage(vertical, slide: slide.number, layout: layout, fallback: fallback)
      if let table, vertical.count == 1 {
        message = tableMessage(table, slide: slide.number, layout: layout)
      } else if table != nil {
        message += tableSuffix(table!, layout: layout)
      }
      findings.append(
        LayoutFinding(code: table == nil ? .slideOverflow : .tableTooLarge, slide: slide.number, line: line, message: message))
    }
    for item in slide.overflows where !vertical.contains(item) {
      let line = item.line ?? fallback
      if let known = byLine[line], known.side != "clipped" || known.pixels >= item.pixels { continue }
      byLine[line] = item
      let isTable = item.element == "table" && item.side != "clipped"
      findings.removeAll { $0.line == line && $0.code == (isTable ? .tableTooLarge : .slideOverflow) }
      findings.append(
        LayoutFinding(
          code: isTable ? .tableTooLarge : .slideOverflow, slide: slide.number, line: line,
          message: isTable
            ? tableMessage(item, slide: slide.number, layout: layout)
            : overflowMessage(item, slide: slide.number, layout: layout)))
    }
    return findings
  }

  static func verticalMessage(_ items: [SlideLayout.Overflow], slide: Int, layout: DeckLayout, fallback: Int) -> String {
    let top = items.filter { $0.side == "top" }.max { $0.pixels < $1.pixels }
    let bottom = items.filter { $0.side == "bottom" }.max { $0.pixels < $1.pixels }
    let cut = (top?.cutOff ?? 0) + (bottom?.cutOff ?? 0)
    let tail = cut >= 1 ? "; \(px(cut)) px are cut off at the slide's edges" : ""
    guard let top, let bottom else { return overflowMessage(items[0], slide: slide, layout: layout) }
    let total = top.pixels + bottom.pixels
    return "the content of slide \(slide) is \(px(total)) px (\(percent(total, of: Double(layout.height))) of the slide "
      + "height) taller than its content area: \(describe(top)) (line \(top.line ?? fallback)) runs \(px(top.pixels)) px "
      + "past the top, \(describe(bottom)) (line \(bottom.line ?? fallback)) \(px(bottom.pixels)) px past the bottom" + tail
  }

  static func describe(_ item: SlideLayout.Overflow) -> String {
    item.text.isEmpty || item.element == "table" ? item.element : "\(item.element) '\(item.text)'"
  }

  static func smallText(_ slide: SlideLayout, layout: DeckLayout, fallback: Int) -> [LayoutFinding] {
    var byLine: [Int: SlideLayout.TextSample] = [:]
    for item in slide.smallText where byLine[item.line ?? fallback].map({ $0.size > item.size }) ?? true {
      byLine[item.line ?? fallback] = item
    }
    return byLine.map { line, item in
      LayoutFinding(
        code: .textTooSmall, slide: slide.number, line: line,
        message: "text '\(item.text)' on slide \(slide.number) renders at \(size(item.size)) px; "
          + "text under \(size(layout.readableSize)) px is hard to read at \(layout.width)×\(layout.height)")
    }
  }

  static func contrast(_ slide: SlideLayout, fallback: Int) -> [LayoutFinding] {
    var byLine: [Int: SlideLayout.ContrastSample] = [:]
    for item in slide.contrast where byLine[item.line ?? fallback].map({ $0.ratio > item.ratio }) ?? true {
      byLine[item.line ?? fallback] = item
    }
    return byLine.map { line, item in
      LayoutFinding(
        code: .lowContrast, slide: slide.number, line: line,
        message: "text '\(item.text)' on slide \(slide.number) has contrast \(ratio(item.ratio)):1 "
          + "(\(item.foreground) on \(item.background)); WCAG AA needs \(ratio(item.required)):1 for \(item.required < 4 ? "large" : "normal") text"
      )
    }
  }

  static func overflowMessage(_ item: SlideLayout.Overflow, slide: Int, layout: DeckLayout) -> String {
    let what = describe(item)
    if item.side == "clipped" {
      return "\(what) on slide \(slide) cuts off \(px(item.pixels)) px of its own content"
    }
    let extent = Double(item.side == "left" || item.side == "right" ? layout.width : layout.height)
    let dimension = item.side == "left" || item.side == "right" ? "width" : "height"
    var message =
      "\(what) on slide \(slide) runs \(px(item.pixels)) px (\(percent(item.pixels, of: extent)) of the slide \(dimension)) "
      + "past the \(item.side) of the content area"
    if item.cutOff >= 1 { message += "; \(px(item.cutOff)) px are cut off at the slide's edge" }
    return message
  }

  static func tableMessage(_ item: SlideLayout.Overflow, slide: Int, layout: DeckLayout) -> String {
    "table on slide \(slide) runs \(px(item.pixels)) px past the \(item.side) of the content area"
      + tableSuffix(item, layout: layout)
  }

  static func tableSuffix(_ item: SlideLayout.Overflow, layout: DeckLayout) -> String {
    var message = ""
    if let visible = item.visibleRows, let rows = item.rows { message += "; \(visible) of its \(rows) body rows fit" }
    return message + " (measured at \(layout.width)×\(layout.height), theme \(layout.theme))"
  }

  static func px(_ value: Double) -> String { String(Int(value.rounded())) }

  /// A text size: whole pixels, or one decimal when rounding would hide the difference (17.6 px, not 18 px).
  static func size(_ value: Double) -> String {
    let tenths = (value * 10).rounded() / 10
    return tenths == tenths.rounded() || value >= 100 ? String(Int(value.rounded())) : String(format: "%.1f", tenths)
  }
  static func percent(_ value: Double, of whole: Double) -> String { "\(Int((value / whole * 100).rounded()))%" }
  static func ratio(_ value: Double) -> String { String(format: "%.1f", (value * 10).rounded(.down) / 10) }
}
