import LecternDeck
import LecternMarkdown

/// Heading text → section kind and horizon, by the alias table of the postmortem spec
/// (case-insensitive, emphasis and a trailing colon ignored, numbering like "1." dropped).
enum SectionClassifier {
  static func normalize(_ heading: String) -> String {
    var s = heading.lowercased().filter { !"*_`".contains($0) }.trimmed
    while s.hasSuffix(":") || s.hasSuffix("?") || s.hasSuffix(".") { s.removeLast() }
    s = s.replacingOccurrences(of: "’", with: "'")
    // "4. Mean time-to-restore" → "mean time-to-restore"
    if let first = s.first, first.isNumber {
      s = String(s.drop(while: { $0.isNumber || $0 == "." || $0 == ")" || $0 == " " }))
    }
    return s.trimmed
  }

  private static let exact: [String: SectionKind] = {
    var table: [String: SectionKind] = [:]
    func add(_ kind: SectionKind, _ names: [String]) { for n in names { table[n] = kind } }
    add(.summary, ["summary", "incident summary", "overview", "executive summary", "description", "issue summary"])
    add(.impact, ["impact", "impact assessment", "customer impact", "scope", "scope and impact", "blast radius"])
    add(.response, ["response", "incident response", "responding", "escalation"])
    add(.background, ["background", "leadup", "lead up", "lead-up", "the vulnerability", "fault"])
    add(.timeline, ["timeline", "timeline (utc)", "timeline (detailed)", "key events", "context", "chronology"])
    add(
      .causes,
      [
        "root causes", "root cause", "root cause analysis", "causes", "contributing factors", "contributing factors (findings)",
        "contributors", "blameless root cause", "five whys root cause identification", "cause",
      ])
    add(.trigger, ["trigger"])
    add(.detection, ["detection", "identified"])
    add(.resolution, ["recovery", "resolution", "how it was fixed", "mitigators", "mitigation"])
    add(.lessons, ["lessons learned", "learnings and risks", "how'd we do", "lessons", "learnings"])
    add(.wentWell, ["what went well", "things that went well"])
    add(.wentWrong, ["what went wrong", "what went poorly", "what didn't go well", "what did not go well"])
    add(.gotLucky, ["where we got lucky", "got lucky"])
    add(
      .actionItems,
      [
        "action items", "follow-ups", "follow ups", "follow-up tasks", "corrective actions",
        "corrective and preventative measures",
        "review actions", "postmortem action items", "short term", "long term", "short-term actions", "long-term focus",
        "short-term", "long-term", "actions", "next steps", "postmortem actions table", "actions taken", "actions planned",
      ])
    add(.stats, ["stats", "statistics"])
    add(.attendees, ["attendees", "atendees", "staff present", "responders", "key roles"])
    add(.appendix, ["supporting information", "appendix", "apendix", "appendinx"])
    add(.glossary, ["glossary", "terms", "terminology", "definitions"])
    add(.speakerNotes, ["speaker notes narrative", "speaker notes"])
    add(.narrative, ["narrative", "the story", "story"])
    add(.metadata, ["metadata", "details", "incident details"])
    return table
  }()

