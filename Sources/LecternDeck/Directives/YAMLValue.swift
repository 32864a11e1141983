import LecternCore
import Yams

/// A YAML value read with Marp's rules: every scalar is a string (js-yaml's FAILSAFE schema), so
/// `paginate: true` holds the text `true` and each directive decides what it accepts.
public indirect enum YAMLValue: Sendable, Hashable {
  case scalar(String)
  case sequence([YAMLValue])
  case mapping([Entry])

  /// A key, its value and the line and column of the key in the original file.
  public struct Entry: Sendable, Hashable {
    public var key: String
    public var value: YAMLValue
    public var location: SourceLocation?
  }

  /// The scalar's text; `nil` for sequences and mappings.
  public var string: String? {
    if case .scalar(let s) = self { s } else { nil }
  }

  /// Joined with spaces for a sequence of scalars (Marp's `class: [a, b]`), else the scalar.
  public var words: String? {
    switch self {
    case .scalar(let s): return s
    case .sequence(let items): return items.compactMap(\.string).joined(separator: " ")
    case .mapping: return nil
    }
  }
}

/// What reading a YAML text gave.
enum YAMLReadResult {
  /// A mapping, with keys located in the original file.
  case mapping([YAMLValue.Entry])
  /// Valid YAML that is not a mapping (a plain sentence, a list).
  case notMapping
  /// Invalid YAML, with where and why.
  case invalid(message: String, location: SourceLocation?)
}

