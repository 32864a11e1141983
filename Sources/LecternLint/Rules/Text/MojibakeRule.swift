import LecternCore
import LecternMarkdown

/// UTF-8 text that was decoded as Windows-1252/1254 or Latin-1 and saved again (`â€™`, `Ã©`, `ğŸ“Š`).
struct MojibakeRule: LintRule {
  static let description = RuleDescription(
    id: .mojibake,
    summary: "Text looks like double-encoded UTF-8 (mojibake), such as `â€™` for `’` or `ğŸ“Š` for `📊`.",
    rationale: "A file that went through the wrong code page shows garbage on the slide; the original is usually recoverable.",
    severity: .warning,
    examples: [
      .passes("Café, São Paulo, ağaç, şişe, İstanbul, 東京, 🚀 ➡️ — ‘quotes’\n"),
      .passes("Ça va? À bientôt. Ärger, Öl, Übel.\n"),
      .passes("capitalize valgrind (T•Ø•R•Ü•S), Æ™ and Ð€ as written\n"),
      .fails("The feature↓â€™s readiness\n"),
      .fails("↓ğŸ“Š Measure\n"),
      .fails("# ↓ğŸ The New Normal\n"),
      .fails("↓ğŸ‘ Good\n"),
      .fails("↓Å\u{FFFD}i↓ÅŸe ↓Ã\u{FFFD}lvarez\n"),
      .fails("↓Åi↓ÅŸe and ↓ÃLVAREZ\n"),
      .passes("NÃO, Ärger, Ångström\n"),
      .fixes("The feature’s readiness is cafÃ© quality\n", "The feature’s readiness is café quality\n"),
      .fixes("ğŸ“Š Measure â¡ï¸ next\n", "📊 Measure ➡️ next\n"),
    ])

  init(options: RuleOptions) {}

  func check(_ target: LintTarget, into findings: inout [Finding]) {
    for line in 1...max(target.source.lineCount, 1) {
      // A garbled sequence starts with a Latin-1/Windows letter that stands for a UTF-8 lead byte:
      // U+00C2–U+00F4 or a Turkish letter, all encoded with 0xC3, 0xC4 or 0xC5. Other lines are clean.
      guard !target.source.isASCII(line: line), !target.isOpaqueLine[line - 1],
        target.source.line(line, containsByte: 0xC3) || target.source.line(line, containsByte: 0xC4)
          || target.source.line(line, containsByte: 0xC5),
        let text = target.source.line(line)
      else {
        continue
      }
      for run in MojibakeDecoder.runs(in: text) {
        let range = SourceRange(
          line: line, column: run.column, endLine: line, endColumn: run.column + run.original.unicodeScalars.count - 1)
        if let repaired = run.repaired {
          let start = target.source.offset(of: range.start)
          findings.append(
            Finding(
              Self.recoverable(run.original, repaired), at: range,
              fix: Fix(
                "replace it with '\(repaired)'",
                edits: [TextEdit(start: start, end: start + run.original.utf8.count, replacement: repaired)])))
        } else {
          findings.append(Finding(Self.lost(run.original), at: range))
        }
      }
    }
  }
}

extension MojibakeRule {
  fileprivate static func recoverable(_ text: String, _ repaired: String) -> String {
    "'\(text)' looks like double-encoded UTF-8; the intended text is likely '\(repaired)'"
  }
  fileprivate static func lost(_ text: String) -> String {
    "'\(text)' looks like double-encoded UTF-8 whose code page (cp1252/cp1254) dropped bytes; unrecoverable, so it is not fixed: retype it"
  }
}

/// Finds and reverses double encoding.
enum MojibakeDecoder {
  struct Run {
    var original: String
    /// The text it most likely was; `nil` when that cannot be told.
    var repaired: String?
    /// 1-based character column.
    var column: Int
    /// Evidence enough to report: a 3- or 4-byte sequence, a 2-byte one led by `Â`, `Ã` or a
    /// Latin Extended-A lead (`Ä`, `Å`: the usual é/ü/š mojibake), or several sequences in a row
    /// (a garbled word). A lone `Ø•` is more likely someone's typography than U+0615.
    var isStrong: Bool
    /// Reported only on a line that has sure mojibake too (a lone lead letter, an incomplete symbol).
    var needsEvidence = false
  }

  /// Characters of Windows-1252, Windows-1254 and Latin-1 that stand for a byte ≥ 0x80.
  static let byteFor: [UInt32: UInt8] = {
    var map: [UInt32: UInt8] = [:]
    for b in 0x80...0xFF { map[UInt32(b)] = UInt8(b) }  // Latin-1 (C1 controls included)
    let windows: [(UInt32, UInt8)] = [
      (0x20AC, 0x80), (0x201A, 0x82), (0x0192, 0x83), (0x201E, 0x84), (0x2026, 0x85), (0x2020, 0x86), (0x2021, 0x87),
      (0x02C6, 0x88), (0x2030, 0x89), (0x0160, 0x8A), (0x2039, 0x8B), (0x0152, 0x8C), (0x017D, 0x8E), (0x2018, 0x91),
      (0x2019, 0x92), (0x201C, 0x93), (0x201D, 0x94), (0x2022, 0x95), (0x2013, 0x96), (0x2014, 0x97), (0x02DC, 0x98),
      (0x2122, 0x99), (0x0161, 0x9A), (0x203A, 0x9B), (0x0153, 0x9C), (0x017E, 0x9E), (0x0178, 0x9F),
      // Windows-1254 (Turkish) letters.
      (0x011E, 0xD0), (0x0130, 0xDD), (0x015E, 0xDE), (0x011F, 0xF0), (0x0131, 0xFD), (0x015F, 0xFE),
    ]
    for (scalar, byte) in windows { map[scalar] = byte }
    return map
  }()

