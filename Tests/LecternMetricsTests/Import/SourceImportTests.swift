import Foundation
import LecternCore
import LecternDORA
import LecternTestSupport
import Testing

@testable import LecternMetrics
@testable import LecternRecords

private func file(_ name: String) throws -> (name: String, bytes: [UInt8]) {
  (name, [UInt8](try Data(contentsOf: TestPaths.fixture(name))))
}

private func inline(_ text: String, _ name: String = "in.json") -> [(name: String, bytes: [UInt8])] {
  [(name, Array(text.utf8))]
}

private func t(_ s: String) -> Timestamp { Timestamp(rfc3339: s)! }

/// GitHub Actions workflow runs (Fixtures/github-actions-runs.json: two `gh api --paginate` pages).
@Suite struct GitHubActionsImportTests {
  @Test(arguments: [["Deploy"], ["deploy.yml"], [".github/workflows/deploy.yml"]])
  func successfulRunsOfTheDeployWorkflowOnTheDefaultBranchAreDeployments(_ workflows: [String]) throws {
    let result = try GitHubActionsRuns(workflows: workflows).read([try file("github-actions-runs.json")])
    #expect(result.deployments.map(\.id) == ["github-actions:9100001", "github-actions:9100005"])
    #expect(result.deployments.map(\.finishedAt) == [t("2026-03-02T10:05:00Z"), t("2026-03-04T16:20:00.5Z")])
    #expect(result.deployments.map(\.service) == ["checkout-api", "checkout-api"])
    #expect(result.deployments.map(\.environment) == ["production", "production"])
    #expect(result.deployments[0].commits == ["a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d"])
    // 9100004 failed, 9100006 is still running; CI (9100002) and the feature branch (9100003) are other runs.
    #expect(result.notDeployed == ["failure": 1, "in_progress": 1])
    #expect(result.otherRuns == 2)
  }

  @Test func theBranchEnvironmentAndServiceAreChosen() throws {
    let result = try GitHubActionsRuns(workflows: ["Deploy"], branch: "feature/retry", environment: "preview", service: "shop")
      .read([try file("github-actions-runs.json")])
    #expect(result.deployments.map(\.id) == ["github-actions:9100003"])
    #expect(result.deployments[0].environment == "preview")
    #expect(result.deployments[0].service == "shop")
  }

  @Test func theRepositorysDefaultBranchIsTheDeployBranchWhenTheExportHasIt() throws {
    let runs = """
      [{"id": 1, "name": "Deploy", "head_branch": "trunk", "head_sha": "a", "status": "completed", "conclusion": "success",
        "updated_at": "2026-03-02T10:00:00Z", "repository": {"name": "api", "default_branch": "trunk"}},
       {"id": 2, "name": "Deploy", "head_branch": "main", "head_sha": "b", "status": "completed", "conclusion": "success",
        "updated_at": "2026-03-02T11:00:00Z", "repository": {"name": "api", "default_branch": "trunk"}}]
      """
    let result = try GitHubActionsRuns(workflows: ["Deploy"]).read(inline(runs))
    #expect(result.deployments.map(\.id) == ["github-actions:1"])
  }

  @Test func everyBadRunIsNamedByFileLineAndField() {
    let runs = """
      {"workflow_runs": [
        {"id": 1, "name": "Deploy", "head_branch": "main", "head_sha": "a", "status": "completed", "conclusion": "success",
         "updated_at": "yesterday", "repository": {"name": "api"}},
        {"id": 2, "name": "Deploy", "head_branch": "main", "head_sha": "b", "status": "completed", "conclusion": "success",
         "updated_at": "2026-03-02T10:00:00Z", "repository": "api"},
        {"id": 3, "name": "Deploy", "head_branch": "main", "head_sha": "c", "status": "completed", "conclusion": "success",
         "updated_at": "2026-03-02T10:00:00Z", "repository": {"name": "api"}}
      ]}
      """
    #expect(
      throws: IngestProblems([
        IngestError(
          file: "runs.json", line: 2, field: "updated_at",
          message: "'yesterday' is not an RFC 3339 timestamp; expected e.g. 2026-03-01T09:30:00Z"),
        IngestError(file: "runs.json", line: 4, field: "repository", message: "a string ('api'); expected an object"),
      ])
    ) { _ = try GitHubActionsRuns(workflows: ["Deploy"]).read(inline(runs, "runs.json")) }
  }
}

/// GitLab project deployments (Fixtures/gitlab-deployments.json).
@Suite struct GitLabImportTests {
  @Test func successAndFailedDeploymentsWithTheirFinishTimes() throws {
    let result = try GitLabDeployments(service: "payments").read([try file("gitlab-deployments.json")])
    #expect(result.deployments.map(\.id) == ["gitlab:41", "gitlab:42", "gitlab:43"])
    #expect(result.deployments.map(\.status) == [.success, .failure, .success])
    #expect(result.deployments.map(\.environment) == ["production", "production", "staging"])
    // 41 has its own finished_at (GitLab 15+); 42 and 43 finish with their job.
    #expect(
      result.deployments.map(\.finishedAt) == [
        t("2026-03-02T09:38:01Z"), t("2026-03-03T14:09:12Z"), t("2026-03-03T13:05:40Z"),
      ])
    #expect(result.deployments[0].commits == ["99d03678b90d914dbb1b109132516d71a4a03ea8"])
    #expect(result.deployments.allSatisfy { $0.service == "payments" })
    #expect(result.notFinished == ["running": 1, "canceled": 1])
  }

  @Test func aDeploymentWithoutAnEnvironmentIsAnError() {
    let text = """
      [{"id": 1, "sha": "a", "status": "success", "updated_at": "2026-03-02T10:00:00Z"},
       {"id": 2, "sha": "a", "status": "success", "environment": {"name": "production"}, "updated_at": "2026-03-02T10:00:00Z"},
       {"id": 3, "sha": "a", "status": ["success"], "environment": {"name": "production"}}]
      """
    #expect(
      throws: IngestProblems([
        IngestError(file: "gl.json", line: 1, field: "environment", message: "missing; expected the environment deployed to"),
        IngestError(file: "gl.json", line: 3, field: "status", message: "an array; expected a string or a number"),
      ])
    ) { _ = try GitLabDeployments(service: "payments").read(inline(text, "gl.json")) }
  }
}

