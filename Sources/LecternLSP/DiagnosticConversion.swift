import LecternCore

extension PositionMap {
  /// A finding as the editor shows it: the same words, rule id and severity as `lectern lint`.
  func diagnostic(_ d: Diagnostic) -> LSP.Diagnostic {
    let severity =
      switch d.severity {
      case .error: 1
      case .warning: 2
      case .note: 3
      }
    return LSP.Diagnostic(range: range(d.range), severity: severity, code: d.code.rawValue, source: "lectern", message: d.message)
  }

  /// A fix's byte edits as protocol edits on this text.
  func edits(_ fix: Fix) -> [LSP.TextEdit] {
    fix.edits.sorted { ($0.start, $0.end) < ($1.start, $1.end) }.map {
      LSP.TextEdit(
        range: LSP.Range(start: position(atOffset: $0.start), end: position(atOffset: $0.end)), newText: $0.replacement)
    }
  }

  /// One edit that turns this text into `new`: the changed middle, between the common prefix and suffix (cut at
  /// character boundaries, so no edit splits a UTF-8 sequence).
  func edit(to new: String) -> LSP.TextEdit {
    let old = source.bytes
    let replacement = Array(new.utf8)
    var prefix = 0
    while prefix < old.count, prefix < replacement.count, old[prefix] == replacement[prefix] { prefix += 1 }
    while prefix > 0, prefix < old.count, old[prefix] & 0xC0 == 0x80 { prefix -= 1 }
    var suffix = 0
    while suffix < old.count - prefix, suffix < replacement.count - prefix,
      old[old.count - 1 - suffix] == replacement[replacement.count - 1 - suffix]
    {
      suffix += 1
    }
    while suffix > 0, old.count - suffix < old.count, old[old.count - suffix] & 0xC0 == 0x80 { suffix -= 1 }
    let text = String(decoding: replacement[prefix..<(replacement.count - suffix)], as: UTF8.self)
    return LSP.TextEdit(
      range: LSP.Range(start: position(atOffset: prefix), end: position(atOffset: old.count - suffix)), newText: text)
  }
}
