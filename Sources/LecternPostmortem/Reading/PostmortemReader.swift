import LecternCore
import LecternDeck
import LecternMarkdown

extension Postmortem {
  /// Reads a postmortem from Markdown. Never fails: what cannot be read stays in the outline and raw fields,
  /// and what is missing or contradictory becomes a finding.
  public init(source: SourceFile) {
    self.init(document: ProseDocument(source: source))
  }

  public init(document: ProseDocument) {
    var reader = PostmortemReader(document: document)
    self = reader.read()
  }
}

struct PostmortemReader {
  let document: ProseDocument
  var meta = PostmortemMeta()
  var sections: [ClassifiedSection] = []
  var items: [ActionItem] = []
  var timeline: [TimelineEntry] = []
  var slas: [ResponseSLA] = []
  var slaTableLine: Int?
  var benchmarks: [BenchmarkRow] = []
  var durations: [DeclaredDuration] = []
  var narrative: [NarrativeSection] = []
  var summary: String?
  var findings: [Diagnostic] = []
  var narrativeEntries: [(team: String, horizon: Horizon, fields: [String: String], line: Int)] = []
  /// Sentences of narrative prose, with the horizon their section's heading gives.
  var sentences: [(text: String, line: Int?, horizon: Horizon?, sectionStart: Bool)] = []
  /// Whether metadata lines in prose are read here (the preamble and the first section's own blocks).
  var inMetadataZone = false
  /// What each content section says, by kind.
  var statements: [SectionKind: [Statement]] = [:]
  /// The heading line of the section each timeline entry was read in (dates are inferred within one).
  var timelineSections: [Int] = []
  var currentSectionLine = 0
  /// Groups of action items read from one table or list, for aggregated findings.
  var itemGroups: [(line: Int, range: Range<Int>)] = []

  init(document: ProseDocument) {
    self.document = document
  }

  mutating func find(_ severity: Severity_, _ message: String, line: Int?, _ code: DiagnosticCode) {
    let range = line.map { SourceRange(line: $0, column: 1, endLine: $0, endColumn: 1) }
    findings.append(Diagnostic(severity.core, message, path: document.path, range: range, code: code))
  }

  enum Severity_ {
    case warning, note
    var core: LecternCore.Severity { self == .warning ? .warning : .note }
  }

  mutating func read() -> Postmortem {
    readFrontMatter()
    inMetadataZone = true
    for block in document.outline.preamble { read(block, kind: .other, horizon: .unspecified, team: nil, inNarrative: false) }
    for section in document.outline.sections {
      visit(section, inherited: nil, horizon: .unspecified, path: [], inNarrative: false)
    }
    joinNarrative()
    joinSentences()
    inferDates()
    checkActionItems()
    checkTimeline()
    checkSeverities()
    checkDurations()
    let origin = SourceLocation(line: 0, column: 0)
    findings.sort { ($0.range?.start ?? origin) < ($1.range?.start ?? origin) }
    var pm = Postmortem(
      document: document, title: document.title, meta: meta, sections: sections, summary: summary, actionItems: items,
      timeline: timeline, responseSLAs: slas, benchmarks: benchmarks, declaredDurations: durations, narrative: narrative,
      findings: findings)
    pm.statements = statements
    pm.impactFigures = (statements[.impact] ?? []).flatMap { ImpactFigure.figures(in: $0.text, line: $0.line) }
    return pm
  }

  // MARK: Front matter and metadata

  private mutating func readFrontMatter() {
    guard let entries = document.frontMatter?.entries else { return }
    for entry in entries {
      setMeta(key: entry.key, values: values(of: entry.value), line: entry.location?.line)
    }
  }

  private func values(of value: YAMLValue) -> [String] {
    switch value {
    case .scalar(let s): return [s]
    case .sequence(let items): return items.compactMap(\.string)
    case .mapping: return []
    }
  }

  /// `**Date:** 2015-10-21`, `Created by: Sam`, `> Author: [Nobel](…)`: a metadata line in the prose.
  mutating func readMetaLine(_ text: String, line: Int?) {
    guard let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 30 else { return }
    let key = String(text[..<colon]).trimmed
    let value = String(text[text.index(after: colon)...]).trimmed
    // "**Root Causes:** …", "**Impact:** …": a one-line section (the Google SRE template's header block).
    if !value.isEmpty, let kind = SectionClassifier.kind(of: key), Self.statementKinds.contains(kind) {
      statements[kind, default: []].append(Statement(text: value, line: line))
      return
    }
    guard !value.isEmpty, !key.isEmpty, Self.metaKeys.contains(SectionClassifier.normalize(key)) else { return }
    setMeta(key: key, values: [value], line: line)
  }

