import Foundation
import LecternCore
import LecternTemplates

/// A slide size: a name from `@size` (`16:9`, `4:3`, `4K`…) and its pixels.
public struct SlideSize: Sendable, Hashable {
  public var name: String
  public var width: Int
  public var height: Int

  public static let wide = SlideSize(name: "16:9", width: 1280, height: 720)
  public static let standard = SlideSize(name: "4:3", width: 960, height: 720)
}

/// A Marp theme: CSS with `/* @theme name */`, optional `@size` presets and `@import`s of other themes.
public struct Theme: Sendable, Hashable {
  public var name: String
  public var css: String
  /// `@size NAME WIDTH HEIGHT` presets, in the order written.
  public var sizes: [SlideSize]
  /// From the theme's top-level `section { width; height }`, when both are pixels.
  public var sectionSize: SlideSize?
  /// The file it came from; `nil` for the built-in themes.
  public var path: String?

  /// Reads a theme; `nil` name falls back to the file's base name (Marp requires `@theme`).
  public init(css: String, path: String?) {
    self.css = css
    self.path = path
    var name: String?
    var sizes: [SlideSize] = []
    for comment in Theme.comments(in: css) {
      for line in comment.split(whereSeparator: { $0 == "\n" }) {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "*" }).map(String.init)
        guard let first = words.first, first.hasPrefix("@") else { continue }
        words.removeFirst()
        switch first {
        case "@theme": if let n = words.first { name = n }
        case "@size":
          if words.count >= 3, let w = Theme.pixels(words[1]), let h = Theme.pixels(words[2]) {
            sizes.append(SlideSize(name: words[0], width: w, height: h))
          }
        default: break
        }
      }
    }
    self.name = name ?? path.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? "untitled"
    self.sizes = sizes
    self.sectionSize = Theme.sectionSize(in: css)
  }

  /// The size to use for a deck's `size` directive; `nil` when the theme defines no such preset.
  public func size(named name: String?) -> SlideSize? {
    guard let name else { return sectionSize ?? sizes.first ?? .wide }
    return sizes.last { $0.name == name } ?? [SlideSize.wide, .standard].first { $0.name == name }
  }

  /// The text of each closed `/* … */` comment, found over the bytes.
  private static func comments(in css: String) -> [String] {
    var css = css
    return css.withUTF8 { b in
      var found: [String] = []
      var i = 0
      while let open = find(b, 0x2F, 0x2A, from: i), let close = find(b, 0x2A, 0x2F, from: open + 2) {
        found.append(String(decoding: UnsafeBufferPointer(rebasing: b[(open + 2)..<close]), as: UTF8.self))
        i = close + 2
      }
      return found
    }
  }

  /// The offset of the first `first` byte followed by `second` at or after `start`.
  private static func find(_ b: UnsafeBufferPointer<UInt8>, _ first: UInt8, _ second: UInt8, from start: Int) -> Int? {
    var i = start
    while i + 1 < b.count {
      if b[i] == first, b[i + 1] == second { return i }
      i += 1
    }
    return nil
  }

  private static func pixels(_ s: String) -> Int? {
    guard s.hasSuffix("px") else { return nil }
    return Double(s.dropLast(2)).map { Int($0.rounded()) }
  }

  /// `text` with every closed `/* … */` comment removed (an unclosed one stays), without a regex:
  /// compiling one costs more than reading all built-in themes.
  private static func withoutComments(_ text: String) -> String {
    guard text.containsBytes("/*") else { return text }
    var out = ""
    var rest = Substring(text)
    while let open = rest.rangeOfBytes("/*") {
      out += rest[..<open.lowerBound]
      guard let close = rest.rangeOfBytes("*/", from: open.upperBound) else { return out + rest }
      rest = rest[close.upperBound...]
    }
    return out + rest
  }

  /// Width and height of the first top-level rule whose selector is exactly `section`.
  private static func sectionSize(in css: String) -> SlideSize? {
    var css = css
    return css.withUTF8 { b -> SlideSize? in
      var position = 0
      while let open = b[position...].firstIndex(of: UInt8(ascii: "{")) {
        guard let close = b[open...].firstIndex(of: UInt8(ascii: "}")) else { break }
        // Only a selector holding the letters `section` can be `section` once comments and spaces are gone:
        // the bytes are checked before any text is made (a theme has hundreds of rules).
        if Self.selectsSection(UnsafeBufferPointer(rebasing: b[position..<open])) {
          var width: Int?
          var height: Int?
          // Declarations over bytes: a theme's `section` rule sets dozens of custom properties.
          var start = open + 1
          while start < close {
            let end = b[start..<close].firstIndex(of: UInt8(ascii: ";")) ?? close
            if let colon = b[start..<end].firstIndex(of: UInt8(ascii: ":")) {
              let name = trimmedSpaces(b, start..<colon)
              let value = trimmedSpaces(b, (colon + 1)..<end)
              if !value.isEmpty, name.elementsEqual(Self.widthWord) || name.elementsEqual(Self.heightWord) {
                let pixels = pixels(String(decoding: value, as: UTF8.self))
                if name.count == Self.widthWord.count { width = pixels } else { height = pixels }
              }
            }
            start = end + 1
          }
          if let width, let height { return SlideSize(name: "theme", width: width, height: height) }
        }
        position = close + 1
      }
      return nil
    }
  }

  private static let sectionWord = Array("section".utf8)
  private static let widthWord = Array("width".utf8)
  private static let heightWord = Array("height".utf8)

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

  /// `range` of `b` without spaces, tabs and line breaks at either end.
  private static func trimmedSpaces(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Slice<UnsafeBufferPointer<UInt8>> {
    var lo = range.lowerBound
    var hi = range.upperBound
    while lo < hi, isSpace(b[lo]) { lo += 1 }
    while hi > lo, isSpace(b[hi - 1]) { hi -= 1 }
    return b[lo..<hi]
  }

  /// Whether `bytes` hold the letters `section`.
  private static func holdsSection(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let word = sectionWord
    guard bytes.count >= word.count else { return false }
    var i = 0
    while let s = bytes[i...].firstIndex(of: word[0]), s + word.count <= bytes.count {
      if bytes[s..<(s + word.count)].elementsEqual(word) { return true }
      i = s + 1
    }
    return false
  }

  /// Whether a rule's head (the bytes before its `{`) selects exactly `section`: its last `}`-separated part,
  /// without comments and trimmed, is `section`. Over bytes unless that part holds a comment (themes have
  /// hundreds of rules naming `section`, and every built-in theme is read on every run).
  private static func selectsSection(_ head: UnsafeBufferPointer<UInt8>) -> Bool {
    guard holdsSection(head) else { return false }
    var end = head.count
    while end > 0, head[end - 1] == UInt8(ascii: "}") { end -= 1 }
    let start = head[..<end].lastIndex(of: UInt8(ascii: "}")).map { $0 + 1 } ?? 0
    let part = UnsafeBufferPointer(rebasing: head[start..<end])
    guard find(part, 0x2F, 0x2A, from: 0) == nil else {
      return selector(String(decoding: head, as: UTF8.self)) == "section"
    }
    return trimmedSpaces(part, 0..<part.count).elementsEqual(sectionWord)
  }

  /// A rule's selector: the text since the last `}` before its `{`, without comments, trimmed.
  private static func selector(_ head: String) -> String {
    let selector = head.split(separator: "}").last.map { String($0) } ?? head
    return withoutComments(selector).trimmed
  }
}
/// The themes a build can use: Lectern's built-in ones (also under Marp's names) and theme files.
public struct ThemeSet: Sendable {
  private var themes: [String: Theme] = [:]
  /// Flattened CSS by theme name, computed once per set (a lint run or a build checks many decks against
  /// one set); a new cache whenever a theme is added.
  private var flattenedCache = Locked<[String: (css: String, problems: [String])]>([:])
  /// Lectern's own themes, then Marp's three (`default`, `gaia`, `uncover`) redrawn to look like Marp's.
  public static let builtInNames = ["lectern", "harbor", "plain", "default", "gaia", "uncover"]
  /// The theme of a deck that names none.
  public static let fallbackName = "lectern"

