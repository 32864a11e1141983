import Foundation
import LecternConfig
import LecternDORA
import Yams

/// A team's metrics settings, checked in beside its store: `.lectern/metrics.yml` (or `--config FILE`).
///
/// ```yaml
/// production_aliases:      # environment names that count as production
///   live: production
/// teams:                   # for --by team
///   storefront: [checkout-api, web]
///   discovery: [search]
/// infer_causes: 24h        # link incidents without caused_by to the deployment before them
/// ```
///
/// The same keys (snake or kebab case) may instead sit in the project's `lectern.yml`, the one file that also holds
/// build and lint options; `.lectern/metrics.yml` wins when both exist.
///
/// Command-line options add to it (`--team`, `--production-alias`) or replace it (`--infer-causes`).
struct MetricsConfiguration {
  var productionAliases: [String: String] = [:]
  var teams: [(name: String, services: [String])] = []
  /// Seconds; `nil`: no inference.
  var inferCauses: Double?
  var path: String?

  /// The file's settings; errors name the file, the line and what was expected.
  struct Invalid: Error, CustomStringConvertible {
    var path: String
    var line: Int?
    var message: String
    var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): error: \(message)" }
  }

  /// The default location, relative to the current folder.
  static let defaultPath = ".lectern/metrics.yml"

  /// `--config PATH` (which must exist), else the default file when there is one, else nothing.
  static func load(explicit: String?) throws -> MetricsConfiguration {
    if explicit == nil, !FileManager.default.fileExists(atPath: defaultPath),
      let project = ConfigurationFiles.find(
        from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), names: ConfigurationFiles.lecternNames)
    {
      return try load(path: project, onlyMetricsKeys: true)
    }
    guard let path = explicit ?? (FileManager.default.fileExists(atPath: defaultPath) ? defaultPath : nil) else {
      return MetricsConfiguration()
    }
    return try load(path: path, onlyMetricsKeys: false)
  }

  /// Reads `path`; a project file (`onlyMetricsKeys`) holds other options too, which are checked elsewhere.
  private static func load(path: String, onlyMetricsKeys: Bool) throws -> MetricsConfiguration {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw Invalid(path: path, line: nil, message: "cannot read the metrics configuration")
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch {
      throw Invalid(path: path, line: nil, message: "invalid YAML: \(error)")
    }
    var config = MetricsConfiguration()
    config.path = path
    guard let root else { return config }
    guard let mapping = root.mapping else {
      throw Invalid(path: path, line: line(root), message: "expected a mapping of production_aliases, teams, infer_causes")
    }
    for (key, value) in mapping {
      let name = (key.string ?? "").replacingOccurrences(of: "-", with: "_")
      if onlyMetricsKeys, !ConfigurationFiles.metricsSettings.contains(name) { continue }
      try config.apply(name, value, path: path, line: line(key))
    }
    return config
  }

  private static func line(_ node: Node) -> Int? { node.mark.map { $0.line } }

  private mutating func apply(_ key: String, _ value: Node, path: String, line: Int?) throws {
    func fail(_ message: String, _ node: Node? = nil) -> Invalid {
      Invalid(path: path, line: node.flatMap(Self.line) ?? line, message: message)
    }
    switch key {
    case "production_aliases":
      guard let map = value.mapping else {
        throw fail("expected 'production_aliases' to map names to production (live: production)", value)
      }
      for (alias, target) in map {
        guard let a = alias.string, let t = target.string, !t.isEmpty else {
          throw fail("expected 'NAME: production' in production_aliases", alias)
        }
        productionAliases[a] = t
      }
    case "teams":
      guard let map = value.mapping else { throw fail("expected 'teams' to map team names to lists of services", value) }
      for (team, services) in map {
        let list = services.sequence?.compactMap(\.string) ?? services.string.map { [$0] } ?? []
        guard let name = team.string, !list.isEmpty, list.count == (services.sequence?.count ?? 1) else {
          throw fail("team '\(team.string ?? "")' has no list of services; expected 'TEAM: [service, …]'", team)
        }
        teams.append((name, list))
      }
    case "infer_causes":
      guard let text = value.string, let days = parseWindowLength(text) else {
        throw fail("'\(value.string ?? "")' is not a length for infer_causes; expected a form like 24h or 2d", value)
      }
      inferCauses = days * 86_400
    default:
      throw fail("unknown key '\(key)'; expected production_aliases, teams or infer_causes")
    }
  }
}