  /// Labels that name document metadata when they start a line of prose.
  static let metaKeys: Set<String> = [
    "date", "incident date", "date of incident", "author", "authors", "created by", "written by", "postmortem author",
    "postmortem authors", "report author", "owner", "status", "severity", "sev", "severity level", "incident severity",
    "incident", "incident id", "incident-id", "time zone", "timezone", "summary", "tl;dr", "tldr", "service", "services",
    "affected services", "services affected", "impacted services", "affected service", "systems affected",
  ]

  private mutating func setMeta(key: String, values: [String], line: Int?) {
    let k = SectionClassifier.normalize(key.replacingOccurrences(of: "_", with: " "))
    let joined = values.joined(separator: ", ")
    switch k {
    case "incident", "incidents", "incident id", "incident ids", "incident-id", "id":
      meta.incidentIds += values.flatMap { $0.split(separator: ",").map { $0.trimmed } }.filter { !$0.isEmpty }
    case "caused by", "cause deployment", "deployment", "deployments":
      meta.causedBy += values.filter { !$0.isEmpty }
    case "date", "incident date", "date of incident", "started", "start date":
      if let bad = PartialTimestamp(parsing: joined).invalidDate {
        find(.warning, "'\(bad)' is not a date; expected YYYY-MM-DD with a real month and day", line: line, .invalidDate)
      }
      if meta.date == nil { meta.date = joined }
    case "author", "authors", "created by", "written by", "postmortem author", "postmortem authors", "report author":
      meta.authors += values.flatMap { $0.split(separator: ",").map { $0.trimmed } }.filter { !$0.isEmpty }
    case "owner": meta.owner = joined
    case "status": meta.status = joined
    case "severity", "sev", "severity level", "incident severity":
      guard let s = Severity(parsing: joined) else { break }
      if let first = meta.severity {
        if first.level != s.level {
          find(
            .warning,
            "severity '\(joined)' disagrees with '\(first.raw)' (line \(meta.severityLine ?? 0)); the report shows '\(first.raw)'",
            line: line, .severityConflict)
        }
        break
      }
      meta.severity = s
      meta.severityLine = line
      if !(1...4).contains(s.level) {
        find(.warning, "severity '\(joined)' is outside 1–4 (1 is the most severe)", line: line, .severityRange)
      }
    case "time zone", "timezone", "tz":
      if meta.timeZone == nil, !joined.isEmpty { meta.timeZone = joined }
    case "summary", "tl;dr", "tldr":
      if summary == nil, !joined.isEmpty { summary = joined }
    case "service", "services", "affected services", "services affected", "impacted services", "affected service",
      "systems affected", "affected systems", "components", "affected components":
      meta.services += values.flatMap { $0.split(separator: ",").map { $0.trimmed } }
    default: break
    }
  }

  // MARK: Outline walk

  private mutating func visit(_ section: Section, inherited: SectionKind?, horizon: Horizon, path: [String], inNarrative: Bool) {
    // Metadata lines in prose ("Created by:", "**Date:**") count before the first heading and directly
    // under the first one (the title), not in the body of an incident log.
    inMetadataZone = inMetadataZone && sections.isEmpty
    defer { inMetadataZone = false }
    let own = SectionClassifier.kind(of: section.title)
    let kind = own ?? inherited ?? .other
    let horizon = SectionClassifier.horizon(of: section.title) ?? horizon
    let narrativeHere = inNarrative || kind == .speakerNotes || kind == .narrative
    let line = section.heading.range?.start.line
    noteTimeZone(section.title)
    if inherited == .timeline, own == nil, !inNarrative, let (at, rest) = TimelineText.leadingTime(section.title) {
      addHeadingEntry(section, at: at, title: rest, line: line)
    }
    currentSectionLine = line ?? 0
    sections.append(
      ClassifiedSection(
        kind: kind, level: section.level, heading: section.title, line: line, path: path + [section.title],
        isRecognized: own != nil))
    // In the narrative, a heading under the notes that is not itself a known section names a team.
    let team = narrativeHere && own == nil ? Self.teamName(section.title) : nil
    if narrativeHere {
      collectSentences(section, horizon: horizon)
      let paragraphs = section.blocks.compactMap { block -> String? in
        if case .paragraph(let inlines) = block.kind { return inlines.plainText.trimmed }
        return nil
      }
      narrative.append(NarrativeSection(heading: section.title, level: section.level, line: line, paragraphs: paragraphs))
    }
    if kind == .summary, summary == nil {
      let text = section.blocks.compactMap { block -> String? in
        if case .paragraph(let inlines) = block.kind { return inlines.plainText.trimmed }
        return nil
      }.joined(separator: "\n\n")
      if !text.isEmpty { summary = text }
    }
    if Self.statementKinds.contains(kind), !narrativeHere {
      statements[kind, default: []] += Self.statements(in: section.blocks)
    }
    sectionHasTable = section.blocks.contains { if case .table = $0.kind { true } else { false } }
    for block in section.blocks {
      read(block, kind: kind, horizon: horizon, team: team, inNarrative: narrativeHere)
    }
    sectionHasTable = false
    for sub in section.subsections {
      visit(sub, inherited: kind, horizon: horizon, path: path + [section.title], inNarrative: narrativeHere)
      currentSectionLine = line ?? 0
    }
  }

