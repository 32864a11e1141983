import Foundation
import LecternCore
import Yams

/// markdownlint's rule names (`MD040`, `fenced-code-language`) mapped to the Lectern rules that stand for them, and
/// its configuration files (`.markdownlint.json`, `.markdownlint.yaml`), so repositories keep their settings.
public enum MarkdownlintNames {
  /// The Lectern ids for markdownlint names; `nil`: every rule with a markdownlint equivalent.
  public static func lecternIDs(for names: [String]?) -> [String] {
    var rules: [RuleDescription] = []
    for rule in LintRules.all where !rule.description.markdownlint.isEmpty { rules.append(rule.description) }
    guard let names else { return rules.map(\.id.rawValue) }
    let wanted = Set(names.map { $0.lowercased() })
    return rules.filter { $0.markdownlint.contains { wanted.contains($0.lowercased()) } }.map(\.id.rawValue)
  }

  static let fileNames = [".markdownlint.json", ".markdownlint.jsonc", ".markdownlint.yaml", ".markdownlint.yml"]

  /// The nearest markdownlint configuration in `directory` or above it.
  public static func find(from directory: URL) -> String? {
    var dir = directory.standardizedFileURL
    while true {
      for name in fileNames {
        let candidate = dir.appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
      }
      let parent = dir.deletingLastPathComponent()
      if parent.path == dir.path { return nil }
      dir = parent
    }
  }

  /// Rule switches from a markdownlint configuration: `"MD040": false`, `"no-alt-text": true`, `"default": false`.
  /// A rule given options (`"MD009": {"br_spaces": 2}`) is on. JSON is YAML, so one reader reads both (JSONC
  /// comments are removed first).
  public static func load(path: String, into config: inout LintConfiguration) throws {
    let raw: String
    do {
      raw = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ConfigurationError(path: path, line: nil, message: "cannot read: \(error.localizedDescription)")
    }
    let text = raw.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
      line.trimmed.hasPrefix("//") ? "" : line
    }.joined(separator: "\n")
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch {
      throw ConfigurationError(path: path, line: nil, message: "invalid markdownlint configuration: \(error)")
    }
    guard let map = node?.mapping else { return }
    var switches: [(String, Bool)] = []
    for (key, value) in map {
      guard let name = key.string else { continue }
      let on: Bool
      if let b = value.bool { on = b } else if value.mapping != nil { on = true } else { continue }
      switches.append((name, on))
    }
    // `default` first, then named rules.
    if let all = switches.first(where: { $0.0 == "default" }) {
      for id in lecternIDs(for: nil) { set(id, on: all.1, in: &config) }
    }
    for (name, on) in switches where name != "default" {
      for id in lecternIDs(for: [name]) { set(id, on: on, in: &config) }
    }
  }

  private static func set(_ id: String, on: Bool, in config: inout LintConfiguration) {
    if on {
      config.disabled.remove(id)
      config.enabled.insert(id)
    } else {
      config.disabled.insert(id)
      config.enabled.remove(id)
    }
  }
}
