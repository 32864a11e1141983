import LecternCore
import LecternDeck
import LecternMarkdown
import LecternPostmortem

extension ExtractJSON {
  /// A postmortem: the document (outline, tables) plus the typed postmortem fields (`kind: "postmortem"`).
  ///
  /// `findings` replaces the document's own (a report adds what the metrics store contradicts).
  public static func postmortem(
    _ pm: Postmortem, findings: [Diagnostic]? = nil, pretty: Bool = false, sink: ((ArraySlice<UInt8>) -> Void)? = nil
  ) -> [UInt8] {
    var w = JSONWriter(pretty: pretty, sink: sink)
    let doc = pm.document
    w.beginObject()
    w.field("schemaVersion", schemaVersion)
    w.field("kind", "postmortem")
    w.field("path", doc.path)
    w.key("frontMatter")
    frontMatter(doc.frontMatter, &w)
    w.field("title", pm.title)
    writeMeta(pm, &w)
    w.field("summary", pm.summary)
    writeSectionKinds(pm, &w)
    writeActionItems(pm, &w)
    writeTimeline(pm, &w)
    writeIncidents(pm, &w)
    writeFacts(pm, &w)
    writeNarrative(pm, &w)
    w.key("sections")
    w.beginArray()
    var tableIndex = 0
    for s in doc.outline.sections { section(s, &w, &tableIndex) }
    w.endArray()
    w.key("tables")
    w.beginArray()
    for t in doc.tables { table(t, &w) }
    w.endArray()
    w.key("findings")
    diagnostics(findings ?? pm.findings, &w)
    w.key("diagnostics")
    diagnostics(doc.diagnostics, &w)
    w.endObject()
    return w.finish()
  }
  /// The document's facts: incident ids, causes, date, authors, status, severity, services, time zone.
  static func writeMeta(_ pm: Postmortem, _ w: inout JSONWriter) {
    w.key("meta")
    w.beginObject()
    strings("incidentIds", pm.meta.incidentIds, &w)
    strings("causedBy", pm.meta.causedBy, &w)
    w.field("date", pm.meta.date)
    strings("authors", pm.meta.authors, &w)
    w.field("owner", pm.meta.owner)
    w.field("status", pm.meta.status)
    w.key("severity")
    severity(pm.meta.severity, &w)
    w.field("severityLine", pm.meta.severityLine)
    strings("services", pm.meta.services, &w)
    w.field("timeZone", pm.meta.timeZone)
    w.field("utcOffsetMinutes", pm.meta.timeZone.flatMap(TimeZoneText.utcOffsetMinutes))
    w.endObject()
  }

  /// Every section with the kind it was recognised as.
  static func writeSectionKinds(_ pm: Postmortem, _ w: inout JSONWriter) {
    w.key("sectionKinds")
    w.beginArray()
    for s in pm.sections {
      w.beginObject()
      w.field("kind", s.kind.rawValue)
      w.field("recognized", s.isRecognized)
      w.field("level", s.level)
      w.field("heading", s.heading)
      w.field("line", s.line)
      strings("path", s.path, &w)
      w.endObject()
    }
    w.endArray()
  }

  /// Action items with every field the source gives (nothing invented).
  static func writeActionItems(_ pm: Postmortem, _ w: inout JSONWriter) {
    w.key("actionItems")
    w.beginArray()
    for item in pm.actionItems {
      w.beginObject()
      w.field("what", item.what)
      w.field("why", item.why)
      w.field("team", item.team)
      w.field("owner", item.owner)
      w.field("horizon", item.horizon.rawValue)
      w.field("type", item.type)
      w.field("priority", item.priority)
      w.field("due", item.due)
      w.field("status", item.status?.rawValue)
      w.field("statusRaw", item.statusRaw)
      strings("tracking", item.tracking, &w)
      w.field("doraMetric", item.doraMetric?.rawValue)
      w.field("doraMetricRaw", item.doraMetricRaw)
      switch item.origin {
      case .tableRow(let line): origin("table_row", line, &w)
      case .listItem(let line): origin("list_item", line, &w)
      case .narrative(let line): origin("narrative", line, &w)
      }
      w.field("narrativeLine", item.narrativeLine)
      w.key("narrative")
      w.beginArray()
      for sentence in item.narrative {
        w.beginObject()
        w.field("text", sentence.text)
        w.field("line", sentence.line)
        w.endObject()
      }
      w.endArray()
      w.endObject()
    }
    w.endArray()
  }