  static func teamName(_ heading: String) -> String {
    var t = heading.trimmed
    for suffix in [" team", " Team", " TEAM"] where t.hasSuffix(suffix) { t = String(t.dropLast(suffix.count)) }
    return t.trimmed
  }

  /// Whether the section being read has an action table (its bullets then explain the table's
  /// columns, as etcd's Type/Priority legends do, rather than being action items themselves).
  private var sectionHasTable = false

  private mutating func read(_ block: Block, kind: SectionKind, horizon: Horizon, team: String?, inNarrative: Bool) {
    switch block.kind {
    case .table(let table):
      readTable(table, kind: kind, horizon: horizon, inNarrative: inNarrative)
    case .list(let list):
      readList(list, kind: kind, horizon: horizon, team: team, inNarrative: inNarrative, sectionHasTable: sectionHasTable)
    case .paragraph(let inlines):
      for (offset, line) in inlines.plainTextLines().enumerated() {
        let lineNumber = block.range.map { $0.start.line + offset }
        noteTimeZone(line)
        if kind == .timeline, !inNarrative, let (at, rest) = TimelineText.leadingTime(line) {
          addTimeline(at: at, text: rest, emphasis: "", line: lineNumber)
          continue
        }
        if inMetadataZone || kind == .metadata { readMetaLine(line, line: lineNumber) }
        readKeyValue(line, line: lineNumber)
      }
    case .blockQuote(let blocks):
      for b in blocks where kind != .appendix { read(b, kind: kind, horizon: horizon, team: team, inNarrative: inNarrative) }
    default:
      break
    }
  }

  // MARK: Tables

  private static let whatColumns = [
    "action item", "action items", "action", "what", "focus", "task", "description", "item", "follow-up",
  ]
  private static let teamColumns = ["team", "teams"]
  private static let ownerColumns = ["owner", "who", "assignee", "responsible", "owners"]

  private mutating func readTable(_ table: Table, kind: SectionKind, horizon: Horizon, inNarrative: Bool) {
    let header = table.header.cells.map { SectionClassifier.normalize($0.text) }
    let rows = table.rows.map { $0.cells.map { Self.visibleText($0.inlines) } }
    let line = table.range?.start.line
    func column(_ names: [String]) -> Int? { header.firstIndex { names.contains($0) } }
    func columnPrefix(_ prefixes: [String]) -> Int? { header.firstIndex { h in prefixes.contains { h.hasPrefix($0) } } }

    // Timeline: the first column is a time or date.
    if let first = header.first, ["time", "date", "datetime", "timestamp", "when"].contains(where: { first.hasPrefix($0) }) {
      if let cell = table.header.cells.first { noteTimeZone(cell.text) }
      for (i, row) in rows.enumerated() where !row.isEmpty {
        let text = row.dropFirst().filter { !$0.isEmpty }.joined(separator: " — ")
        let rawText = table.rows[i].cells.dropFirst().map { $0.inlines }.flatMap { $0 }
        addTimeline(at: row[0], text: text, emphasis: rawText.strongText, line: table.rows[i].range?.start.line)
      }
      return
    }
    // Severity / response time.
    if let sev = columnPrefix(["severity", "sev", "priority", "level"]), let response = columnPrefix(["response"]) {
      slaTableLine = line
      let nameColumn = column(["description", "name", "category", "type"])
      let examplesColumn = column(["examples", "example"])
      for (i, row) in rows.enumerated() where sev < row.count {
        let rowLine = table.rows[i].range?.start.line
        guard let severity = Severity(parsing: row[sev]) else { continue }
        if !(1...4).contains(severity.level) {
          find(.warning, "severity '\(row[sev])' is outside 1–4 (1 is the most severe)", line: rowLine, .severityRange)
        }
        let raw = response < row.count ? row[response] : ""
        let examples = examplesColumn.map { $0 < row.count ? row[$0].split(separator: ",").map { $0.trimmed } : [] } ?? []
        slas.append(
          ResponseSLA(
            severity: severity, name: nameColumn.flatMap { $0 < row.count ? row[$0] : nil }, examples: examples,
            responseSeconds: DurationText.seconds(raw), raw: raw, line: rowLine))
      }
      return
    }
    // Action items: a "what" column, in an action section or beside an owner/team column.
    let what = column(Self.whatColumns)
    let teamColumn = column(Self.teamColumns)
    let ownerColumn = column(Self.ownerColumns)
    let metricColumn = column(["dora metric", "metric", "dora"])
    if let what, kind == .actionItems || teamColumn != nil || ownerColumn != nil, !inNarrative {
      readActionTable(
        table, rows: rows, header: header,
        columns: (what: what, team: teamColumn, owner: ownerColumn, metric: metricColumn), horizon: horizon)
      return
    }
    // A DORA benchmark table: metric names down the first column.
    let metrics = rows.compactMap { $0.first.flatMap { DORAMetric(name: $0) } }
    if metrics.count >= 2, metrics.count * 2 >= rows.count {
      for (i, row) in rows.enumerated() {
        guard let metric = row.first.flatMap({ DORAMetric(name: $0) }) else { continue }
        benchmarks.append(
          BenchmarkRow(
            metric: metric, tiers: Array(table.header.cells.dropFirst().map(\.text)), values: Array(row.dropFirst()),
            line: table.rows[i].range?.start.line))
      }
      return
    }
    // Key/value metadata (etcd's header-less table of Authors / Date / Status).
    if table.columnCount == 2 {
      for (i, row) in rows.enumerated() where row.count == 2 {
        setMeta(key: row[0], values: [row[1]], line: table.rows[i].range?.start.line)
        readKeyValue("\(row[0]): \(row[1])", line: table.rows[i].range?.start.line)
      }
    }
  }

