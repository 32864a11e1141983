import LecternCore
import LecternTestSupport
import Testing

@testable import LecternPostmortem

@Suite struct TimelineModelTests {
  @Test func hhmmParagraphsWithAZoneAndAMidnightRollover() {
    let pm = Postmortem(
      source: .inline(
        """
        # Outage

        ## Timeline

        All times in PDT (UTC-7).

        23:50 Deploy starts; errors begin (outage begins)
        23:58 Pager fires (detected)
        00:05 On-call acknowledged
        00:40 Rollback finished, service restored
        """))
    #expect(pm.meta.timeZone == "PDT (UTC-7)")
    #expect(pm.timeline.map(\.at.raw) == ["23:50", "23:58", "00:05", "00:40"])
    #expect(pm.timeline.map(\.at.dayOffset) == [0, 0, 1, 1])
    #expect(pm.timeline.allSatisfy { $0.at.timeZone == "PDT (UTC-7)" })
    #expect(pm.timeline[2].displayTime == "00:05 (+1 day) PDT (UTC-7)")
    // 23:50 → 23:58 is 8m; 23:58 → 00:05 (next day) 7m; 23:58 → 00:40 is 42m; 23:50 → 00:40 is 50m.
    let t = pm.timings
    #expect(t.timeToDetect == 8)
    #expect(t.timeToAcknowledge == 7)
    #expect(t.timeToRestore == 42)
    #expect(t.impactDuration == 50)
    #expect(!pm.findings.contains { $0.code == "timeline-order" })
  }

  @Test func headingPerEntryAndBulletsTakeTheDocumentDate() {
    let pm = Postmortem(
      source: .inline(
        """
        ---
        date: 2024-11-08
        ---
        # Stale search

        ## Timeline (UTC)

        ### 21:15 Lag begins

        The consumer stalled (impact begins).

        ### 22:40 Customer report

        Support paged the team (detected).
        """))
    #expect(pm.meta.timeZone == "UTC")
    #expect(
      pm.timeline.map(\.text) == [
        "Lag begins — The consumer stalled (impact begins).", "Customer report — Support paged the team (detected).",
      ])
    #expect(pm.timeline.map(\.at.day) == [8, 8])
    #expect(pm.timeline.allSatisfy { $0.at.dateInferred })
    #expect(pm.timings.timeToDetect == 85)
  }

  @Test(arguments: [
    ("The outage was not detected by any alert", TimelineMarker.detected),
    ("Rollback attempted; service not restored", .restored),
    ("The mitigation attempt was unsuccessful, not mitigated", .mitigated),
    ("We never acknowledged the first page", .acknowledged),
  ])
  func negatedClausesMarkNothing(_ text: String, _ marker: TimelineMarker) {
    #expect(!PostmortemReader.markers(text: text, emphasis: "").contains(marker))
  }

  @Test func aClauseOnItsOwnStillMarks() {
    let markers = PostmortemReader.markers(text: "First rollback failed to apply; the second one restored service", emphasis: "")
    #expect(markers == [.restored])
    #expect(PostmortemReader.markers(text: "Alert fired (detected)", emphasis: "") == [.detected])
  }

  @Test func keyTimestampLabelsAreEntries() {
    let pm = Postmortem(
      source: .inline(
        """
        # INC-9

        ## Key timestamps

        - **Impact started:** 2024-11-08 21:15 UTC
        - **Reported:** 2024-11-08 22:40 UTC
        - **Resolved:** 2024-11-09 00:20 UTC
        """))
    #expect(pm.timeline.map(\.markers) == [[.impactStart], [.detected], [.resolved]])
    // 22:40 → 00:20 the next day.
    #expect(pm.timings.timeToRestore == 100)
    #expect(pm.meta.timeZone == "UTC")
  }
}

@Suite struct MetadataModelTests {
  @Test func metadataLinesInProse() {
    let pm = Postmortem(
      source: .inline(
        """
        # Login failures

        > Author: [Sam Rivera](https://example.com/sam)

        Created by: Priya Natarajan

        **Date:** 2024-05-14

        **Severity:** SEV2

        | Field | Value |
        |---|---|
        | Severity | 1 |
        | Affected services | identity-proxy, login |
        """))
    #expect(pm.meta.authors == ["Sam Rivera", "Priya Natarajan"])
    #expect(pm.meta.date == "2024-05-14")
    #expect(pm.meta.services == ["identity-proxy", "login"])
    // One value per fact: the first severity written wins, the disagreeing one is a finding.
    #expect(pm.meta.severity?.level == 2)
    #expect(pm.meta.severityLine == 9)
    let conflict = pm.findings.first { $0.code == "severity-conflict" }
    #expect(conflict?.range?.start.line == 13)
  }

  @Test(arguments: [
    ("Five whys", SectionKind.causes), ("Contributing Factors", .causes), ("Corrective actions", .actionItems),
    ("Follow-ups", .actionItems), ("Recurrence prevention", .actionItems), ("What didn't go so well?", .wentWrong),
    ("Where we got lucky", .gotLucky), ("Glossary", .glossary), ("How'd We Do?", .lessons), ("Trigger", .trigger),
    ("Customer impact", .impact), ("Resolution and recovery", .resolution), ("Incident timeline", .timeline),
    ("Key timestamps", .timeline), ("Supporting information", .appendix), ("Detection", .detection),
  ])
  func standardSectionSpellings(_ heading: String, _ kind: SectionKind) {
    #expect(SectionClassifier.kind(of: heading) == kind)
  }

