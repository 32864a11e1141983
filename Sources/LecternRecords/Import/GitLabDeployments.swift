import Foundation
import LecternDORA

/// Deployments from GitLab's REST API `GET /projects/:id/deployments`, saved as JSON (an array per page;
/// pages one after another or as JSON Lines work too).
///
/// Each deployment has `id`, `sha`, `status`, `environment.name`, `created_at`, `updated_at`, and its
/// job in `deployable` (with the job's `finished_at`). `success` is a successful deployment and `failed`
/// a failed one; `created`, `running`, `blocked`, `canceled` and `skipped` deployments did not finish and
/// are counted in `notFinished`. A deployment finished at its `finished_at` (GitLab 15+), else its job's
/// `deployable.finished_at`, else its `updated_at`. It ships `sha`, keeps its environment's name as
/// written, and its id is `gitlab:<id>`. GitLab's response does not name the project, so the service is
/// given.
public struct GitLabDeployments: Sendable {
  public var service: String

  public init(service: String) {
    self.service = service
  }

  public struct Result: Sendable {
    public var deployments: [Deployment] = []
    /// Deployments that did not finish, by status (`running`, `canceled`, …).
    public var notFinished: [String: Int] = [:]
  }

  /// Reads deployments files; throws `IngestProblems` naming every bad record.
  public func read(_ files: [(name: String, bytes: [UInt8])]) throws -> Result {
    var problems = IngestProblems()
    var result = Result()
    let read = ProviderJSON.map(files, key: nil, problems: &problems) { d -> Result in
      var one = Result()
      let id = try d.required("id")
      let state = try d.required("status").lowercased()
      let status: Deployment.Status? = state == "success" ? .success : state == "failed" ? .failure : nil
      let environment = try d.nested("environment")?.required("name")
      let finished =
        try d.timestamp("finished_at") ?? d.nested("deployable")?.timestamp("finished_at") ?? d.timestamp("updated_at")
      guard let status else {
        one.notFinished[state] = 1
        return one
      }
      guard let environment else { throw d.fail("environment", "missing; expected the environment deployed to") }
      guard let finished else { throw d.fail("finished_at", "missing; expected when the deployment finished") }
      one.deployments.append(
        Deployment(
          id: "gitlab:\(id)", service: service, environment: environment, finishedAt: finished, status: status,
          commits: try d.text("sha").map { [$0] } ?? []))
      return one
    }
    for one in read {
      result.deployments += one.deployments
      result.notFinished.merge(one.notFinished, uniquingKeysWith: +)
    }
    if !problems.isEmpty { throw problems }
    return result
  }
}
