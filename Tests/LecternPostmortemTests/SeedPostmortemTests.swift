import Foundation
import LecternCore
import LecternDeck
import LecternTestSupport
import Testing

@testable import LecternPostmortem

private func seed(_ prefix: String) throws -> Postmortem {
  Postmortem(source: try .at(try #require(TestPaths.seed(prefix), "seed \(prefix) is missing from ../shared/seeds")))
}

@Suite(.enabled(if: TestPaths.seed("000") != nil, "../shared/seeds is absent: seed postmortem tests skipped"))
struct SeedPostmortemTests {
  @Test func seed002ReadsShortAndLongTermTablesByTeam() throws {
    let pm = try seed("002")
    let short = pm.actionItems.filter { $0.horizon == .shortTerm }
    let long = pm.actionItems.filter { $0.horizon == .longTerm }
    #expect(short.map(\.team) == ["SRE", "Data", "UI", "C++"])
    #expect(short.first?.what == "Alert on 85% of disk usage & Runbook update")
    #expect(long.map(\.team) == ["SRE", "C++", "Data", "UI"])
    #expect(long.map(\.doraMetric) == [.deploymentFrequency, .leadTime, .changeFailureRate, .timeToRestore])
    #expect(long.allSatisfy { if case .tableRow = $0.origin { true } else { false } })
    // The narrative is kept as prose, under its heading.
    #expect(pm.sections.contains { $0.kind == .speakerNotes && $0.heading == "Speaker Notes Narrative" })
    #expect(pm.narrative.first { $0.heading == "Speaker Notes Narrative" }?.paragraphs.count ?? 0 >= 3)
    #expect(pm.findings.contains { $0.code == "action-no-due" && $0.message.hasPrefix("4 of 4") })
    #expect(Postmortem.looksLikePostmortem(pm.document))
  }

  @Test func seed002JoinsFreeProseSentencesByTeamAndHorizonCue() throws {
    let pm = try seed("002")
    func narrative(_ team: String, _ horizon: Horizon) -> [String]? {
      pm.actionItems.first { $0.team == team && $0.horizon == horizon }?.narrative.map(\.text)
    }
    #expect(narrative("SRE", .shortTerm)?.first?.hasPrefix("The SREs stepped in to put alerts around disk usage") == true)
    // "old data" in the SRE sentence is not the Data team; the Data team's own sentence is.
    #expect(narrative("Data", .shortTerm)?.first?.hasPrefix("The Data team decided having an out of band purge") == true)
    // "For the long term …" switches to the long-term items.
    #expect(narrative("SRE", .longTerm)?.first?.hasPrefix("For the long term the SRE decided") == true)
    #expect(narrative("UI", .longTerm)?.first?.hasPrefix("The UI team started working on synthetic ui tests") == true)
    #expect(pm.actionItems.allSatisfy { $0.narrative.count == 1 })
    #expect(!pm.findings.contains { $0.code == "action-no-narrative" })
  }

  @Test func seed003JoinsTheNarrativeToTheTablesByTeamNotText() throws {
    let pm = try seed("003")
    #expect(pm.actionItems.count == 8, "narrative entries join existing rows; none is added")
    let sre = try #require(pm.actionItems.first { $0.team == "SRE" && $0.horizon == .shortTerm })
    // The table says "Alert on 85% of disk usage & Runbook update"; the narrative words it differently.
    #expect(sre.what == "Alert on 85% of disk usage & Runbook update")
    #expect(sre.why == "The lack of disk monitoring allowed the issue to go unnoticed until it caused a major outage")
    #expect(sre.narrativeLine != nil)
    let cpp = try #require(pm.actionItems.first { $0.team == "C++" && $0.horizon == .longTerm })
    #expect(cpp.doraMetric == .leadTime)
    #expect(cpp.narrativeLine != nil)
    #expect(pm.actionItems.allSatisfy { $0.narrativeLine != nil })
    #expect(!pm.findings.contains { $0.code == "narrative-disagrees" })
  }

  @Test func seed004SeverityTableBecomesTypedSLAsAndTheProseDisagrees() throws {
    let pm = try seed("004")
    #expect(pm.responseSLAs.map(\.severity.level) == [1, 2, 3])
    #expect(pm.responseSLAs.map(\.responseSeconds) == [1800, 3600, 86_400])
    #expect(pm.responseSLAs.map(\.raw) == ["30 minutes", "1 Hours", "24 Hours"])
    #expect(pm.responseSLAs.first?.name == "Critical incident")
    #expect(pm.responseSLAs.first?.examples == ["Service outage", "data loss", "ddos attack"])
    let prose = pm.findings.filter { $0.code == "severity-prose" }
    #expect(prose.count == 1)
    #expect(prose.first?.message.contains("Sev 0") == true)
    #expect(pm.findings.contains { $0.code == "severity-range" })
  }
}

@Suite struct PostmortemValueTests {
  @Test func durationsAsPeopleWriteThem() {
    #expect(DurationText.seconds("30 minutes") == 1800)
    #expect(DurationText.seconds("1 Hours") == 3600)
    #expect(DurationText.seconds("24 Hours") == 86_400)
    #expect(DurationText.seconds("3h 8m") == 11_280)
    #expect(DurationText.seconds("0h 07m") == 420)
    #expect(DurationText.seconds("279 minutes") == 16_740)
    #expect(DurationText.seconds("1h 39m (during support hours 10:00-17:00)") == 5940)
    #expect(DurationText.seconds("N/A") == nil)
    #expect(DurationText.seconds("Xh Xm") == nil)
    #expect(DurationText.format(minutes: 99) == "1h 39m")
  }

  @Test func severitiesAndTimestamps() {
    #expect(Severity(parsing: "SEV1")?.level == 1)
    #expect(Severity(parsing: "sev-2")?.level == 2)
    #expect(Severity(parsing: "Sev 0")?.level == 0)
    #expect(Severity(parsing: "critical") == nil)
    let bracket = PartialTimestamp(parsing: "[03-26 14:05]")
    #expect((bracket.month, bracket.day, bracket.hour, bracket.minute) == (3, 26, 14, 5))
    let spaced = PartialTimestamp(parsing: "2021-12-10   15:40")
    #expect((spaced.year, spaced.hour, spaced.minute) == (2021, 15, 40))
    #expect(PartialTimestamp(parsing: "14.43").minute == 43)
    #expect(PartialTimestamp(parsing: "2022-01-28 1625").hour == 16)
    #expect(PartialTimestamp(parsing: "2024-03-13 14:??").precision == .unknown)
    #expect(PartialTimestamp(parsing: "???").precision == .unknown)
    #expect(PartialTimestamp(parsing: "2022-04-20").precision == .day)
  }

  @Test func timelineMarkersDurationsAndFindingsFromAWrittenPostmortem() {
    let pm = Postmortem(
      source: .inline(
        """
        ---
        incident: INC-7
        severity: SEV5
        ---
        # Outage

        ## Timeline

        | Time | Event |
        |---|---|
        | 2026-01-05 10:00 | **Detection:** alerts fire |
        | 2026-01-05 09:50 | config pushed |
        | 2026-01-05 11:30 | **Recovery:** traffic back |

        ## Stats

        - Time to recovery: 2h
        - Time to detection: 0 minutes

        ## Action Items

        | Action Item | Owner | Due | Status | DORA Metric |
        |---|---|---|---|---|
        | Add canary | Ana | 2026-02-01 | open | Change fail percentage. |
        | Faster rollback | | | | Speed of light |
        """))
    #expect(pm.meta.incidentIds == ["INC-7"])
    #expect(pm.timeline.map(\.markers) == [[.detected], [], [.restored]])
    #expect(pm.computedTimeToRestoreMinutes == 90)
    #expect(pm.declaredDurations.first?.minutes == 120)
    #expect(pm.findings.contains { $0.code == "duration-mismatch" && $0.range?.start.line == 17 })
    #expect(pm.findings.contains { $0.code == "timeline-order" && $0.range?.start.line == 12 })
    #expect(pm.findings.contains { $0.code == "severity-range" })
    #expect(pm.actionItems.first?.doraMetric == .changeFailureRate, "aliases and a trailing '.'")
    #expect(pm.findings.contains { $0.code == "unknown-metric" && $0.message.contains("Speed of light") })
    #expect(pm.findings.contains { $0.code == "action-no-owner" && $0.message.hasPrefix("1 of 2") })
  }
}

@Suite(.enabled(if: TestPaths.shared != nil, "../shared is absent: corpus postmortem tests skipped"))
struct CorpusPostmortemTests {
  private func corpus(_ name: String) throws -> Postmortem {
    let folder = try #require(TestPaths.shared).appendingPathComponent("corpus/postmortems")
    return Postmortem(source: try .at(folder.appendingPathComponent(name)))
  }

  @Test func everyCorpusPostmortemReadsWithoutError() throws {
    let folder = try #require(TestPaths.shared).appendingPathComponent("corpus/postmortems")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".md") && $0 != "SOURCES.md"
    }
    #expect(files.count == 10)
    for file in files {
      let pm = Postmortem(source: try .at(folder.appendingPathComponent(file)))
      #expect(!pm.sections.isEmpty, "\(file)")
      #expect(pm.document.diagnostics.allSatisfy { $0.severity != .error }, "\(file)")
      #expect(Postmortem.looksLikePostmortem(pm.document), "\(file) is recognised as a postmortem")
    }
  }

  @Test func etcdActionTableWithTypePriorityBugStatus() throws {
    let pm = try corpus("etcd-io__etcd__v3.5-data-inconsistency.md")
    let table = pm.actionItems.filter { if case .tableRow = $0.origin { true } else { false } }
    #expect(table.count == 10)
    #expect(pm.actionItems.count == 10, "the Type/Priority legends above the table are not action items")
    #expect(table.filter { $0.status == .done }.count == 5)
    #expect(Set(table.compactMap(\.type)).isSubset(of: ["Prevent", "Detect", "Mitigate"]))
    #expect(Set(table.compactMap(\.priority)) == ["P0", "P1", "P2"])
    #expect(table.first?.tracking == ["https://github.com/etcd-io/etcd/issues/14045"])
    #expect(pm.meta.authors == ["serathius@"])
    #expect(pm.meta.status == "published")
    #expect(pm.timeline.count == 8)
    #expect(pm.findings.contains { $0.code == "timeline-order" && $0.message.contains("2021-01-28") })
  }

  @Test func dfdsStatsAgreeWithTheTimelineMarkers() throws {
    let pm = try corpus("dfds__postmortems__PM2022-001_-_Prometheus_is_down_with_connection_refused_errors.md")
    #expect(pm.timeline.count == 18)
    #expect(pm.computedTimeToRestoreMinutes == 279)
    #expect(pm.declaredDurations.contains { $0.label == "time to recovery" && $0.minutes == 279 })
    #expect(!pm.findings.contains { $0.code == "duration-mismatch" })
  }

  @Test func dfdsTemplateRowAndPlaceholderTimesAreFindings() throws {
    let pm = try corpus("dfds__postmortems__PM2024-001_-_Two_Kubernetes_nodes_went_into_NotReady_state.md")
    #expect(pm.timeline.count == 28)
    #expect(pm.findings.contains { $0.code == "template-row" })
    #expect(pm.findings.filter { $0.code == "timeline-placeholder" }.count >= 2)
    #expect(pm.actionItems.count == 7)
  }

  @Test func kubernetesBulletTimelineAndIssueLinks() throws {
    let pm = try corpus("kubernetes__test-infra__2019-03-26.md")
    #expect(pm.actionItems.count == 3)
    #expect(pm.actionItems.allSatisfy { $0.tracking.contains { $0.contains("github.com/kubernetes/test-infra/issues/") } })
    #expect(pm.timeline.count == 10)
    #expect(pm.timeline.contains { $0.markers.contains(.impactStart) })
    #expect(pm.timeline.contains { $0.markers.contains(.restored) })
    #expect(pm.findings.contains { $0.code == "timeline-order" }, "entries after midnight keep the day 03-26")
  }
}
