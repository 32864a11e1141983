import ArgumentParser
import Foundation
import LecternCore
import LecternDORA
import LecternMetrics
import LecternRecords

extension Lectern.Metrics {
  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract: "Add deployments and incidents from GitHub, GitLab, PagerDuty and Opsgenie API responses saved as JSON.",
      discussion: """
        Each file is a saved API response: an array, a page object, pages one after another (gh api --paginate) \
        or JSON Lines. GitHub deployments: GET /repos/{owner}/{repo}/deployments with each deployment's /statuses; \
        a deployment finished at its latest success, failure or error status. GitHub Actions: GET \
        /repos/{owner}/{repo}/actions/runs; a deployment is a successful completed run of a --workflow on the \
        deploy branch. GitLab: GET /projects/:id/deployments (success or failed). PagerDuty: GET /incidents. \
        Opsgenie: GET /v2/alerts. Every bad record is listed with its file and line, and then nothing is \
        written; otherwise everything is written in one transaction. See docs/metrics-sources.md. \
        \(ExitStatus.help)
        """)

    @Option(name: .customLong("github-deployments"), help: "A saved GitHub deployments response (repeatable).")
    var githubDeployments: [String] = []

    @Option(name: .customLong("github-statuses"), help: "A saved GitHub deployment statuses response (repeatable).")
    var githubStatuses: [String] = []

    @Option(name: .customLong("github-actions"), help: "A saved GitHub Actions workflow runs response (repeatable).")
    var githubActions: [String] = []

    @Option(help: "With --github-actions: a workflow whose successful runs are deployments, by name or path (repeatable).")
    var workflow: [String] = []

    @Option(help: "With --github-actions: the branch deployments run on (default: the repository's default branch, else main).")
    var branch: String?

    @Option(help: "With --github-actions: the environment of those deployments.")
    var environment: String = "production"

    @Option(name: .customLong("gitlab-deployments"), help: "A saved GitLab project deployments response (repeatable).")
    var gitlabDeployments: [String] = []

    @Option(help: "A saved PagerDuty incidents response (repeatable).")
    var pagerduty: [String] = []

    @Option(help: "A saved Opsgenie alerts response (repeatable); each alert is an incident.")
    var opsgenie: [String] = []

    @Option(
      help:
        "The service of every deployment imported in this run (default: the repository's name; GitLab needs it) and of Opsgenie alerts without a service: tag."
    )
    var service: String?

    @OptionGroup var store: MetricsStoreOptions

    func validate() throws {
      if githubDeployments.isEmpty && githubActions.isEmpty && gitlabDeployments.isEmpty && pagerduty.isEmpty && opsgenie.isEmpty
      {
        throw ValidationError(
          "give a saved response: --github-deployments, --github-actions, --gitlab-deployments, --pagerduty or --opsgenie FILE")
      }
      if !githubDeployments.isEmpty && githubStatuses.isEmpty {
        throw ValidationError("--github-deployments needs --github-statuses FILE: a deployment finishes at a status")
      }
      if !githubActions.isEmpty && workflow.isEmpty {
        throw ValidationError("--github-actions needs --workflow NAME: the workflow whose successful runs are deployments")
      }
      if !gitlabDeployments.isEmpty && service == nil {
        throw ValidationError("--gitlab-deployments needs --service NAME: GitLab's response does not name the project")
      }
    }

    func run() throws {
      var batch = RecordBatch()
      do {
        batch = try read()
      } catch {
        try Ingest.reportReadFailure(error)
      }
      try Ingest.write(batch, to: store.path)
    }

    /// Every source named on the command line, read; notes about what was not imported go to stderr.
    /// Every bad record of every source is collected before anything is thrown.
    private func read() throws -> RecordBatch {
      var batch = RecordBatch()
      var problems = IngestProblems()
      func collect<T>(_ body: () throws -> T) throws -> T? {
        do { return try body() } catch let p as IngestProblems {
          problems.add(p)
          return nil
        }
      }
      if !githubDeployments.isEmpty, let github = try collect({ try readGitHubDeployments() }) {
        batch.deployments += github
      }
      if !githubActions.isEmpty, let runs = try collect({ try readGitHubActions() }) { batch.deployments += runs }
      if !gitlabDeployments.isEmpty, let gitlab = try collect({ try readGitLab() }) { batch.deployments += gitlab }
      if let incidents = try collect({ try PagerDutyIncidents().read(try Self.load(pagerduty)) }) { batch.incidents += incidents }
      if let alerts = try collect({ try OpsgenieAlerts(service: service).read(try Self.load(opsgenie)) }) {
        batch.incidents += alerts
      }
      if !problems.isEmpty { throw problems }
      return batch
    }

    private func readGitHubDeployments() throws -> [Deployment] {
      let github = try GitHubDeployments(service: service)
        .read(deployments: try Self.load(githubDeployments), statuses: try Self.load(githubStatuses))
      if !github.unfinished.isEmpty {
        printError("note: \(github.unfinished.count) GitHub deployment(s) with no success, failure or error status not imported")
      }
      return github.deployments
    }

    private func readGitHubActions() throws -> [Deployment] {
      let runs = try GitHubActionsRuns(workflows: workflow, branch: branch, environment: environment, service: service)
        .read(try Self.load(githubActions))
      for (why, n) in runs.notDeployed.sorted(by: { $0.key < $1.key }) {
        printError(
          "note: \(n) run(s) of \(Self.quoted(workflow)) \(why == "in_progress" || why == "queued" ? "still \(why)" : "ended '\(why)'"); not deployments"
        )
      }
      if runs.otherRuns > 0 {
        printError("note: \(runs.otherRuns) run(s) of other workflows or branches not deployments")
      }
      return runs.deployments
    }

    private func readGitLab() throws -> [Deployment] {
      let gitlab = try GitLabDeployments(service: service ?? "").read(try Self.load(gitlabDeployments))
      for (status, n) in gitlab.notFinished.sorted(by: { $0.key < $1.key }) {
        printError("note: \(n) GitLab deployment(s) with status '\(status)' not imported (not finished)")
      }
      return gitlab.deployments
    }

    private static func quoted(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }

    /// Each path's bytes; a missing file is a usage error.
    private static func load(_ paths: [String]) throws -> [(name: String, bytes: [UInt8])] {
      try paths.map { path in
        guard FileManager.default.fileExists(atPath: path) else { throw InputError.missingFile(path: path) }
        return (path, [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
      }
    }
  }
}
