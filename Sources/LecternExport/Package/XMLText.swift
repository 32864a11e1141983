/// The one place Office XML text is escaped, and a small builder for elements.
///
/// Every string that came from a deck goes through ``XMLText/escape(_:)``; characters XML 1.0 forbids
/// (control characters other than tab and newline) are dropped rather than written.
enum XMLText {
  static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `<name a="v"…>content</name>`, or `<name a="v"…/>` when `content` is empty; attribute values escaped.
  static func element(_ name: String, _ attributes: [(String, String)] = [], _ content: String = "") -> String {
    var out = "<" + name
    for (key, value) in attributes { out += " \(key)=\"\(escape(value))\"" }
    return content.isEmpty ? out + "/>" : out + ">" + content + "</" + name + ">"
  }
}
