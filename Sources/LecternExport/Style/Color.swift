import Foundation

/// An sRGB colour as PresentationML writes it (`RRGGBB`), read from CSS or a `color` directive.
struct Color: Sendable, Hashable {
  var hex: String

  init?(css: String) {
    let text = css.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")).lowercased()
    if let found = Color.firstHex(in: text) {
      hex = found
    } else if let rgb = Color.rgb(in: text) {
      hex = rgb
    } else if let named = Color.named[text] {
      hex = named
    } else {
      return nil
    }
  }

  init(hex: String) { self.hex = hex.uppercased() }

  /// `<a:solidFill><a:srgbClr val="…"/></a:solidFill>`.
  var solidFill: String { XMLText.element("a:solidFill", [], srgb) }
  var srgb: String { XMLText.element("a:srgbClr", [("val", hex)]) }

  private static func firstHex(in text: String) -> String? {
    guard let hash = text.firstIndex(of: "#") else { return nil }
    let digits = text[text.index(after: hash)...].prefix { $0.isHexDigit }
    switch digits.count {
    case 3: return digits.map { "\($0)\($0)" }.joined().uppercased()
    case 6, 8: return String(digits.prefix(6)).uppercased()
    default: return nil
    }
  }

  private static func rgb(in text: String) -> String? {
    guard let open = text.range(of: "rgb"), let paren = text[open.upperBound...].firstIndex(of: "("),
      let close = text[paren...].firstIndex(of: ")")
    else { return nil }
    let numbers = text[text.index(after: paren)..<close].split(whereSeparator: { ", /".contains($0) })
      .prefix(3).compactMap { Double($0) }
    guard numbers.count == 3 else { return nil }
    return numbers.map { String(format: "%02X", Int(min(max($0, 0), 255))) }.joined()
  }

  private static let named: [String: String] = [
    "white": "FFFFFF", "black": "000000", "red": "FF0000", "green": "008000", "blue": "0000FF", "yellow": "FFFF00",
    "orange": "FFA500", "purple": "800080", "gray": "808080", "grey": "808080", "navy": "000080", "teal": "008080",
    "silver": "C0C0C0", "maroon": "800000", "olive": "808000", "lime": "00FF00", "aqua": "00FFFF", "fuchsia": "FF00FF",
    "pink": "FFC0CB", "brown": "A52A2A", "gold": "FFD700", "darkblue": "00008B", "lightgray": "D3D3D3",
  ]
}

extension Color {
  /// This colour moved `amount` (0…1) of the way towards `other`.
  func mixed(with other: Color, _ amount: Double) -> Color {
    func channels(_ c: Color) -> [Double] {
      stride(from: 0, to: 6, by: 2).map { i in
        let start = c.hex.index(c.hex.startIndex, offsetBy: i)
        return Double(Int(c.hex[start..<c.hex.index(start, offsetBy: 2)], radix: 16) ?? 0)
      }
    }
    let a = channels(self)
    let b = channels(other)
    return Color(hex: zip(a, b).map { String(format: "%02X", Int(($0 + ($1 - $0) * amount).rounded())) }.joined())
  }
}