  /// An action-item table: one item per row with every column the table has (team, owner, horizon, type,
  /// priority, due, status, tracking links, DORA metric), nothing invented for the columns it lacks.
  private mutating func readActionTable(
    _ table: Table, rows: [[String]], header: [String],
    columns: (what: Int, team: Int?, owner: Int?, metric: Int?), horizon: Horizon
  ) {
    let line = table.range?.start.line
    func column(_ names: [String]) -> Int? { header.firstIndex { names.contains($0) } }
    let start = items.count
    let typeColumn = column(["type", "kind", "category"])
    let priorityColumn = column(["priority", "prio"])
    let dueColumn = column(["due", "due date", "target date", "deadline", "by", "eta", "when"])
    let statusColumn = column(["status", "state"])
    let trackingColumn = column(["bug", "ticket", "issue", "jira", "tracking", "link", "issues"])
    let horizonColumn = column(["horizon", "term", "timeframe", "time frame"])
    for (i, row) in rows.enumerated() {
      func cell(_ c: Int?) -> String? {
        guard let c, c < row.count else { return nil }
        return row[c].isEmpty ? nil : row[c]
      }
      guard let text = cell(columns.what) else { continue }
      let rowLine = table.rows[i].range?.start.line ?? line ?? 0
      var tracking: [String] = []
      if let c = trackingColumn, c < table.rows[i].cells.count {
        tracking = table.rows[i].cells[c].inlines.linkDestinations
        // "Bug 5554823 **TODO**": the reference without the status word; "n/a" is no reference.
        let ref = (cell(c) ?? "").split(separator: " ").filter { !["DONE", "TODO"].contains($0.uppercased()) }
          .joined(separator: " ").trimmed
        if tracking.isEmpty, !ref.isEmpty, !["n/a", "na", "none", "-", "—"].contains(ref.lowercased()) { tracking = [ref] }
      }
      tracking += table.rows[i].cells[columns.what].inlines.linkDestinations
      var statusRaw = cell(statusColumn)
      if statusRaw == nil, let t = cell(trackingColumn), ["DONE", "TODO"].contains(where: { t.uppercased().contains($0) }) {
        statusRaw = t.uppercased().contains("DONE") ? "DONE" : "TODO"
      }
      let metricRaw = cell(columns.metric)
      items.append(
        ActionItem(
          what: text, why: cell(column(["why", "reason", "rationale"])), team: cell(columns.team).map(Self.teamName),
          owner: cell(columns.owner), horizon: cell(horizonColumn).flatMap(SectionClassifier.horizon(of:)) ?? horizon,
          type: cell(typeColumn), priority: cell(priorityColumn),
          due: cell(dueColumn), status: statusRaw.flatMap(Self.status), statusRaw: statusRaw, tracking: tracking,
          doraMetric: metricRaw.flatMap { DORAMetric(name: $0) }, doraMetricRaw: metricRaw, origin: .tableRow(line: rowLine),
          narrativeLine: nil))
    }
    itemGroups.append((line ?? 0, start..<items.count))
  }