  /// Bytes Windows-1252/1254 cannot show; converters drop them, so they are the ones missing.
  static let droppedBytes: [UInt8] = [0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E]

  static func runs(in line: Substring) -> [Run] {
    let scalars = Array(line.unicodeScalars)
    var runs: [Run] = []
    var i = 0
    while i < scalars.count {
      guard let lead = byteFor[scalars[i].value], lead >= 0xC2, lead <= 0xF4 else {
        i += 1
        continue
      }
      let length = lead >= 0xF0 ? 4 : (lead >= 0xE0 ? 3 : 2)
      var bytes = [lead]
      var replaced = false  // a converter wrote U+FFFD for an undefined byte
      var j = i + 1
      while j < scalars.count, bytes.count < length {
        if scalars[j].value == 0xFFFD {
          replaced = true
        } else if let b = byteFor[scalars[j].value], (0x80...0xBF).contains(b) {
          bytes.append(b)
        } else {
          break
        }
        j += 1
      }
      guard let candidate = run(bytes, length: length, replaced: replaced) else {
        i += 1
        continue
      }
      let original = String(String.UnicodeScalarView(scalars[i..<j]))
      let repaired = candidate.repaired
      // Join with the previous run when adjacent (one finding per garbled word).
      if let last = runs.last, last.column + last.original.unicodeScalars.count == i + 1 {
        runs[runs.count - 1].original += original
        runs[runs.count - 1].repaired = last.repaired.flatMap { r in repaired.map { r + $0 } }
        runs[runs.count - 1].isStrong = true
        runs[runs.count - 1].needsEvidence = last.needsEvidence && candidate.needsEvidence
      } else {
        runs.append(
          Run(
            original: original, repaired: repaired, column: i + 1, isStrong: candidate.strong,
            needsEvidence: candidate.needsEvidence))
      }
      i = j
    }
    // A lone lead letter (`Å` of `Åi` for `Şi`, whose second byte cp1254 dropped) or an incomplete symbol is
    // mojibake only on a line that has sure mojibake too: `Ärger` and `NÃO` alone are words.
    let sure = runs.contains { $0.isStrong && !$0.needsEvidence }
    return runs.filter { $0.needsEvidence ? sure : $0.isStrong }
  }

  /// Whether `bytes` (a lead byte and the continuation bytes that followed it) are mojibake, and what they were.
  private static func run(_ bytes: [UInt8], length: Int, replaced: Bool) -> (
    repaired: String?, strong: Bool, needsEvidence: Bool
  )? {
    let lead = bytes[0]
    let strong = length >= 3 || (0xC2...0xC5).contains(lead)
    if replaced { return (nil, true, bytes.count < 2 && !(0xC3...0xC5).contains(lead)) }
    if bytes.count == 1 {
      // A two-byte letter whose second byte was dropped (Á, Í, Ï, Ð, Ý, č, ď, Ğ, Ł, ō, Ş …).
      return (0xC3...0xC5).contains(lead) ? (nil, false, true) : nil
    }
    if bytes.count == length { return String(validating: bytes, as: UTF8.self).map { ($0, strong, false) } }
    let candidates = fills(bytes, length: length)
    if candidates.count == 1 { return (candidates.first, strong, false) }
    // Only well-known prefixes count as mojibake on their own when bytes are lost: emoji (F0 9F),
    // punctuation (E2 80) and variation selectors (EF B8); other incomplete symbols need evidence.
    let known = (lead == 0xF0 && bytes[1] == 0x9F) || (lead == 0xE2 && bytes[1] == 0x80) || (lead == 0xEF && bytes[1] == 0xB8)
    return (nil, strong, !known)
  }

  /// Emoji (or the emoji variation selector) that the incomplete bytes become when the dropped bytes
  /// are put back; unique candidates only are trusted.
  private static func fills(_ bytes: [UInt8], length: Int) -> Set<String> {
    let missing = length - bytes.count
    guard missing >= 1, missing <= 2 else { return [] }
    var results = Set<String>()
    func consider(_ candidate: [UInt8]) {
      guard let s = String(validating: candidate, as: UTF8.self), let scalar = s.unicodeScalars.first else { return }
      if scalar.value == 0xFE0F || (scalar.properties.isEmoji && scalar.value > 0x2000) { results.insert(s) }
    }
    for position in 1...bytes.count {
      for b in droppedBytes {
        var c = bytes
        c.insert(b, at: position)
        if missing == 1 {
          consider(c)
        } else {
          for position2 in 1...c.count {
            for b2 in droppedBytes {
              var d = c
              d.insert(b2, at: position2)
              consider(d)
            }
          }
        }
      }
    }
    return results
  }
}
