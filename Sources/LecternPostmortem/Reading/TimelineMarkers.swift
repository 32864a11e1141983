extension PostmortemReader {
  /// The phases an entry marks, read clause by clause: a clause that negates or reports a failure
  /// ("not detected by any alert", "service not restored", "mitigation attempt was unsuccessful") marks
  /// nothing.
  static func markers(text: String, emphasis: String) -> Set<TimelineMarker> {
    var found: Set<TimelineMarker> = []
    for clause in clauses(of: (text + " " + emphasis).lowercased()) where !isNegated(clause) {
      for (marker, phrases) in markerPhrases where phrases.contains(where: { clause.contains($0) }) {
        found.insert(marker)
      }
    }
    return found
  }

  private static let markerPhrases: [(TimelineMarker, [String])] = [
    (
      .impactStart,
      [
        "outage begins", "outage starts", "outage start", "impact start", "impact begins", "incident begins", "impact began",
        "outage began", "first errors", "errors begin", "(outage begins)", "impact started", "started impacting",
      ]
    ),
    (
      .detected,
      [
        "detected", "detection", "first detected", "first reported", "reported", "alert fires", "alert fired", "alerted", "paged",
        "(detected)",
      ]
    ),
    (.declared, ["incident declared", "declared"]),
    (.acknowledged, ["acknowledged", " acked", "ack'd", "acknowledges", "responder engaged", "(acknowledged)"]),
    (.identified, ["identified", "root cause found"]),
    (.mitigated, ["mitigated", "mitigation applied", "(mitigated)", "workaround applied"]),
    (
      .restored,
      [
        "recovery:", "recovered", "restored", "repaired", "outage ends", "outage ended", "service restored", "back to normal",
        "(restored)",
      ]
    ),
    (.resolved, ["resolved", "(resolved)"]),
    (.closed, ["incident closed", "closed the incident", "incident ends"]),
  ]

  /// Sentences and clauses: split at `.`, `;`, `,`, `!`, `?`, ` but ` and dashes.
  static func clauses(of text: String) -> [String] {
    var out: [String] = []
    var current = ""
    for c in text {
      if ".;,!?—–".contains(c) {
        out.append(current)
        current = ""
      } else {
        current.append(c)
      }
    }
    out.append(current)
    return out.flatMap { $0.components(separatedBy: " but ") }.map { " \($0) " }
  }

  private static let negations = [
    " not ", "n't ", " no ", " never ", " without ", "unsuccessful", " failed to ", " attempt",
    " unable ", " could not ", " yet to ", " still down", " still failing", " no longer detected",
  ]

  static func isNegated(_ clause: String) -> Bool {
    negations.contains { clause.contains($0) }
  }
}
