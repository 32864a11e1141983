import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternPostmortem

@Suite struct IncidentLogTests {
  static let log = """
    # Incident log

    ## Q3 2024

    ### Incident on 2024-09-20 - Route tables destroyed

    - **Key events**
      - First detected: 2024-09-20 11:24
      - Repaired: 2024-09-20 11:33
      - Resolved 2024-09-20 11:40
    - **Time to repair**: 9m
    - **Time to resolve**: 30m
    - **Status**: resolved

    ### Incident on 2024-07-25 - Prometheus down

    - **Key events**
      - First detected: 2024-07-25 12:10
      - Repaired: 2024-07-25 15:18
    - **Time to repair**: 3h 8m
    """

  @Test func eachIncidentHasItsOwnTimelineAndTimings() throws {
    let pm = Postmortem(source: .inline(Self.log))
    let parts = pm.incidents
    #expect(
      parts.map(\.heading) == ["Incident on 2024-09-20 - Route tables destroyed", "Incident on 2024-07-25 - Prometheus down"])
    // 11:24 → 11:33 is 9m; 12:10 → 15:18 is 3h 8m = 188m.
    #expect(parts.map(\.timings.timeToRestore) == [9, 188])
    #expect(parts[0].timeline.map(\.markers) == [[.detected], [.restored], [.resolved]])
    #expect(parts[1].declaredDurations.map(\.raw) == ["3h 8m"])
    // "Time to resolve: 30m" is measured to the Resolved entry (11:24 → 11:40 = 16m): a mismatch on its line.
    let mismatches = pm.findings.filter { $0.code == "duration-mismatch" }
    #expect(mismatches.map { $0.range?.start.line } == [12])
    // A "Status" inside one incident is that incident's, not the document's.
    #expect(pm.meta.status == nil)
  }

  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared corpus"))
  func theMinistryOfJusticeLogIsManyIncidents() throws {
    let url = try #require(TestPaths.shared).appendingPathComponent(
      "corpus/postmortems/ministryofjustice__cloud-platform__incident-log.html.md.erb.md")
    let pm = Postmortem(source: try SourceFile.at(url))
    #expect(pm.incidents.count >= 30)
    let first = try #require(pm.incidents.first)
    #expect(first.timings.detected?.text == "First detected")
    #expect(first.timings.timeToRestore == 9)
  }
}