  static func status(_ raw: String) -> ActionStatus? {
    let s = raw.lowercased().trimmed
    if ["done", "complete", "completed", "closed", "fixed", "resolved", "✅", "merged", "shipped"].contains(where: {
      s.hasPrefix($0)
    }) {
      return .done
    }
    if ["in progress", "in-progress", "wip", "doing", "started", "ongoing", "in review"].contains(where: { s.hasPrefix($0) }) {
      return .inProgress
    }
    if ["won't do", "wont do", "wontfix", "not doing", "dropped", "cancelled", "canceled"].contains(where: { s.hasPrefix($0) }) {
      return .notDoing
    }
    if ["open", "todo", "to do", "not started", "planned", "new", "backlog"].contains(where: { s.hasPrefix($0) }) {
      return .open
    }
    return nil
  }

  // MARK: Lists

  private mutating func readList(
    _ list: ListBlock, kind: SectionKind, horizon: Horizon, team: String?, inNarrative: Bool, sectionHasTable: Bool = false
  ) {
    var fields: [String: String] = [:]
    var fieldsLine: Int?
    let start = items.count
    for item in list.items {
      let line = item.range?.start.line
      let inlines =
        item.blocks.first.flatMap { block -> [Inline]? in
          if case .paragraph(let i) = block.kind { return i }
          return nil
        } ?? []
      let text = inlines.plainText.trimmed
      if let (label, value) = Self.label(inlines) {
        // "**Impact started:** 2024-11-08 21:15 UTC" under Key timestamps / Key events: a timeline entry.
        if kind == .timeline || Self.labelKind(label) == .timeline, PartialTimestamp(parsing: value).hour != nil {
          noteTimeZone(value)
          addTimeline(at: value, text: label, emphasis: label, line: line)
        }
        fields[label] = value
        if fieldsLine == nil { fieldsLine = line }
        if inMetadataZone || kind == .metadata { setMeta(key: label, values: [value], line: line) }
        readKeyValue("\(label): \(value)", line: line)
        // Nested lists under a label (MoJ "Key events", "Context"), each a timeline of its own.
        readLabelled(item, at: line, kind: Self.labelKind(label) ?? kind, horizon: horizon, team: team, inNarrative: inNarrative)
        continue
      }
      if Self.looksTimestamped(text) && (kind == .timeline || text.hasPrefix("[")) {
        let (at, rest) = Self.splitTimestamp(text)
        addTimeline(at: at, text: rest, emphasis: inlines.strongText, line: line)
        continue
      }
      if kind == .timeline, !inNarrative, let (at, rest) = TimelineText.leadingTime(text) {
        addTimeline(at: at, text: rest, emphasis: inlines.strongText, line: line)
        for nested in item.blocks.dropFirst() { read(nested, kind: kind, horizon: horizon, team: team, inNarrative: inNarrative) }
        continue
      }
      // "**Key events**" alone on its item: a label for the nested list below it.
      if inlines.count == 1, case .strong(let inner)? = inlines.first?.kind,
        let nestedKind = Self.labelKind(SectionClassifier.normalize(inner.plainText))
      {
        // A labelled list is a timeline of its own (Key events beside Context).
        readLabelled(item, at: line, kind: nestedKind, horizon: horizon, team: team, inNarrative: inNarrative)
        continue
      }
      // "First detected: 2024-09-20 11:24", "Resolved 2024-07-25 16:19" (MoJ Key events).
      if kind == .timeline, !inNarrative, let (label, at) = TimelineText.labelledTime(text) {
        addTimeline(at: at, text: label, emphasis: label, line: line)
        continue
      }
      readKeyValue(text, line: line)
      if kind == .actionItems && !inNarrative && !text.isEmpty && !sectionHasTable {
        items.append(Self.listActionItem(item, text: text, inlines: inlines, horizon: horizon, line: line))
      }
      for nested in item.blocks.dropFirst() { read(nested, kind: kind, horizon: horizon, team: team, inNarrative: inNarrative) }
    }
    if items.count > start { itemGroups.append((items[start].origin.line, start..<items.count)) }
    if inNarrative, let team, !fields.isEmpty, let fieldsLine {
      var h = horizon
      if h == .unspecified {
        h = fields["focus"] != nil || fields["dora metric"] != nil ? .longTerm : .shortTerm
      }
      narrativeEntries.append((team, h, fields, fieldsLine))
    }
  }

