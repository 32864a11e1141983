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
    var state: Deployment.Status
    var at: Timestamp
  }

  /// Reads deployments files and statuses files (each a name and its bytes).
  public func read(deployments: [(name: String, bytes: [UInt8])], statuses: [(name: String, bytes: [UInt8])]) throws -> Result {
    var finals: [String: Final] = [:]
    for (name, bytes) in statuses {
      let json = ProviderJSON(file: name)
      for (path, status) in try json.objects(bytes, key: "statuses") {
        let url = try json.required(status, "deployment_url", at: path)
        let id = String(url.split(separator: "/").last ?? "")
        let state = try json.required(status, "state", at: path).lowercased()
        let final: Deployment.Status? = state == "success" ? .success : (state == "failure" || state == "error") ? .failure : nil
        guard let final, let at = try json.timestamp(status, "created_at", at: path) else { continue }
        // The latest final status wins (a redeploy's success after an error).
        if let known = finals[id], known.at > at { continue }
        finals[id] = Final(state: final, at: at)
      }
    }
    var result = Result()
    for (name, bytes) in deployments {
      let json = ProviderJSON(file: name)
      for (path, d) in try json.objects(bytes, key: "deployments") {
        let id = try json.required(d, "id", at: path)
        let repository = try json.text(d, "repository_url", at: path)?.split(separator: "/").last.map(String.init)
        guard let service = service ?? repository else {
          throw IngestError(
            file: name, line: nil, field: "\(path).repository_url", message: "missing; expected it, or give --service")
        }
        guard let final = finals[id] else {
          result.unfinished.append(id)
          continue
        }
        let sha = try json.text(d, "sha", at: path)
        result.deployments.append(
          Deployment(
            id: "github:\(id)", service: service, environment: try json.text(d, "environment", at: path) ?? "production",
            finishedAt: final.at, status: final.state, commits: sha.map { [$0] } ?? []))
      }
    }
    return result
  }
}
