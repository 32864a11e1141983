import Foundation

/// Whether a `backgroundColor` directive's colour is light or dark, so the built-in themes can switch a
/// slide to the palette that stays readable on it (dark text on a light colour and the other way round).
enum BackgroundTone: String {
  case light, dark

  /// The tone of a CSS colour written as `#rgb`, `#rrggbb` (alpha ignored), `rgb(…)`/`rgba(…)` or one of the
  /// basic colour names; `nil` for anything else (gradients, variables, other names), which keeps the theme's palette.
  init?(cssColor: String) {
    let value = cssColor.trimmingCharacters(in: .whitespaces).lowercased()
    guard let (r, g, b) = Self.rgb(value) else { return nil }
    // WCAG relative luminance; 0.179 is where black and white text have equal contrast.
    func channel(_ c: Double) -> Double {
      let s = c / 255
      return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
    }
    let luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    self = luminance > 0.179 ? .light : .dark
  }

  private static let names: [String: (Double, Double, Double)] = [
    "white": (255, 255, 255), "black": (0, 0, 0), "ivory": (255, 255, 240), "beige": (245, 245, 220),
    "whitesmoke": (245, 245, 245), "lightgray": (211, 211, 211), "lightgrey": (211, 211, 211),
    "gray": (128, 128, 128), "grey": (128, 128, 128), "navy": (0, 0, 128), "darkblue": (0, 0, 139),
    "midnightblue": (25, 25, 112), "darkslategray": (47, 79, 79), "red": (255, 0, 0), "yellow": (255, 255, 0),
    "blue": (0, 0, 255), "green": (0, 128, 0), "orange": (255, 165, 0), "purple": (128, 0, 128),
    "lightyellow": (255, 255, 224), "lightblue": (173, 216, 230), "pink": (255, 192, 203),
  ]

  private static func rgb(_ value: String) -> (Double, Double, Double)? {
    if let named = names[value] { return named }
    if value.hasPrefix("#") {
      let hex = Array(value.dropFirst())
      guard hex.allSatisfy(\.isHexDigit) else { return nil }
      func byte(_ s: [Character]) -> Double? { UInt8(String(s), radix: 16).map(Double.init) }
      switch hex.count {
      case 3, 4:
        guard let r = byte([hex[0], hex[0]]), let g = byte([hex[1], hex[1]]), let b = byte([hex[2], hex[2]]) else { return nil }
        return (r, g, b)
      case 6, 8:
        guard let r = byte(Array(hex[0..<2])), let g = byte(Array(hex[2..<4])), let b = byte(Array(hex[4..<6])) else {
          return nil
        }
        return (r, g, b)
      default: return nil
      }
    }
    guard value.hasPrefix("rgb"), let open = value.firstIndex(of: "("), let close = value.lastIndex(of: ")") else { return nil }
    let parts = value[value.index(after: open)..<close].split(whereSeparator: { $0 == "," || $0 == " " || $0 == "/" })
    guard parts.count >= 3 else { return nil }
    var channels: [Double] = []
    for part in parts.prefix(3) {
      if part.hasSuffix("%"), let p = Double(part.dropLast()) {
        channels.append(p * 2.55)
      } else if let v = Double(part) {
        channels.append(v)
      } else {
        return nil
      }
    }
    return (channels[0], channels[1], channels[2])
  }
}
