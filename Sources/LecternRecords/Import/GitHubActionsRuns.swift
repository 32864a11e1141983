import Foundation
import LecternDORA

/// Deployments from GitHub Actions workflow runs, saved as JSON: `GET /repos/{owner}/{repo}/actions/runs`
/// (pages of `{"total_count": …, "workflow_runs": […]}`; `gh api --paginate` output works).
///
/// The rule: a deployment is a completed run with conclusion `success` of one of the configured
/// workflows (matched by `name`, or by `path` such as `.github/workflows/deploy.yml` or its file name
/// `deploy.yml`) on the deploy branch (`head_branch`; by default the repository's `default_branch` when
/// the export has it, else `main`). It finished at the run's `updated_at` (the run's last change, which
/// for a completed run is its completion), ships `head_sha`, is in the configured environment
/// (`production` by default), and its id is `github-actions:<id>`; its service is the repository's name
/// unless one is given. Runs of those workflows on that branch that did not succeed (failure,
/// cancelled, timed out) or have not completed are not deployments: they are counted in `notDeployed`.
public struct GitHubActionsRuns: Sendable {
  /// Workflow names or paths whose successful runs are deployments.
  public var workflows: [String]
  /// The branch a deployment runs on; `nil`: the repository's default branch, else `main`.
  public var branch: String?
  public var environment: String
  public var service: String?

  public init(workflows: [String], branch: String? = nil, environment: String = "production", service: String? = nil) {
    self.workflows = workflows
    self.branch = branch
    self.environment = environment
    self.service = service
  }

  public struct Result: Sendable {
    public var deployments: [Deployment] = []
    /// Runs of the deploy workflows on the deploy branch that were not successful deployments, by
    /// conclusion (`failure`, `cancelled`) or status (`in_progress`) when not completed.
    public var notDeployed: [String: Int] = [:]
    /// Runs of other workflows or on other branches, not deployments by the rule.
    public var otherRuns = 0
  }

  /// Whether a run's workflow is one of the configured ones (by name, path or the path's file name).
  func isDeployWorkflow(name: String?, path: String?) -> Bool {
    // A run's path may carry the ref it ran from: `.github/workflows/deploy.yml@refs/heads/main`.
    let bare = path.map { String($0.split(separator: "@", maxSplits: 1).first ?? "") }
    let file = bare.map { String($0.split(separator: "/").last ?? "") }
    return workflows.contains { w in w == name || w == bare || w == file }
  }

  private enum Outcome {
    case deployment(Deployment)
    case notDeployed(String)
    case other
  }

  /// Reads workflow runs files; throws `IngestProblems` naming every bad record.
  public func read(_ files: [(name: String, bytes: [UInt8])]) throws -> Result {
    var problems = IngestProblems()
    var result = Result()
    for outcome in ProviderJSON.map(files, key: "workflow_runs", problems: &problems, { try classify($0) }) {
      switch outcome {
      case .deployment(let d): result.deployments.append(d)
      case .notDeployed(let why): result.notDeployed[why, default: 0] += 1
      case .other: result.otherRuns += 1
      }
    }
    if !problems.isEmpty { throw problems }
    return result
  }

  /// What one run is by the rule.
  private func classify(_ run: ProviderRecord) throws -> Outcome {
    let id = try run.required("id")
    let repository = try run.nested("repository")
    let deployBranch = try branch ?? repository?.text("default_branch") ?? "main"
    guard isDeployWorkflow(name: try run.text("name"), path: try run.text("path")), try run.text("head_branch") == deployBranch
    else { return .other }
    let status = try run.required("status")
    guard status == "completed" else { return .notDeployed(status) }
    let conclusion = try run.text("conclusion") ?? "no conclusion"
    guard conclusion == "success" else { return .notDeployed(conclusion) }
    guard let service = try service ?? repository?.text("name") else {
      throw run.fail("repository.name", "missing; expected it, or give --service")
    }
    return .deployment(
      Deployment(
        id: "github-actions:\(id)", service: service, environment: environment,
        finishedAt: try run.requiredTimestamp("updated_at"), status: .success, commits: [try run.required("head_sha")]))
  }
}
