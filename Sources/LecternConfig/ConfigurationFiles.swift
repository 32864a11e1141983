import Foundation

/// The names a project's configuration file may have, nearest folder first, Lectern's own before Marp's.
public enum ConfigurationFiles {
  /// Lectern's names (build and lint options).
  public static let lecternNames = ["lectern.yml", "lectern.yaml", ".lectern.yml", ".lectern.yaml"]
  /// Marp CLI's YAML and JSON names (its JavaScript configurations are not read).
  public static let marpNames = [
    ".marprc", ".marprc.yml", ".marprc.yaml", ".marprc.json", "marp.config.json", "marp.config.yml", "marp.config.yaml",
  ]

  /// The nearest configuration file in `directory` or above it; in one folder Lectern's names win over Marp's.
  public static func find(from directory: URL, names: [String] = lecternNames + marpNames) -> String? {
    var dir = directory.standardizedFileURL
    while true {
      for name in names {
        let candidate = dir.appendingPathComponent(name).path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue {
          return candidate
        }
      }
      let parent = dir.deletingLastPathComponent()
      if parent.path == dir.path { return nil }
      dir = parent
    }
  }

  /// The metrics settings (production aliases, teams, inferred causes) a Lectern file may hold, read by the metrics
  /// commands from it or from `.lectern/metrics.yml`; accepted in snake or kebab case.
  public static let metricsSettings = ["production_aliases", "teams", "infer_causes"]

  /// Whether `path` is one of Marp's files (camelCase keys) rather than Lectern's (kebab-case keys).
  public static func isMarp(_ path: String) -> Bool {
    let name = (path as NSString).lastPathComponent
    return name.hasPrefix(".marprc") || name.hasPrefix("marp.config.")
  }
}
