import LecternMarkdown

extension PostmortemReader {
  /// Every sentence of a narrative section's paragraphs (split at line breaks and at `. `), in order.
  mutating func collectSentences(_ section: Section, horizon: Horizon) {
    var first = true
    for block in section.blocks {
      guard case .paragraph(let inlines) = block.kind else { continue }
      for (offset, line) in inlines.plainTextLines().enumerated() {
        for sentence in Self.sentences(line) {
          sentences.append(
            (sentence, block.range.map { $0.start.line + offset }, horizon == .unspecified ? nil : horizon, first))
          first = false
        }
      }
    }
  }

  static func sentences(_ line: String) -> [String] {
    line.components(separatedBy: ". ").map(\.trimmed).filter { !$0.isEmpty }
  }

  /// Joins each sentence that names an item's team ("The SREs", "the C++ team") to that team's item of
  /// the horizon in effect ("For the long term …" switches to long-term items until another cue), and
  /// reports the items no sentence speaks about when the document has free prose at all.
  mutating func joinSentences() {
    guard !sentences.isEmpty else { return }
    let teams = Array(Set(items.compactMap(\.team)))
    var horizon: Horizon?
    var joined = false
    for sentence in sentences {
      if sentence.sectionStart { horizon = sentence.horizon }
      if let cue = Self.horizonCue(sentence.text) { horizon = cue }
      for team in teams where Self.names(sentence.text, team: team) {
        let candidates = items.indices.filter { items[$0].team == team }
        // Without a cue, the team's first item (documents list short-term actions first).
        let chosen = horizon.map { h in candidates.first { items[$0].horizon == h } } ?? candidates.first
        guard let i = chosen else { continue }
        items[i].narrative.append(Statement(text: sentence.text, line: sentence.line))
        joined = true
      }
    }
    guard joined else { return }
    let silent = items.filter { $0.team != nil && $0.narrative.isEmpty && $0.narrativeLine == nil }
    if !silent.isEmpty {
      find(
        .note,
        "\(silent.count) action item\(silent.count == 1 ? " has" : "s have") no narrative: "
          + silent.map { "'\($0.what)' (line \($0.origin.line))" }.joined(separator: ", "),
        line: sentences.first?.line, .actionNoNarrative)
    }
  }

  /// "For the long term …" → long term; a sentence naming both horizons ("long term and short term goals")
  /// changes nothing.
  static func horizonCue(_ text: String) -> Horizon? {
    let t = text.lowercased().replacingOccurrences(of: "-", with: " ")
    let long = t.contains("long term") || t.contains("longer term")
    let short = t.contains("short term") || t.contains("immediate") || t.contains("right away")
    if long == short { return nil }
    return long ? .longTerm : .shortTerm
  }

  /// Whether a sentence is about a team: the name as a word ("SRE", "C++", "Data") or its plural ("SREs"),
  /// written with the team's first letter as the team writes it ("old data" is not the Data team), among
  /// the sentence's first six words (its subject, not a passing mention).
  static func names(_ text: String, team: String) -> Bool {
    let opening = text.split(separator: " ", omittingEmptySubsequences: true).prefix(6).joined(separator: " ")
    let haystack = Array(opening)
    let needle = Array(team)
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    let exactCase = team.count <= 3
    func isWordChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "+" || c == "#" }
    for start in 0...(haystack.count - needle.count) {
      let slice = haystack[start..<(start + needle.count)]
      let match =
        exactCase ? Array(slice) == needle : slice.first == needle.first && String(slice).lowercased() == team.lowercased()
      guard match else { continue }
      if start > 0, isWordChar(haystack[start - 1]) { continue }
      var end = start + needle.count
      if end < haystack.count, haystack[end] == "s" { end += 1 }
      if end < haystack.count, isWordChar(haystack[end]) { continue }
      return true
    }
    return false
  }
}
