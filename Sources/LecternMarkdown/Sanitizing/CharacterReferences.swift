/// Character references decoded exactly as the HTML standard's tokenizer decodes them in an attribute
/// value (§13.2.5.72–80): numeric references with or without `;` and with any number of leading zeros,
/// named references by longest match, and the attribute rule that leaves `&name=` alone.
enum CharacterReferences {
  /// The named table, read once: name (with or without `;`) → characters.
  static let named: [String: String] = {
    var table: [String: String] = [:]
    for line in namedTable.split(separator: "\n") {
      let parts = line.split(separator: " ")
      guard parts.count == 2 else { continue }
      let name = String(parts[0].drop(while: { $0 == " " }))
      var value = ""
      for hex in parts[1].split(separator: ",") {
        if let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) { value.unicodeScalars.append(scalar) }
      }
      table[name] = value
    }
    return table
  }()

  /// The longest name in the table (`&CounterClockwiseContourIntegral;`).
  static let longestName = 33

  /// `value` as a browser sees it: every reference replaced by what it stands for.
  static func decodeAttribute(_ value: String) -> String {
    guard value.contains("&") else { return value }
    let scalars = Array(value.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
      guard scalars[i] == "&", i + 1 < scalars.count else {
        out.append(scalars[i])
        i += 1
        continue
      }
      if scalars[i + 1] == "#", let (decoded, next) = numeric(scalars, at: i + 2) {
        out.append(decoded)
        i = next
      } else if let (decoded, next) = namedReference(scalars, at: i + 1) {
        out.append(contentsOf: decoded.unicodeScalars)
        i = next
      } else {
        out.append("&")
        i += 1
      }
    }
    return String(out)
  }

  /// A numeric reference whose digits start at `start` (after `&#`): the character and where the
  /// reference ends; `nil` when no digit follows (then `&#` is text).
  private static func numeric(_ s: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
    var i = start
    let hex = i < s.count && (s[i] == "x" || s[i] == "X")
    if hex { i += 1 }
    var code: UInt32 = 0
    var digits = 0
    while i < s.count, let digit = asciiDigit(s[i], hex: hex) {
      // Saturate: anything above U+10FFFF is replaced anyway, however many digits follow.
      code = min(code * (hex ? 16 : 10) + UInt32(digit), 0x11_0000)
      digits += 1
      i += 1
    }
    guard digits > 0 else { return nil }
    if i < s.count, s[i] == ";" { i += 1 }
    return (character(for: code), i)
  }

  private static func asciiDigit(_ c: Unicode.Scalar, hex: Bool) -> UInt32? {
    switch c {
    case "0"..."9": c.value - 0x30
    case "a"..."f" where hex: c.value - 0x61 + 10
    case "A"..."F" where hex: c.value - 0x41 + 10
    default: nil
    }
  }

  /// The character the standard substitutes for a numeric reference's code point.
  static func character(for code: UInt32) -> Unicode.Scalar {
    if code == 0 || code > 0x10_FFFF || (0xD800...0xDFFF).contains(code) { return "\u{FFFD}" }
    if let replaced = windows1252[code] { return Unicode.Scalar(replaced)! }
    return Unicode.Scalar(code) ?? "\u{FFFD}"
  }

  /// The longest named reference starting at `start` (after `&`), unless the attribute rule keeps it
  /// as text (no `;`, followed by `=` or a letter or digit).
  private static func namedReference(_ s: [Unicode.Scalar], at start: Int) -> (String, Int)? {
    guard start < s.count, isASCIIAlphanumeric(s[start]) else { return nil }
    var name = ""
    var best: (String, Int, Bool)?
    var i = start
    while i < s.count, i - start < longestName {
      name.unicodeScalars.append(s[i])
      i += 1
      if let value = named[name] { best = (value, i, s[i - 1] == ";") }
      if !(isASCIIAlphanumeric(s[i - 1])) { break }
    }
    guard let (value, end, hasSemicolon) = best else { return nil }
    if !hasSemicolon, end < s.count, s[end] == "=" || isASCIIAlphanumeric(s[end]) { return nil }
    return (value, end)
  }

  private static func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
  }

  /// Code points 0x80–0x9F in a numeric reference mean their Windows-1252 characters.
  private static let windows1252: [UInt32: UInt32] = [
    0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02C6,
    0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C,
    0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A,
    0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
  ]
}