  /// Timeline entries with their times, markers and lines.
  static func writeTimeline(_ pm: Postmortem, _ w: inout JSONWriter) {
    w.key("timeline")
    w.beginArray()
    for entry in pm.timeline {
      w.beginObject()
      w.field("at", entry.at.raw)
      w.field("precision", entry.at.precision.rawValue)
      w.field(
        "date",
        entry.at.day.map { d in
          [entry.at.year.map(String.init), entry.at.month.map { String(format2($0)) }, String(format2(d))].compactMap { $0 }
            .joined(separator: "-")
        })
      w.field("time", entry.at.hour.map { h in "\(format2(h)):\(format2(entry.at.minute ?? 0))" })
      w.field("dateInferred", entry.at.dateInferred)
      w.field("dayOffset", entry.at.dayOffset)
      w.field("timeZone", entry.at.timeZone)
      w.field("utc", entry.at.utc)
      w.field("text", entry.text)
      strings("markers", entry.markers.map(\.rawValue).sorted(), &w)
      w.field("line", entry.line)
      w.endObject()
    }
    w.endArray()
    w.field("computedTimeToRestoreMinutes", pm.computedTimeToRestoreMinutes)
  }

  /// Computed timings and the incidents of a multi-incident file.
  static func writeIncidents(_ pm: Postmortem, _ w: inout JSONWriter) {
    w.key("timings")
    timings(pm.timings, &w)
    w.key("incidents")
    w.beginArray()
    for part in pm.incidents {
      w.beginObject()
      w.field("heading", part.heading)
      w.field("line", part.line)
      w.field("endLine", part.lines.upperBound)
      w.field("timelineEntries", part.timeline.count)
      w.key("timings")
      timings(part.timings, &w)
      w.key("declaredDurations")
      w.beginArray()
      for d in part.declaredDurations {
        w.beginObject()
        w.field("label", d.label)
        w.field("minutes", d.minutes)
        w.field("raw", d.raw)
        w.endObject()
      }
      w.endArray()
      w.field("actionItems", part.actionItems.count)
      w.endObject()
    }
    w.endArray()
  }

  /// The response check, statements, impact figures, SLAs, benchmark rows and declared durations.
  static func writeFacts(_ pm: Postmortem, _ w: inout JSONWriter) {
    w.key("responseCheck")
    responseCheck(pm.responseCheck(), &w)
    w.key("statements")
    statements(pm.statements, &w)
    w.key("impactFigures")
    w.beginArray()
    for f in pm.impactFigures {
      w.beginObject()
      w.field("kind", f.kind.rawValue)
      w.key("value")
      w.value(f.value)
      w.field("unit", f.unit)
      w.field("raw", f.raw)
      w.field("line", f.line)
      w.endObject()
    }
    w.endArray()
    writeResponseSLAs(pm.responseSLAs, &w)
    w.key("benchmarks")
    w.beginArray()
    for row in pm.benchmarks {
      w.beginObject()
      w.field("metric", row.metric.rawValue)
      strings("tiers", row.tiers, &w)
      strings("values", row.values, &w)
      w.field("line", row.line)
      w.endObject()
    }
    w.endArray()
    w.key("declaredDurations")
    w.beginArray()
    for d in pm.declaredDurations {
      w.beginObject()
      w.field("label", d.label)
      w.field("minutes", d.minutes)
      w.field("raw", d.raw)
      w.field("businessHoursOnly", d.businessHoursOnly)
      w.field("line", d.line)
      w.endObject()
    }
    w.endArray()
  }

