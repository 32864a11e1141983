import LecternDORA
import LecternPostmortem

extension ReportBuilder {
  /// The title block: only what the document says (nothing filled in, nothing guessed).
  static func titleFacts(_ pm: Postmortem, timings: IncidentTimings) -> [ReportPage.Fact] {
    var facts: [ReportPage.Fact] = []
    let meta = pm.meta
    if !meta.incidentIds.isEmpty { facts.append(.init(label: "Incident", value: meta.incidentIds.joined(separator: ", "))) }
    if let s = meta.severity { facts.append(.init(label: "Severity", value: "Sev \(s.level)")) }
    if let date = meta.date { facts.append(.init(label: "Date", value: date)) }
    if let minutes = timings.impactDuration {
      facts.append(.init(label: "Duration", value: DurationText.format(minutes: minutes)))
    } else if pm.incidents.isEmpty,
      let declared = pm.declaredDurations.first(where: { !$0.businessHoursOnly && $0.minutes != nil })
    {
      facts.append(.init(label: "Duration", value: declared.raw))
    }
    if !pm.impactFigures.isEmpty {
      // The impact's own numbers, as written (at most four, in the order the document gives them).
      let figures = pm.impactFigures.prefix(4).map {
        $0.kind == .count && !$0.raw.contains($0.unit) ? "\($0.raw) \($0.unit)" : $0.raw
      }
      facts.append(.init(label: "Impact", value: figures.joined(separator: " · ")))
    }
    if let status = meta.status { facts.append(.init(label: "Status", value: status)) }
    if !meta.authors.isEmpty { facts.append(.init(label: "Authors", value: meta.authors.joined(separator: ", "))) }
    if !meta.services.isEmpty { facts.append(.init(label: "Service", value: meta.services.joined(separator: ", "))) }
    if let zone = meta.timeZone { facts.append(.init(label: "Times in", value: zone)) }
    return facts
  }

  /// Time to detect, acknowledge, mitigate and restore, where the timeline marks both ends; acknowledge and
  /// mitigate fall back to the metrics store's `acknowledged_at` / `mitigated_at` (from the incident's opening)
  /// when the timeline does not mark them, labelled as coming from the store.
  static func phases(_ t: IncidentTimings, record: Incident? = nil) -> [ReportPage.Phase] {
    func fromStore(_ end: Timestamp?) -> Int? {
      guard let record, let end, end.seconds >= record.openedAt.seconds else { return nil }
      return Int(((end.seconds - record.openedAt.seconds) / 60).rounded())
    }
    let acknowledge = t.timeToAcknowledge.map { ($0, false) } ?? fromStore(record?.acknowledgedAt).map { ($0, true) }
    let mitigate = t.timeToMitigate.map { ($0, false) } ?? fromStore(record?.mitigatedAt).map { ($0, true) }
    let phases: [(String, (Int, Bool)?)] = [
      ("Time to detect", t.timeToDetect.map { ($0, false) }), ("Time to acknowledge", acknowledge),
      ("Time to mitigate", mitigate), ("Time to restore", t.timeToRestore.map { ($0, false) }),
    ]
    return phases.compactMap { label, found in
      found.map { minutes, stored in
        .init(label: label, value: DurationText.format(minutes: minutes) + (stored ? " (metrics store)" : ""))
      }
    }
  }

  /// One row per incident of an incident log: when it was detected, its time to restore from its own
  /// timeline, and the durations it declares, as written.
  static func incidentRows(_ parts: [IncidentPart], cells: CellText) -> [ReportPage.IncidentRow] {
    parts.map { part in
      .init(
        heading: cells(part.heading), anchor: ReportBody.slug(part.heading),
        detected: cells((part.timings.detected ?? part.timings.impactStart)?.displayTime ?? ""),
        timeToRestore: part.timings.timeToRestore.map { DurationText.format(minutes: $0) } ?? "",
        declared: cells(part.declaredDurations.map { "\($0.label): \($0.raw)" }.joined(separator: "; ")))
    }
  }

  /// The entries that start and end the phases, in time order, with times in the document's time zone.
  static func moments(_ t: IncidentTimings, cells: CellText) -> [ReportPage.Moment] {
    let marked: [(String, TimelineEntry?)] = [
      ("Impact starts", t.impactStart), ("Detected", t.detected), ("Acknowledged", t.acknowledged),
      ("Mitigated", t.mitigated), ("Restored", t.restored),
    ]
    return marked.compactMap { phase, entry in
      entry.map {
        .init(phase: phase, time: cells($0.displayTime), text: cells($0.text), line: $0.line.map { "line \($0)" } ?? "")
      }
    }
  }

  /// The severity's response-time target against the time to acknowledge (never the time to restore).
  static func slaChecks(_ pm: Postmortem, record: Incident?) -> [ReportPage.SLA] {
    guard let check = pm.responseCheck(fallbackSeverity: record?.severity) else { return [] }
    let level = check.severity
    guard let limit = check.sla.responseSeconds else {
      return [.init(text: "Sev \(level) response time '\(check.sla.raw)' is not a duration; not checked.", cssClass: "unknown")]
    }
    let target = DurationText.format(minutes: limit / 60)
    guard let ack = check.acknowledgedMinutes else {
      return [
        .init(
          text: "Sev \(level) requires a response within \(target); the timeline marks no acknowledgement, so it is not checked.",
          cssClass: "unknown")
      ]
    }
    let verdict = check.outcome == .met ? "Met" : "Missed"
    return [
      .init(
        text:
          "\(verdict): Sev \(level) requires a response within \(target); acknowledged after \(DurationText.format(minutes: ack)).",
        cssClass: check.outcome.rawValue)
    ]
  }

  /// The incident record from the metrics store, only the facts it holds.
  static func incidentFacts(
    _ pm: Postmortem, metrics: ReportMetrics?, cells: CellText
  ) -> (ReportPage.Incident?, String?) {
    guard let record = metrics?.incident else {
      guard let wanted = metrics?.incidentId ?? pm.meta.incidentIds.first else { return (nil, nil) }
      return (
        nil,
        metrics == nil
          ? "Incident \(wanted): no metrics store, so no incident record." : "Incident \(wanted) is not in the store."
      )
    }
    var facts: [ReportPage.Fact] = [.init(label: "Incident", value: record.id + (record.title.map { " — \($0)" } ?? ""))]
    if let service = record.service { facts.append(.init(label: "Service", value: service)) }
    if let severity = pm.meta.severity {
      facts.append(.init(label: "Severity", value: "Sev \(severity.level)"))
    } else if let severity = record.severity {
      facts.append(.init(label: "Severity", value: "Sev \(severity)"))
    }
    facts.append(.init(label: "Opened", value: record.openedAt.description))
    facts.append(.init(label: "Resolved", value: record.resolvedAt?.description ?? "still open"))
    if let minutes = record.minutesToRestore {
      facts.append(.init(label: "Time to restore", value: DurationText.format(minutes: minutes)))
    }
    if let cause = metrics?.cause {
      facts.append(
        .init(label: "Caused by", value: "\(cause.id) (\(cause.service), \(cause.environment), finished \(cause.finishedAt))"))
    } else if let id = record.causedBy {
      facts.append(.init(label: "Caused by", value: "\(id) (not in the store)"))
    }
    return (.init(facts: facts.map { .init(label: $0.label, value: cells($0.value)) }), nil)
  }
}