  @Test func responseIsCheckedAgainstAcknowledgementNotRestore() throws {
    let pm = Postmortem(
      source: .inline(
        """
        ---
        severity: 2
        ---
        # Slow checkout

        ## Timeline

        | Time | Event |
        |---|---|
        | 10:00 | Alert fired (detected) |
        | 10:45 | On-call acknowledged |
        | 10:50 | Rolled back (resolved) |

        | Severity | Response Time |
        |---|---|
        | 2 | 30 minutes |
        """))
    let check = try #require(pm.responseCheck())
    // Restored after 50m, but acknowledged after 45m > 30m: missed, whatever the restore time.
    #expect(check.acknowledgedMinutes == 45)
    #expect(check.outcome == .missed)
  }

  @Test func sectionsKeepTheirStatementsAndImpactNumbers() {
    let pm = Postmortem(
      source: .inline(
        """
        # Login failures

        **Trigger:** A config push.

        ## Customer impact

        - 8% of login attempts failed
        - About 41,000 users were affected; 212 tickets were raised
        - Estimated cost: $18k in SLA credits

        ## Five whys

        1. Logins failed.
           1. Why? The limit was too low.
              - Why? No sizing guide.

        ## What went well

        Synthetic checks caught it.
        """))
    #expect(pm.statements[.trigger]?.map(\.text) == ["A config push."])
    #expect(pm.statements[.causes]?.map(\.depth) == [0, 1, 2])
    #expect(pm.statements[.causes]?.last?.text == "Why? No sizing guide.")
    #expect(pm.statements[.wentWell]?.first?.line == 19)
    // 8%, 41,000 users, 212 tickets, $18k = 18,000.
    #expect(pm.impactFigures.map(\.kind) == [.percent, .count, .count, .money])
    #expect(pm.impactFigures.map(\.value) == [8, 41_000, 212, 18_000])
    #expect(pm.impactFigures.map(\.unit) == ["%", "users", "tickets", "$"])
  }
}

@Suite struct InvalidDateTests {
  @Test func impossibleDatesAreReportedWithTheirLineAndNotUsed() {
    let pm = Postmortem(
      source: .inline(
        """
        ---
        date: 2024-13-45
        ---
        # Outage

        ## Timeline

        | Time | Event |
        |---|---|
        | 2023-02-30 10:00 | Alert fired (detected) |
        | 2023-03-01 10:20 | Resolved |
        """))
    let findings = pm.findings.filter { $0.code == "invalid-date" }
    #expect(findings.map { $0.range?.start.line } == [2, 10])
    #expect(findings.first?.message.contains("'2024-13-45'") == true)
    #expect(pm.timeline[0].at.day == nil)
  }
}

@Suite struct NarrativeSentenceTests {
  @Test func itemsNoSentenceSpeaksAboutAreReported() {
    let pm = Postmortem(
      source: .inline(
        """
        # Outage

        ## Action items

        | Team | What |
        |---|---|
        | Payments | Raise the pool limit |
        | Platform | Alert on saturation |

        # Narrative

        The Payments team raised the limit the same night.
        Nobody talked about the data.
        """))
    #expect(pm.actionItems[0].narrative.map(\.text) == ["The Payments team raised the limit the same night."])
    let finding = pm.findings.first { $0.code == "action-no-narrative" }
    #expect(finding?.message.contains("'Alert on saturation' (line 8)") == true)
  }
}

@Suite struct TimelineOrderTests {
  @Test func breaksInCellsAndTimelinesWrittenOutOfOrder() {
    let pm = Postmortem(
      source: .inline(
        """
        # CI outage

        ## Timeline

        | Datetime (UTC) | Description |
        |---|---|
        | 2026-07-02 14:21 | Mirror fixed; artifacts restored |
        | 2026-07-02 07:48 | RUST-MAIN<br>CI outage **reported** (detected) |

        ## Impact

        Jobs failed between 2026-07-02 and 2026-07-05, where jobs retried 3 times.
        """))
    #expect(pm.timeline[1].text == "RUST-MAIN CI outage reported (detected)")
    // Written restored-first; the phases still run detected 07:48 → restored 14:21 = 6h 33m.
    #expect(pm.timings.timeToRestore == 393)
    #expect(pm.impactFigures.isEmpty, "no figures from dates: \(pm.impactFigures.map(\.raw))")
  }
}

@Suite struct TimeZoneTests {
  @Test(
    arguments: [
      ("UTC", 0), ("PDT (UTC-7)", -420), ("AEST (UTC+10)", 600), ("GMT+05:30", 330), ("CET", 60), ("Mars time", nil),
    ] as [(String, Int?)])
  func offsets(_ zone: String, _ minutes: Int?) {
    #expect(TimeZoneText.utcOffsetMinutes(zone) == minutes)
  }

  @Test func timesAreCarriedToUTCAcrossMidnight() {
    let pm = Postmortem(
      source: .inline(
        """
        ---
        date: 2026-09-01
        ---
        # Outage

        ## Timeline

        All times in PDT (UTC-7).

        - 16:50 Errors begin (outage begins)
        - 23:58 Pager fires (detected)
        - 00:05 Acknowledged
        """))
    // 16:50 PDT = 23:50 UTC; 23:58 PDT = 06:58 UTC the next day; 00:05 PDT on 09-02 = 07:05 UTC on 09-02.
    #expect(pm.timeline.map(\.at.utc) == ["2026-09-01T23:50Z", "2026-09-02T06:58Z", "2026-09-02T07:05Z"])
  }
}