  /// Narrative sentences and what they joined.
  static func writeNarrative(_ pm: Postmortem, _ w: inout JSONWriter) {
    w.key("narrative")
    w.beginArray()
    for n in pm.narrative {
      w.beginObject()
      w.field("heading", n.heading)
      w.field("level", n.level)
      w.field("line", n.line)
      strings("paragraphs", n.paragraphs, &w)
      w.endObject()
    }
    w.endArray()
  }

  private static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  private static func strings(_ key: String, _ values: [String], _ w: inout JSONWriter) {
    w.key(key)
    w.beginArray()
    for v in values { w.value(v) }
    w.endArray()
  }

  private static func severity(_ s: LecternPostmortem.Severity?, _ w: inout JSONWriter) {
    guard let s else {
      w.null()
      return
    }
    w.beginObject()
    w.field("level", s.level)
    w.field("raw", s.raw)
    w.endObject()
  }

  private static func origin(_ kind: String, _ line: Int, _ w: inout JSONWriter) {
    w.key("origin")
    w.beginObject()
    w.field("kind", kind)
    w.field("line", line)
    w.endObject()
  }
}

extension ExtractJSON {
  /// Minutes per phase (`null`: the timeline does not mark both ends) and the line of each marked entry.
  static func timings(_ t: IncidentTimings, _ w: inout JSONWriter) {
    w.beginObject()
    w.field("timeToDetectMinutes", t.timeToDetect)
    w.field("timeToAcknowledgeMinutes", t.timeToAcknowledge)
    w.field("timeToMitigateMinutes", t.timeToMitigate)
    w.field("timeToRestoreMinutes", t.timeToRestore)
    w.field("impactDurationMinutes", t.impactDuration)
    for (name, entry) in [
      ("impactStartLine", t.impactStart), ("detectedLine", t.detected), ("acknowledgedLine", t.acknowledged),
      ("mitigatedLine", t.mitigated), ("restoredLine", t.restored),
    ] {
      w.field(name, entry?.line)
    }
    w.endObject()
  }
}

extension ExtractJSON {
  /// The severity's response target against the time to acknowledge; `null` without a matching SLA row.
  static func responseCheck(_ check: ResponseCheck?, _ w: inout JSONWriter) {
    guard let check else {
      w.null()
      return
    }
    w.beginObject()
    w.field("severity", check.severity)
    w.field("responseSeconds", check.sla.responseSeconds)
    w.field("responseRaw", check.sla.raw)
    w.field("acknowledgedMinutes", check.acknowledgedMinutes)
    w.field("outcome", check.outcome.rawValue)
    w.field("slaLine", check.sla.line)
    w.endObject()
  }
}

extension ExtractJSON {
  /// Section kind → statements (`text`, `line`, `depth`), kinds in the model's order, empty kinds left out.
  static func statements(_ byKind: [SectionKind: [Statement]], _ w: inout JSONWriter) {
    w.beginObject()
    for kind in SectionKind.allCases {
      guard let list = byKind[kind], !list.isEmpty else { continue }
      w.key(kind.rawValue)
      w.beginArray()
      for s in list {
        w.beginObject()
        w.field("text", s.text)
        w.field("line", s.line)
        w.field("depth", s.depth)
        w.endObject()
      }
      w.endArray()
    }
    w.endObject()
  }

  /// Severity levels with their response times (`responseSLAs`): from a postmortem, or from any document that
  /// carries a severity / response-time table (a strategy or on-call policy).
  static func writeResponseSLAs(_ slas: [ResponseSLA], _ w: inout JSONWriter) {
    w.key("responseSLAs")
    w.beginArray()
    for sla in slas {
      w.beginObject()
      w.key("severity")
      severity(sla.severity, &w)
      w.field("name", sla.name)
      strings("examples", sla.examples, &w)
      w.field("responseSeconds", sla.responseSeconds)
      w.field("raw", sla.raw)
      w.field("line", sla.line)
      w.endObject()
    }
    w.endArray()
  }
}