  /// The lists nested under a labelled item, read as `kind` (a timeline of their own under "Key events").
  private mutating func readLabelled(
    _ item: ListItem, at line: Int?, kind: SectionKind, horizon: Horizon, team: String?, inNarrative: Bool
  ) {
    let outer = currentSectionLine
    currentSectionLine = line ?? outer
    for nested in item.blocks.dropFirst() { read(nested, kind: kind, horizon: horizon, team: team, inNarrative: inNarrative) }
    currentSectionLine = outer
  }

  /// A list item in an action section: its text, a checkbox as its status, links and `#123` as tracking.
  static func listActionItem(_ item: ListItem, text: String, inlines: [Inline], horizon: Horizon, line: Int?)
    -> ActionItem
  {
    var refs = inlines.linkDestinations
    for word in text.split(separator: " ") where word.hasPrefix("#") && word.dropFirst().allSatisfy(\.isNumber) && word.count > 1
    {
      refs.append(String(word))
    }
    let checked = item.isChecked
    return ActionItem(
      what: text, why: nil, team: nil, owner: nil, horizon: horizon, type: nil, priority: nil, due: nil,
      status: checked.map { $0 ? .done : .open }, statusRaw: checked.map { $0 ? "[x]" : "[ ]" }, tracking: refs,
      doraMetric: nil, doraMetricRaw: nil, origin: .listItem(line: line ?? 0), narrativeLine: nil)
  }

  /// `**Label**: value` (or `**Label:** value`) at the start of a list item.
  static func label(_ inlines: [Inline]) -> (String, String)? {
    guard case .strong(let inner)? = inlines.first?.kind else { return nil }
    var label = inner.plainText.trimmed
    var rest = Array(inlines.dropFirst()).plainText
    if label.hasSuffix(":") {
      label.removeLast()
    } else if rest.hasPrefix(":") {
      rest.removeFirst()
    } else {
      return nil
    }
    let value = rest.trimmed
    return (SectionClassifier.normalize(label), value.hasSuffix(".") ? String(value.dropLast()) : value)
  }

  private static func labelKind(_ label: String) -> SectionKind? {
    switch label {
    case "key events", "context": .timeline
    case "review actions", "actions", "action items", "follow-ups": .actionItems
    default: SectionClassifier.kind(of: label)
    }
  }

  static func looksTimestamped(_ text: String) -> Bool {
    let t = text.drop(while: { $0 == " " })
    if t.hasPrefix("[") { return t.dropFirst().first.map { $0.isNumber || $0 == "?" || $0 == "X" } ?? false }
    let head = t.prefix(10)
    return head.count == 10 && head.filter({ $0 == "-" }).count == 2 && head.first!.isNumber
  }

