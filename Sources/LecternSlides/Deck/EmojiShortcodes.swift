import Foundation
import LecternCore

/// Emoji shortcodes as Marp writes them (`:rocket:` → 🚀): the names GitHub's gemoji uses, read from the
/// list Debian's `node-emoji` package installs. Without the package, shortcodes stay as written.
enum EmojiShortcodes {
  static let debianPath = "/usr/share/nodejs/node-emoji/lib/emoji.json"

  /// Name → emoji, read once per process (and only when some text may hold a shortcode).
  static let table: [String: String] = load(debianPath)

  /// Whether the list is installed: a `stat`, not a read. Joining text nodes for shortcodes is pointless without it.
  static let isInstalled = FileManager.default.fileExists(atPath: debianPath)

  static func load(_ path: String) -> [String: String] {
    guard let data = FileManager.default.contents(atPath: path),
      let table = try? JSONSerialization.jsonObject(with: data) as? [String: String]
    else { return [:] }
    return table
  }

  /// Whether `text` may hold a shortcode (two colons): a cheap check before scanning.
  static func mayContain(_ text: String) -> Bool {
    text.containsByte(UInt8(ascii: ":"), atLeast: 2)
  }

  /// `text` with each known `:name:` replaced by its emoji; a shortcode glued to a letter or digit
  /// (`10:30:00`, `a:b:c`) and unknown names stay as written.
  static func replacing(in text: String, table: [String: String] = table) -> String {
    guard !table.isEmpty, mayContain(text) else { return text }
    let chars = Array(text)
    var out = ""
    var i = 0
    while i < chars.count {
      let c = chars[i]
      if c == ":", i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber), let end = nameEnd(chars, from: i + 1),
        end + 1 >= chars.count || !(chars[end + 1].isLetter || chars[end + 1].isNumber),
        let emoji = table[String(chars[(i + 1)..<end])]
      {
        out += emoji
        i = end + 1
        continue
      }
      out.append(c)
      i += 1
    }
    return out
  }

  /// The index of the colon closing a shortcode name that starts at `start`, or `nil`.
  private static func nameEnd(_ chars: [Character], from start: Int) -> Int? {
    var j = start
    while j < chars.count, j - start <= 40 {
      let c = chars[j]
      if c == ":" { return j > start ? j : nil }
      guard c.isASCII, c.isLetter || c.isNumber || c == "_" || c == "+" || c == "-" else { return nil }
      j += 1
    }
    return nil
  }
}
