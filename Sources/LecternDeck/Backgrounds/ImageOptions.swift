import LecternCore

/// A CSS filter from Marp image syntax (`blur`, `sepia:0.5`, ...), with the default value Marp uses
/// when none is written.
public struct ImageFilter: Sendable, Hashable {
  public var name: String
  public var value: String
}

/// A background image (`![bg ...](url)`).
public struct Background: Sendable, Hashable {
  public enum Split: String, Sendable, Hashable { case left, right }
  public enum Direction: String, Sendable, Hashable { case horizontal, vertical }

  public var url: String
  /// `cover` (Marp's default when `nil`), `contain` (`fit`), `auto`, or a percentage like `50%`.
  public var size: String?
  public var split: Split?
  /// The split width (`40%`); `nil` means Marp's default, half the slide.
  public var splitSize: String?
  public var direction: Direction?
  public var width: String?
  public var height: String?
  public var filters: [ImageFilter]
  /// Alt words that are not Marp keywords.
  public var alt: String
  public var range: SourceRange?
}

/// An ordinary (non-background) image, with Marp's size and filter keywords read out of its alt text.
public struct SlideImage: Sendable, Hashable {
  public var url: String
  public var alt: String
  public var width: String?
  public var height: String?
  public var filters: [ImageFilter]
  public var range: SourceRange?
}

/// Reads Marp image keywords from alt text.
enum ImageOptionParser {
  private static let filterDefaults: [(String, String)] = [
    ("blur", "10px"), ("brightness", "1.5"), ("contrast", "2"), ("drop-shadow", "0 5px 10px rgba(0,0,0,.4)"),
    ("grayscale", "1"), ("hue-rotate", "180deg"), ("invert", "1"), ("opacity", ".5"), ("saturate", "2"),
    ("sepia", "1"),
  ]
  private static let lengthUnits = ["%", "ch", "cm", "em", "ex", "in", "mm", "pc", "pt", "px", ""]
  /// Each filter's name with its `:`, made once (not per word).
  private static let filterPrefixes: [(name: String, prefix: String, fallback: String)] = filterDefaults.map {
    ($0.0, $0.0 + ":", $0.1)
  }

  /// `String.hasPrefix` (which compares characters) behind a byte check: a word that does not start with the
  /// prefix's bytes cannot start with its characters (the prefixes are ASCII letters, `-` and `:`, which no
  /// other character is canonically equivalent to), and most words are ruled out by their first byte.
  private static func starts(_ word: String, with prefix: String) -> Bool {
    word.utf8.starts(with: prefix.utf8) && word.hasPrefix(prefix)
  }

  enum Parsed {
    case background(Background)
    case image(SlideImage)
  }

  static func parse(alt: String, url: String, range: SourceRange?) -> Parsed {
    let words = alt.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    var consumed = Array(repeating: false, count: words.count)
    var size: String?
    var width: String?
    var height: String?
    var filters: [ImageFilter] = []
    // Pass 1: options every image has (Marpit's image parser).
    for (i, word) in words.enumerated() {
      if isPercentage(word) {
        size = word
        consumed[i] = true
      } else if let v = length(after: ["w:", "width:"], in: word) {
        width = v
        consumed[i] = true
      } else if let v = length(after: ["h:", "height:"], in: word) {
        height = v
        consumed[i] = true
      } else if let f = filter(word) {
        filters.append(f)
        consumed[i] = true
      }
    }
    let isBackground = words.indices.contains { !consumed[$0] && words[$0] == "bg" }
    guard isBackground else {
      let rest = words.indices.filter { !consumed[$0] }.map { words[$0] }.joined(separator: " ")
      return .image(SlideImage(url: url, alt: rest, width: width, height: height, filters: filters, range: range))
    }
    // Pass 2: background keywords.
    var split: Background.Split?
    var splitSize: String?
    var direction: Background.Direction?
    for (i, word) in words.enumerated() where !consumed[i] {
      switch word {
      case "bg": consumed[i] = true
      case "fit", "contain":
        size = "contain"
        consumed[i] = true
      case "cover", "auto":
        size = word
        consumed[i] = true
      case "vertical", "horizontal":
        direction = Background.Direction(rawValue: word)
        consumed[i] = true
      default:
        let parts = word.split(separator: ":", maxSplits: 1).map(String.init)
        if let side = Background.Split(rawValue: parts[0]),
          parts.count == 1 || isPercentage(parts[1])
        {
          split = side
          splitSize = parts.count == 2 ? parts[1] : nil
          consumed[i] = true
        }
      }
    }
    let rest = words.indices.filter { !consumed[$0] }.map { words[$0] }.joined(separator: " ")
    return .background(
      Background(
        url: url, size: size, split: split, splitSize: splitSize, direction: direction,
        width: width, height: height, filters: filters, alt: rest, range: range))
  }

  static func isPercentage(_ s: String) -> Bool {
    guard s.utf8.last == 0x25, s.hasSuffix("%") else { return false }
    return isNumber(String(s.dropLast()))
  }

  private static func isNumber(_ s: String) -> Bool {
    // (\d*\.)?\d+
    guard !s.isEmpty, let last = s.last, last.isASCII, last.isNumber else { return false }
    var seenDot = false
    for c in s {
      if c == "." {
        if seenDot { return false }
        seenDot = true
      } else if !(c.isASCII && c.isNumber) {
        return false
      }
    }
    return true
  }

  private static func length(after prefixes: [String], in word: String) -> String? {
    for p in prefixes where starts(word, with: p) {
      let v = String(word.dropFirst(p.count))
      if v == "auto" { return v }
      for unit in lengthUnits where v.hasSuffix(unit) {
        let number = String(v.dropLast(unit.count))
        if isNumber(number) { return unit.isEmpty ? v + "px" : v }
      }
    }
    return nil
  }

  private static func filter(_ word: String) -> ImageFilter? {
    for (name, prefix, fallback) in filterPrefixes where word.utf8.first == name.utf8.first {
      if word == name { return ImageFilter(name: name, value: fallback) }
      if starts(word, with: prefix), word.count > name.count + 1 {
        return ImageFilter(name: name, value: String(word.dropFirst(name.count + 1)))
      }
    }
    return nil
  }
}