  public init() {
    themes = ThemeSet.builtIn
  }

  /// The built-in themes, read once per process (a lint run or a build may make several sets).
  private static let builtIn: [String: Theme] = {
    var themes: [String: Theme] = [:]
    for name in ThemeSet.builtInNames {
      if let css = TemplateCatalog.text("theme-\(name).css") {
        let theme = Theme(css: css, path: nil)
        themes[theme.name] = theme
      }
    }
    return themes
  }()

  public mutating func add(_ theme: Theme) {
    themes[theme.name] = theme
    flattenedCache = Locked([:])
  }

  public var names: [String] { themes.keys.sorted() }

  public func theme(named name: String) -> Theme? {
    themes[name]
  }

  /// The theme's CSS with `@import 'other-theme'` replaced by that theme's CSS (recursively, once each);
  /// imports of URLs are kept, imports of unknown names are reported.
  func flattened(_ theme: Theme) -> (css: String, problems: [String]) {
    // Only a theme of this set is cached by name (a theme read from elsewhere may share a name).
    let cacheable = themes[theme.name] == theme
    if cacheable, let known = flattenedCache.withLock({ $0[theme.name] }) { return known }
    var seen: Set<String> = []
    var problems: [String] = []
    let css = flatten(theme, seen: &seen, problems: &problems)
    if cacheable { flattenedCache.withLock { $0[theme.name] = (css, problems) } }
    return (css, problems)
  }

  private func flatten(_ theme: Theme, seen: inout Set<String>, problems: inout [String]) -> String {
    seen.insert(theme.name)
    // No `@import` line: every line is kept as written, each followed by a line break.
    guard theme.css.containsBytes("@import") else { return theme.css + "\n" }
    var out = ""
    for line in theme.css.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmed
      guard trimmed.hasPrefix("@import") || trimmed.hasPrefix("@import-theme"), trimmed.hasSuffix(";") else {
        out += line + "\n"
        continue
      }
      var target = trimmed.dropFirst(trimmed.hasPrefix("@import-theme") ? 13 : 7).dropLast().trimmed
      if target.hasPrefix("url(") { out += line + "\n"; continue }
      target = String(target.trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")))
      if target.contains("/") || target.contains(":") {
        out += line + "\n"
        continue
      }
      guard let imported = self.theme(named: target) else {
        problems.append("theme '\(theme.name)' imports unknown theme '\(target)'")
        continue
      }
      if !seen.contains(imported.name) { out += flatten(imported, seen: &seen, problems: &problems) + "\n" }
    }
    return out
  }
}