enum YAMLReader {
  /// Reads `text` as Marp reads directive YAML. `firstLine`/`firstColumn` place the text in the file.
  ///
  /// - Parameter looseKeys: when non-empty, lines `key: value` whose key is one of these and whose
  ///   value does not start with a YAML special character get the value quoted first, as Marp Core's
  ///   loose YAML does (so `footer: ![w:150](logo.png)` and values with `: ` inside still parse).
  static func read(_ text: String, firstLine: Int, firstColumn: Int = 1, looseKeys: Set<String>) -> YAMLReadResult {
    // A YAML mapping needs a `key: value` colon or a `{}` flow mapping; prose without either is
    // not one, and skipping the YAML parser for it keeps decks with many notes fast.
    guard text.utf8.contains(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "?") }) else {
      return .notMapping
    }
    if let simple = simpleEntry(text, firstLine: firstLine, firstColumn: firstColumn, looseKeys: looseKeys) {
      return .mapping([simple])
    }
    if let entries = simpleEntries(text, firstLine: firstLine, looseKeys: looseKeys) { return .mapping(entries) }
    // A block mapping's first line holds its first key: `key:` followed by a space or the line end.
    // Prose whose first line has no such colon is a plain scalar, not a mapping.
    if let firstLine = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first {
      let bytes = Array(firstLine.utf8)
      let flowOrComplex = bytes.first(where: { $0 != 0x20 }).map { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "?") } ?? false
      var hasKeyColon = false
      for (i, b) in bytes.enumerated() where b == 0x3A && (i + 1 == bytes.count || bytes[i + 1] == 0x20 || bytes[i + 1] == 0x0D) {
        hasKeyColon = true
        break
      }
      if !hasKeyColon && !flowOrComplex { return .notMapping }
    }
    let prepared = looseKeys.isEmpty ? text : loosen(text, keys: looseKeys)
    let node: Node?
    do {
      node = try Parser(yaml: prepared, resolver: .basic, constructor: .default, encoding: .utf8).singleRoot()
    } catch let error as YamlError {
      let result = invalid(error, firstLine: firstLine, firstColumn: firstColumn)
      // libyaml reports some errors at the end of the stream; point at the last line of the YAML instead.
      if case .invalid(let message, let location?) = result {
        let lastLine = firstLine + max(text.split(separator: "\n", omittingEmptySubsequences: false).count - 1, 0)
        if location.line > lastLine {
          return .invalid(message: message, location: SourceLocation(line: lastLine, column: 1))
        }
      }
      return result
    } catch {
      return .invalid(message: "\(error)", location: nil)
    }
    guard let node, case .mapping(let mapping) = node else { return .notMapping }
    var entries: [YAMLValue.Entry] = []
    for (key, value) in mapping {
      guard let keyText = key.scalar?.string else { continue }
      let location = key.mark.map {
        SourceLocation(line: firstLine + $0.line - 1, column: ($0.line == 1 ? firstColumn - 1 : 0) + $0.column)
      }
      entries.append(YAMLValue.Entry(key: keyText, value: convert(value), location: location))
    }
    return .mapping(entries)
  }

  /// Several `key: value` lines (typical front matter), each simple, without comments or nesting;
  /// `nil` sends the text to the real YAML parser.
  static func simpleEntries(_ text: String, firstLine: Int, looseKeys: Set<String>) -> [YAMLValue.Entry]? {
    var entries: [YAMLValue.Entry] = []
    var keys = Set<String>()
    for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var l = Substring(line)
      if l.last == "\r" { l.removeLast() }
      if l.allSatisfy({ $0 == " " }) { continue }
      guard let entry = simpleEntry(String(l), firstLine: firstLine + offset, firstColumn: 1, looseKeys: looseKeys),
        keys.insert(entry.key).inserted
      else { return nil }
      entries.append(entry)
    }
    return entries.isEmpty ? nil : entries
  }

  /// One line `key: plain value`, the common directive comment, read without the YAML parser.
  /// Anything YAML could read differently (quotes, flow collections, anchors, tags, comments,
  /// a second `: `) returns `nil` and goes to the real parser.
  static func simpleEntry(_ text: String, firstLine: Int, firstColumn: Int, looseKeys: Set<String> = []) -> YAMLValue.Entry? {
    let bytes = Array(text.utf8)
    guard !bytes.contains(0x0A), !bytes.contains(0x0D), let colon = bytes.firstIndex(of: 0x3A) else { return nil }
    var keyEnd = colon
    while keyEnd > 0, bytes[keyEnd - 1] == 0x20 { keyEnd -= 1 }
    guard keyEnd > 0 else { return nil }
    let keyBytes = bytes[0..<keyEnd]
    func isKeyByte(_ b: UInt8) -> Bool {
      (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b == 0x2D || b == 0x24
    }
    guard keyBytes.allSatisfy(isKeyByte), let first = keyBytes.first, !(first >= 0x30 && first <= 0x39), first != 0x2D else {
      return nil
    }
    var v = colon + 1
    guard v == bytes.count || bytes[v] == 0x20 else { return nil }
    while v < bytes.count, bytes[v] == 0x20 { v += 1 }
    var end = bytes.count
    while end > v, bytes[end - 1] == 0x20 { end -= 1 }
    let value = bytes[v..<end]
    // 'text' or "text" without escapes or inner quotes: the text inside.
    if value.count >= 2, let q = value.first, q == 0x27 || q == 0x22, value.last == q {
      let inner = value.dropFirst().dropLast()
      guard !inner.contains(q), !inner.contains(0x5C) else { return nil }
      return YAMLValue.Entry(
        key: String(decoding: keyBytes, as: UTF8.self), value: .scalar(String(decoding: inner, as: UTF8.self)),
        location: SourceLocation(line: firstLine, column: firstColumn))
    }
    var bare = keyBytes[...]
    if let f = bare.first, f == 0x5F || f == 0x24 { bare = bare.dropFirst() }
    if !value.isEmpty, looseKeys.contains(String(decoding: bare, as: UTF8.self)),
      let f = value.first, !Array("\"'{|>~&*[".utf8).contains(f)
    {
      // Loose YAML quotes the whole value of a known key: it is the text as written.
      return YAMLValue.Entry(
        key: String(decoding: keyBytes, as: UTF8.self), value: .scalar(String(decoding: value, as: UTF8.self)),
        location: SourceLocation(line: firstLine, column: firstColumn))
    }
    if let f = value.first, Array("[]{}\"'|>&*!%@`#,?-:~".utf8).contains(f) { return nil }
    // `: ` or ` #` inside the value would be read differently by YAML.
    for i in value.indices.dropLast()
    where (value[i] == 0x3A && value[i + 1] == 0x20) || (value[i] == 0x20 && value[i + 1] == 0x23) {
      return nil
    }
    if value.last == 0x3A { return nil }
    let valueText = String(decoding: value, as: UTF8.self)
    // YAML's plain scalars for null stay text here (Marp's FAILSAFE schema reads them as strings too).
    return YAMLValue.Entry(
      key: String(decoding: keyBytes, as: UTF8.self), value: .scalar(valueText),
      location: SourceLocation(line: firstLine, column: firstColumn))
  }

  private static func convert(_ node: Node) -> YAMLValue {
    switch node {
    case .scalar(let s): return .scalar(s.string)
    case .sequence(let seq): return .sequence(seq.map(convert))
    case .mapping(let map):
      return .mapping(
        map.compactMap { key, value in
          key.scalar.map { YAMLValue.Entry(key: $0.string, value: convert(value), location: nil) }
        })
    case .alias: return .scalar("")
    }
  }

  private static func invalid(_ error: YamlError, firstLine: Int, firstColumn: Int) -> YAMLReadResult {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
      let why = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
      let location = SourceLocation(line: firstLine + mark.line - 1, column: (mark.line == 1 ? firstColumn - 1 : 0) + mark.column)
      return .invalid(message: why, location: location)
    case .composer(let context, let problem, let mark, _):
      let why = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
      let location = SourceLocation(line: firstLine + mark.line - 1, column: mark.column)
      return .invalid(message: why, location: location)
    default:
      return .invalid(message: "\(error)", location: nil)
    }
  }

  /// Marp Core's loose YAML: quote the value of `known-key: value` lines.
  static func loosen(_ text: String, keys: Set<String>) -> String {
    var out: [Substring] = []
    let special: Set<Character> = ["\"", "'", "{", "|", ">", "~", "&", "*", "["]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      guard let colon = line.firstIndex(of: ":") else {
        out.append(line)
        continue
      }
      var key = line[..<colon]
      while key.last == " " || key.last == "\t" { key.removeLast() }
      var bare = key
      if bare.first == "_" || bare.first == "$" { bare.removeFirst() }
      let value = line[line.index(after: colon)...]
      let trimmedValue = value.trimmingSpaces
      guard keys.contains(String(bare)), !key.contains(" "), !trimmedValue.isEmpty,
        let first = trimmedValue.first, !special.contains(first)
      else {
        out.append(line)
        continue
      }
      let leading = value.prefix(while: { $0 == " " || $0 == "\t" })
      let escaped = trimmedValue.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      out.append(Substring("\(line[...colon])\(leading)\"\(escaped)\""))
    }
    return out.joined(separator: "\n")
  }
}

extension Substring {
  var trimmingSpaces: String {
    var s = self
    while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
    return String(s)
  }
}
