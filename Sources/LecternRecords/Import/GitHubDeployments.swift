import Foundation
import LecternDORA

/// Deployments from GitHub's REST API, saved as JSON: `GET /repos/{owner}/{repo}/deployments` (objects
/// with `id`, `sha`, `environment`, `created_at`, `repository_url`) and the statuses of each deployment,
/// `GET /repos/{owner}/{repo}/deployments/{id}/statuses` (objects with `state`, `created_at` and
/// `deployment_url` ending in the deployment's id).
///
/// A deployment finished at its latest final status (`success`, or `failure`/`error` as a failed
/// deployment); one with no final status yet (`pending`, `queued`, `in_progress`, `inactive` only) is not
/// a finished deployment and is counted in `unfinished`. It ships its `sha`. Its id is `github:<id>`; its
/// service is the repository's name unless one is given.
public struct GitHubDeployments: Sendable {
  public var service: String?

  public init(service: String? = nil) {
    self.service = service
  }

  public struct Result: Sendable {
    public var deployments: [Deployment] = []
    /// Deployment ids without a final status.
    public var unfinished: [String] = []
  }

  private struct Final {
    var id: String
    var state: Deployment.Status
    var at: Timestamp
  }

  /// Reads deployments files and statuses files (each a name and its bytes); throws `IngestProblems`
  /// naming every bad record.
  public func read(deployments: [(name: String, bytes: [UInt8])], statuses: [(name: String, bytes: [UInt8])]) throws -> Result {
    var problems = IngestProblems()
    var finals: [String: Final] = [:]
    let read = ProviderJSON.map(statuses, key: "statuses", problems: &problems) { status -> Final? in
      let url = try status.required("deployment_url")
      let state = try status.required("state").lowercased()
      let final: Deployment.Status? = state == "success" ? .success : (state == "failure" || state == "error") ? .failure : nil
      guard let final, let at = try status.timestamp("created_at") else { return nil }
      return Final(id: String(url.split(separator: "/").last ?? ""), state: final, at: at)
    }
    // The latest final status wins (a redeploy's success after an error).
    for f in read where finals[f.id].map({ $0.at <= f.at }) ?? true { finals[f.id] = f }
    var result = Result()
    let records = ProviderJSON.map(deployments, key: "deployments", problems: &problems) { d -> (String, Deployment?) in
      let id = try d.required("id")
      let repository = try d.text("repository_url")?.split(separator: "/").last.map(String.init)
      guard let service = service ?? repository else {
        throw d.fail("repository_url", "missing; expected it, or give --service")
      }
      let sha = try d.text("sha")
      let environment = try d.text("environment") ?? "production"
      guard let final = finals[id] else { return (id, nil) }
      return (
        id,
        Deployment(
          id: "github:\(id)", service: service, environment: environment, finishedAt: final.at, status: final.state,
          commits: sha.map { [$0] } ?? [])
      )
    }
    for (id, deployment) in records {
      if let deployment { result.deployments.append(deployment) } else { result.unfinished.append(id) }
    }
    if !problems.isEmpty { throw problems }
    return result
  }
}