  /// `[03-26 14:05] text`, `2022-01-28 1625: text`, `- 2024-03-13 14:05 - text`.
  static func splitTimestamp(_ text: String) -> (String, String) {
    if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
      return (String(text[...close]), String(text[text.index(after: close)...]).trimmed)
    }
    let words = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    if words.count >= 2, words[1].first?.isNumber == true {
      let rest = words.count > 2 ? String(words[2]) : ""
      return (
        String(words[0] + " " + words[1]).trimmingCharacters(in: [":", "-", " "]),
        rest.trimmingCharacters(in: [":", "-", " "]).trimmed
      )
    }
    let rest = words.dropFirst().joined(separator: " ")
    return (String(words.first ?? ""), rest.trimmingCharacters(in: [":", "-", " "]).trimmed)
  }

  // MARK: Timeline

  mutating func addTimeline(at raw: String, text: String, emphasis: String, line: Int?) {
    let at = PartialTimestamp(parsing: raw)
    if let bad = at.invalidDate {
      find(
        .warning, "timeline time '\(bad)' is not a date; expected YYYY-MM-DD with a real month and day", line: line,
        .invalidDate)
    }
    timeline.append(TimelineEntry(at: at, text: text, markers: Self.markers(text: text, emphasis: emphasis), line: line))
    timelineSections.append(currentSectionLine)
    if text.lowercased().hasPrefix("short event description") {
      find(
        .warning, "timeline row is the template's placeholder ('\(text)'); fill it in or remove it", line: line, .templateRow)
    }
  }

  // MARK: Key/value lines and declared durations

  private mutating func readKeyValue(_ text: String, line: Int?) {
    guard let colon = text.firstIndex(of: ":") else { return }
    let label = SectionClassifier.normalize(String(text[..<colon]))
    let value = String(text[text.index(after: colon)...]).trimmed
    let isDuration = ["time to", "mean time to", "ttr", "mttr", "duration", "time-to"].contains { label.hasPrefix($0) }
    guard isDuration, !value.isEmpty, label.count < 40 else { return }
    let lowered = value.lowercased()
    let business = lowered.contains("support hours") || lowered.contains("business hours")
    let minutes = lowered.hasPrefix("n/a") || lowered.contains("xh") ? nil : DurationText.seconds(value).map { $0 / 60 }
    durations.append(DeclaredDuration(label: label, minutes: minutes, raw: value, businessHoursOnly: business, line: line))
  }

  // MARK: Narrative joins

  private mutating func joinNarrative() {
    for entry in narrativeEntries {
      let candidates = items.indices.filter {
        items[$0].team?.lowercased() == entry.team.lowercased()
          && (items[$0].horizon == entry.horizon || items[$0].horizon == .unspecified)
      }
      let metricRaw = entry.fields["dora metric"]
      let metric = metricRaw.flatMap { DORAMetric(name: $0) }
      if metricRaw != nil && metric == nil {
        find(
          .warning, "unknown DORA metric '\(metricRaw!)' in the narrative for \(entry.team)", line: entry.line, .unknownMetric)
      }
      if let i = candidates.first {
        items[i].narrativeLine = entry.line
        if items[i].why == nil { items[i].why = entry.fields["why"] }
        if items[i].doraMetric == nil, let metric { items[i].doraMetric = metric }
        if let metric, let own = items[i].doraMetric, own != metric {
          find(
            .warning,
            "the narrative gives \(entry.team) the metric '\(metric.displayName)' but the table says '\(own.displayName)'",
            line: entry.line, .narrativeDisagrees)
        }
      } else if let what = entry.fields["what"] ?? entry.fields["focus"] {
        items.append(
          ActionItem(
            what: what, why: entry.fields["why"], team: entry.team, owner: nil, horizon: entry.horizon, type: nil,
            priority: nil, due: nil, status: nil, statusRaw: nil, tracking: [], doraMetric: metric, doraMetricRaw: metricRaw,
            origin: .narrative(line: entry.line), narrativeLine: entry.line))
      }
    }
  }

  // MARK: Findings

  private mutating func checkActionItems() {
    for group in itemGroups {
      let members = items[group.range]
      guard !members.isEmpty else { continue }
      func report(_ missing: (ActionItem) -> Bool, _ what: String, _ code: DiagnosticCode) {
        let lacking = members.filter(missing)
        guard !lacking.isEmpty else { return }
        let lines = lacking.map { String($0.origin.line) }.joined(separator: ", ")
        find(
          .note, "\(lacking.count) of \(members.count) action items have no \(what) (lines \(lines))", line: group.line, code)
      }
      report({ $0.team == nil && $0.owner == nil }, "owner or team", .actionNoOwner)
      report({ $0.due == nil && $0.horizon != .longTerm }, "due date", .actionNoDue)
      report({ $0.status == nil && $0.horizon != .longTerm }, "status", .actionNoStatus)
    }
    for item in items where item.doraMetric == nil {
      if let raw = item.doraMetricRaw, !raw.isEmpty {
        find(
          .warning,
          "unknown DORA metric '\(raw)'; expected Deployment Frequency, Lead Time for Changes, Change Failure Rate or Time to Restore Service",
          line: item.origin.line, .unknownMetric)
      }
    }
    for item in items where item.doraMetricRaw?.lowercased().contains("failed deployment recovery") == true {
      find(
        .note,
        "'failed deployment recovery time' (DORA 2023) counts only failures caused by a change; Lectern reports time to restore",
        line: item.origin.line, .renamedMetric)
    }
  }

  private mutating func checkTimeline() {
    var previous: TimelineEntry?
    var section: Int?
    for (i, entry) in timeline.enumerated() {
      // Order is checked within one timeline (a "Key timestamps" list and a detailed timeline are two).
      if section != timelineSections[i] {
        previous = nil
        section = timelineSections[i]
      }
      if entry.at.precision == .unknown {
        find(.note, "timeline entry has no readable time ('\(entry.at.raw)')", line: entry.line, .timelinePlaceholder)
        continue
      }
      if let p = previous, let a = p.at.sortKey, let b = entry.at.sortKey, p.at.hasDate == entry.at.hasDate, b < a {
        find(
          .warning, "timeline out of order: '\(entry.at.raw)' comes after '\(p.at.raw)' (line \(p.line ?? 0))", line: entry.line,
          .timelineOrder)
      }
      previous = entry
    }
  }

  private mutating func checkSeverities() {
    guard !slas.isEmpty else { return }
    let defined = Set(slas.map(\.severity.level))
    let range = "\(defined.min()!)–\(defined.max()!)"
    // Prose that names a severity the table does not define (seed 004: "Sev 0" beside a 1–3 table).
    let text = document.source.text
    var mentioned: [Int: Int] = [:]
    for n in 1...max(document.source.lineCount, 1) {
      guard let line = document.source.line(n), !line.hasPrefix("|") else { continue }
      let lower = line.lowercased()
      var rest = Substring(lower)
      while let r = rest.range(of: "sev") {
        var after = rest[r.upperBound...]
        if after.hasPrefix("erity") { after = after.dropFirst(5) }
        after = after.drop(while: { $0 == " " || $0 == "-" })
        if let d = after.first, d.isNumber, let level = Int(String(d)), !(after.dropFirst().first?.isNumber ?? false) {
          if mentioned[level] == nil { mentioned[level] = n }
        }
        rest = rest[r.upperBound...]
      }
    }
    _ = text
    for (level, line) in mentioned.sorted(by: { $0.key < $1.key }) where !defined.contains(level) {
      find(
        .warning, "the text mentions Sev \(level) but the severity table (line \(slaTableLine ?? 0)) defines \(range)",
        line: line, .severityProse)
      if !(1...4).contains(level) {
        find(.warning, "Sev \(level) is outside 1–4 (1 is the most severe)", line: line, .severityRange)
      }
    }
  }

  private mutating func checkDurations() {
    // An incident log: each incident's declared durations against its own timeline.
    let parts = Postmortem(
      document: document, title: nil, meta: meta, sections: [], summary: nil, actionItems: [], timeline: timeline,
      responseSLAs: [], benchmarks: [], declaredDurations: durations, narrative: [], findings: []
    ).incidents
    if parts.isEmpty {
      checkDurations(timeline: timeline, durations: durations)
    } else {
      for part in parts { checkDurations(timeline: part.timeline, durations: part.declaredDurations) }
    }
  }

  private mutating func checkDurations(timeline: [TimelineEntry], durations: [DeclaredDuration]) {
    guard let restore = Postmortem.restoreSpan(in: timeline) else { return }
    // "Time to resolve" is measured to the resolved entry and "time to mitigate" to the mitigated one when there
    // is one; the rest to restored.
    let resolve = Postmortem.span(in: timeline, to: [.resolved]) ?? restore
    let mitigate = Postmortem.span(in: timeline, to: [.mitigated])
    for d in durations where !d.businessHoursOnly {
      guard let declared = d.minutes,
        ["restore", "recovery", "repair", "resolve", "mitigat"].contains(where: { d.label.contains($0) })
      else { continue }
      let isMitigation = d.label.contains("mitigat")
      if isMitigation && mitigate == nil { continue }
      let (start, end, computed) = isMitigation ? mitigate! : d.label.contains("resolve") ? resolve : restore
      if abs(declared - computed) > 1 {
        find(
          .warning,
          "declared '\(d.label): \(d.raw)' disagrees with the timeline: \(DurationText.format(minutes: computed)) from "
            + "'\(start.at.raw)' (line \(start.line ?? 0)) to '\(end.at.raw)' (line \(end.line ?? 0))", line: d.line,
          .durationMismatch)
      }
    }
  }
}