/// Opsgenie alerts as incidents (Fixtures/opsgenie-alerts.jsonl: one page per line).
@Suite struct OpsgenieImportTests {
  @Test func alertsAreIncidentsWithAcknowledgedAndClosedTimes() throws {
    let incidents = try OpsgenieAlerts().read([try file("opsgenie-alerts.jsonl")])
    #expect(
      incidents.map(\.id) == [
        "opsgenie:70413a06-38d6-4c85-92b8-5ebc900d42e2", "opsgenie:0b2c7e11-9f3e-4a0c-8d51-3c2a4b9e6f10",
        "opsgenie:c51f2a8e-0a7d-4b0e-9d8c-1e2f3a4b5c6d",
      ])
    // service: tags (any case); the second alert has none.
    #expect(incidents.map(\.service) == ["checkout-api", nil, "payments"])
    // P1, P5 (no severity), P2.
    #expect(incidents.map(\.severity) == [1, nil, 2])
    #expect(incidents[0].title == "Checkout p99 latency above 2s")
    #expect(incidents[0].openedAt == t("2026-03-03T14:12:00Z"))
    // ackTime 300000 ms = 5 min; closeTime 5400000 ms = 90 min after createdAt.
    #expect(incidents[0].acknowledgedAt == t("2026-03-03T14:17:00Z"))
    #expect(incidents[0].resolvedAt == t("2026-03-03T15:42:00Z"))
    // Open, acknowledged after 420000 ms = 7 min.
    #expect(incidents[1].resolvedAt == nil)
    #expect(incidents[1].acknowledgedAt == t("2026-03-04T02:07:00Z"))
    // Closed without a closeTime: its updatedAt.
    #expect(incidents[2].resolvedAt == t("2026-03-05T10:15:00Z"))
    #expect(incidents[2].acknowledgedAt == nil)
  }

  @Test func theGivenServiceFillsAlertsWithoutATag() throws {
    let incidents = try OpsgenieAlerts(service: "platform").read([try file("opsgenie-alerts.jsonl")])
    #expect(incidents.map(\.service) == ["checkout-api", "platform", "payments"])
  }

  @Test func badAlertsAreEachNamedByLineAndField() {
    let text = """
      {"data": [{"id": "a", "createdAt": "2026-03-03T14:12:00Z", "status": "closed", "report": {"closeTime": -5}}]}
      {"data": [{"id": "b", "createdAt": "2026-03-03T14:12:00Z", "status": "open", "tags": "service:x"}]}
      not json
      """
    let problems: IngestProblems
    do {
      _ = try OpsgenieAlerts().read(inline(text, "og.jsonl"))
      Issue.record("bad alerts were read")
      return
    } catch let p as IngestProblems {
      problems = p
    } catch {
      Issue.record("unexpected \(error)")
      return
    }
    #expect(problems.errors.map(\.line) == [3])
    #expect(problems.errors.map(\.message) == ["unexpected text outside JSON; expected an API response saved as JSON"])
    let valid = Array(text.split(separator: "\n").prefix(2)).joined(separator: "\n")
    #expect(
      throws: IngestProblems([
        IngestError(
          file: "og.jsonl", line: 1, field: "report.closeTime", message: "'-5' is not a duration; expected whole milliseconds"),
        IngestError(file: "og.jsonl", line: 2, field: "tags", message: "a string ('service:x'); expected an array of strings"),
      ])
    ) { _ = try OpsgenieAlerts().read(inline(valid, "og.jsonl")) }
  }
}

/// All the providers' records together give the metrics by hand.
@Suite struct ImportedSourcesMetricsTests {
  @Test func theMetricsOfImportedRecords() throws {
    var batch = RecordBatch()
    batch.deployments += try GitHubActionsRuns(workflows: ["Deploy"]).read([try file("github-actions-runs.json")]).deployments
    batch.deployments += try GitLabDeployments(service: "payments").read([try file("gitlab-deployments.json")]).deployments
    batch.incidents += try OpsgenieAlerts().read([try file("opsgenie-alerts.jsonl")])
    let store = try MetricsStore(path: nil)
    _ = try store.ingest(batch)
    let window = Window(start: t("2026-03-01T00:00:00Z"), end: t("2026-03-11T00:00:00Z"))
    let r = try DORACalculator(store: store).report(window: window)
    // Production: github-actions 9100001, 9100005 (success), gitlab 41 (success), 42 (failed) → 1 of 4 = 25 %.
    #expect(r.counts.productionDeployments == 4)
    #expect(r.measurement(.changeFailureRate)?.number == 25)
    // 3 successful production deployments over 10 days = 0.3 per day.
    #expect(r.measurement(.deploymentFrequency)?.number == 0.3)
    // Restore: 1.5 h (checkout) and 0.75 h (payments); the disk alert is open. Median (0.75 + 1.5) / 2 = 1.125 h.
    #expect(r.measurement(.timeToRestore)?.number == 1.125)
    #expect(r.counts.openIncidents == 1)
    #expect(r.counts.excluded.contains(Exclusion(.environment("staging"), count: 1)))
  }
}
