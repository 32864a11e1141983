import Foundation
import LecternConfig
import LecternCore
import Yams

/// Which rules run, at what severity, with which options: from `.lectern.yml`.
///
/// ```yaml
/// rules:
///   table-pipe-style: off
///   table-empty-header: error
///   table-too-large:
///     severity: warning
///     max-columns: 6
/// ```
public struct LintConfiguration: Sendable {
  public var disabled: Set<String> = []
  /// Rules that are off by default and turned on (`trailing-spaces: on`).
  public var enabled: Set<String> = []
  public var severities: [String: Severity] = [:]
  public var options: [String: RuleOptions] = [:]
  /// Where it was read from, if anywhere.
  public var path: String?
  /// Globs of files to skip when walking folders, relative to the configuration file's folder (`**/` matches zero or
  /// more folders): `exclude: [drafts/**, "**/vendor/*.md"]`.
  public var exclude: [String] = []

  public init() {}

  /// Reads a configuration file; errors name the file, line and what was expected.
  public static func load(path: String) throws -> LintConfiguration {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ConfigurationError(path: path, line: nil, message: "cannot read: \(error.localizedDescription)")
    }
    var config = LintConfiguration()
    config.path = path
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      if case .scanner(_, let problem, let mark, _) = error {
        throw ConfigurationError(path: path, line: mark.line, message: "invalid YAML: \(problem)")
      }
      if case .parser(_, let problem, let mark, _) = error {
        throw ConfigurationError(path: path, line: mark.line, message: "invalid YAML: \(problem)")
      }
      throw ConfigurationError(path: path, line: nil, message: "invalid YAML: \(error)")
    }
    guard let node else { return config }
    guard let root = node.mapping else {
      throw ConfigurationError(path: path, line: node.mark?.line, message: "expected a mapping with a 'rules' key")
    }
    for (key, value) in root {
      if key.string == "exclude" {
        guard let list = value.sequence, list.allSatisfy({ $0.string != nil }) else {
          throw ConfigurationError(path: path, line: value.mark?.line, message: "expected 'exclude' to be a list of globs")
        }
        config.exclude = list.compactMap(\.string)
        continue
      }
      // Build and metrics options share the file (`lectern build` checks them).
      if ProjectConfiguration.buildKeys.contains(key.string ?? "") { continue }
      guard key.string == "rules" else {
        throw ConfigurationError(
          path: path, line: key.mark?.line,
          message: "unknown key '\(key.string ?? "")'; expected 'rules', 'exclude' or a build option")
      }
      guard let rules = value.mapping else {
        throw ConfigurationError(path: path, line: value.mark?.line, message: "expected 'rules' to map rule ids to settings")
      }
      for (ruleKey, setting) in rules {
        let id = ruleKey.string ?? ""
        guard LintRules.rule(id: id) != nil else {
          let known = LintRules.all.flatMap { $0.description.codes.map(\.rawValue) }.joined(separator: ", ")
          throw ConfigurationError(
            path: path, line: ruleKey.mark?.line, message: "unknown rule '\(id)'; expected one of \(known)")
        }
        if let word = setting.string {
          try config.apply(word, to: id, path: path, line: setting.mark?.line)
        } else if let map = setting.mapping {
          var values: [String: String] = [:]
          for (k, v) in map {
            let name = k.string ?? ""
            if name == "severity" || name == "enabled" {
              try config.apply(v.string ?? "", to: id, path: path, line: v.mark?.line)
            } else {
              values[name] = v.string ?? ""
            }
          }
          config.options[id] = RuleOptions(values)
        } else {
          throw ConfigurationError(
            path: path, line: setting.mark?.line, message: "expected 'off', a severity or a mapping for rule '\(id)'")
        }
      }
    }
    return config
  }

  private mutating func apply(_ word: String, to id: String, path: String, line: Int?) throws {
    switch word.lowercased() {
    case "off", "false", "disabled":
      disabled.insert(id)
      enabled.remove(id)
    case "on", "true", "enabled":
      disabled.remove(id)
      enabled.insert(id)
    default:
      guard let severity = Severity(rawValue: word.lowercased()) else {
        throw ConfigurationError(
          path: path, line: line, message: "unknown setting '\(word)' for '\(id)'; expected off, on, note, warning or error")
      }
      severities[id] = severity
      enabled.insert(id)
    }
  }

  /// This configuration with `other`'s settings on top (a `.lectern.yml` over a markdownlint file).
  public func overridden(by other: LintConfiguration) -> LintConfiguration {
    var merged = self
    merged.disabled.subtract(other.enabled)
    merged.disabled.formUnion(other.disabled)
    merged.enabled.subtract(other.disabled)
    merged.enabled.formUnion(other.enabled)
    merged.severities.merge(other.severities) { _, new in new }
    merged.options.merge(other.options) { _, new in new }
    merged.path = other.path ?? path
    merged.exclude = other.exclude.isEmpty ? exclude : other.exclude
    return merged
  }

  /// The nearest `lectern.yml` or `.lectern.yml` in `directory` or above it.
  public static func find(from directory: URL) -> String? {
    var dir = directory.standardizedFileURL
    while true {
      for name in ConfigurationFiles.lecternNames {
        let candidate = dir.appendingPathComponent(name).path
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
      }
      let parent = dir.deletingLastPathComponent()
      if parent.path == dir.path { return nil }
      dir = parent
    }
  }
}

/// A configuration file Lectern cannot use.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
  public var path: String
  public var line: Int?
  public var message: String
  public var description: String { "\(path)\(line.map { ":\($0)" } ?? ""): error: \(message)" }
}