extension PostmortemReader {
  /// A cell's text with `<br>` read as a space ("RUST-MAIN<br>CI outage reported" is two phrases).
  static func visibleText(_ inlines: [Inline]) -> String {
    inlines.map { inline in
      if case .html(let h) = inline.kind, h.lowercased().hasPrefix("<br") { return Inline(.softBreak, range: nil) }
      return inline
    }.plainText.trimmed
  }
}

extension Array where Element == Inline {
  /// Every link destination inside, in order.
  var linkDestinations: [String] {
    var out: [String] = []
    for inline in self {
      if case .link(let destination, _, _) = inline.kind { out.append(destination) }
      out += inline.children.linkDestinations
    }
    return out
  }

  /// The text of every strong span, joined.
  var strongText: String {
    var out: [String] = []
    for inline in self {
      if case .strong(let c) = inline.kind { out.append(c.plainText) } else { out.append(inline.children.strongText) }
    }
    return out.filter { !$0.isEmpty }.joined(separator: " ")
  }

  /// Plain text split at hard and soft line breaks.
  func plainTextLines() -> [String] {
    var lines: [[Inline]] = [[]]
    for inline in self {
      switch inline.kind {
      case .softBreak, .lineBreak: lines.append([])
      default: lines[lines.count - 1].append(inline)
      }
    }
    return lines.map { $0.plainText.trimmed }.filter { !$0.isEmpty }
  }
}