  /// Phrases that classify a heading when they start it (checked in order, after the exact table).
  private static let prefixes: [(String, SectionKind)] = [
    ("timeline", .timeline), ("incident timeline", .timeline), ("detailed timeline", .timeline), ("key timestamps", .timeline),
    ("action items", .actionItems), ("action plan", .actionItems), ("follow-up", .actionItems), ("follow up", .actionItems),
    ("corrective action", .actionItems), ("preventive action", .actionItems), ("preventative action", .actionItems),
    ("recurrence prevention", .actionItems), ("remediation", .actionItems), ("actions taken", .actionItems),
    ("actions planned", .actionItems), ("next steps", .actionItems),
    ("root cause", .causes), ("five whys", .causes), ("5 whys", .causes), ("contributing factor", .causes),
    ("causes", .causes), ("what caused", .causes),
    ("lessons learned", .lessons), ("learnings", .lessons), ("key takeaways", .lessons), ("takeaways", .lessons),
    ("what went well", .wentWell), ("things that went well", .wentWell), ("what worked", .wentWell),
    ("what went wrong", .wentWrong), ("what went poorly", .wentWrong), ("what didn't go", .wentWrong),
    ("what did not go", .wentWrong), ("things that went wrong", .wentWrong), ("what could have gone better", .wentWrong),
    ("what could be improved", .wentWrong), ("where we got lucky", .gotLucky), ("where we were lucky", .gotLucky),
    ("what we got lucky", .gotLucky), ("lucky", .gotLucky),
    ("speaker notes", .speakerNotes), ("impact", .impact), ("customer impact", .impact), ("user impact", .impact),
    ("business impact", .impact), ("incident impact", .impact),
    ("trigger", .trigger), ("detection", .detection), ("how we detected", .detection), ("how it was detected", .detection),
    ("response", .response), ("incident response", .response), ("escalation", .response),
    ("recovery", .resolution), ("resolution", .resolution), ("mitigation", .resolution),
    ("remediation and recovery", .resolution),
    ("glossary", .glossary), ("terminology", .glossary), ("definitions", .glossary), ("acronyms", .glossary),
    ("appendix", .appendix), ("supporting information", .appendix), ("related records", .appendix), ("references", .appendix),
    ("summary", .summary), ("executive summary", .summary), ("incident summary", .summary), ("tl;dr", .summary),
    ("tldr", .summary), ("background", .background), ("what happened", .background), ("leadup", .background),
  ]

  static func kind(of heading: String) -> SectionKind? {
    let n = normalize(heading)
    if let k = exact[n] { return k }
    if n.hasSuffix("action items") { return .actionItems }
    for (prefix, kind) in prefixes where n.hasPrefix(prefix) { return kind }
    return nil
  }

  static func horizon(of heading: String) -> Horizon? {
    let n = normalize(heading).replacingOccurrences(of: "-", with: " ")
    if n.hasPrefix("short term") || n.contains("short term") || n.hasPrefix("immediate") { return .shortTerm }
    if n.hasPrefix("long term") || n.contains("long term") { return .longTerm }
    return nil
  }
}

extension Postmortem {
  private static let telling: Set<SectionKind> = [
    .summary, .impact, .timeline, .causes, .trigger, .detection, .resolution, .lessons, .wentWell, .wentWrong, .actionItems,
    .speakerNotes,
  ]

  /// A document reads as a postmortem when its front matter names an incident, or its headings include
  /// at least two distinct postmortem sections (timeline, action items, root causes, impact, lessons, …).
  public static func looksLikePostmortem(_ document: ProseDocument) -> Bool {
    if let keys = document.frontMatter?.entries.map({ $0.key.lowercased() }),
      keys.contains(where: { ["incident", "incidents", "incident_id", "postmortem"].contains($0) })
    {
      return true
    }
    if let title = document.frontMatter?.entries.last(where: { $0.key == "title" })?.value.string?.lowercased(),
      ["incident", "postmortem", "post-mortem", "outage"].contains(where: { title.contains($0) })
    {
      return true
    }
    var kinds: Set<SectionKind> = []
    func walk(_ sections: [Section]) {
      for s in sections {
        if let k = SectionClassifier.kind(of: s.title), telling.contains(k) { kinds.insert(k) }
        walk(s.subsections)
      }
    }
    walk(document.outline.sections)
    return kinds.count >= 2
  }
}

extension Postmortem {
  /// Whether a document carries a severity / response-time table (the reader's rule for SLA tables: a
  /// severity-like column and a response column), so a policy document that is not a postmortem still yields
  /// typed SLAs.
  public static func hasResponseTable(_ document: ProseDocument) -> Bool {
    document.tables.contains { table in
      let header = table.header.cells.map { $0.text.lowercased().trimmingCharacters(in: .whitespaces) }
      return header.contains { h in ["severity", "sev", "priority", "level"].contains { h.hasPrefix($0) } }
        && header.contains { $0.hasPrefix("response") }
    }
  }
}
