import Foundation
import Yams

/// Reads one configuration file into a `ProjectConfiguration`, checking every key and value where it is written.
struct ConfigurationReader {
  var path: String
  /// Marp's file: camelCase keys, Marp's shapes (`html` and `pdfOutlines` may be mappings).
  var marp: Bool

  var folder: URL { URL(fileURLWithPath: path).deletingLastPathComponent() }

  func read(_ text: String) throws -> ProjectConfiguration {
    var config = ProjectConfiguration()
    config.path = path
    let node: Node?
    do {
      node = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw yamlError(error)
    }
    guard let node else { return config }
    guard let root = node.mapping else {
      throw failure(at: node, "expected a mapping of option names to values")
    }
    for (keyNode, valueNode) in root {
      let name = keyNode.string ?? ""
      if !marp, ConfigurationKeys.lint.contains(name) || ConfigurationKeys.metricsSettingNames.contains(name) { continue }
      if marp, ConfigurationKeys.marpWithoutEqual.contains(name) {
        config.warnings.append(warning(at: keyNode, "Marp option '\(name)' has no equal in lectern and is not used"))
        continue
      }
      guard let key = ConfigurationKeys.named(name, marp: marp) else {
        throw failure(
          at: keyNode, "unknown key '\(name)'; expected one of \(ConfigurationKeys.known(marp: marp).joined(separator: ", "))")
      }
      key.apply(&config, try value(of: valueNode, for: key))
    }
    return config
  }

  /// The node's value, checked against the key's kind; paths resolved against the file's folder.
  func value(of node: Node, for key: ConfigurationKey) throws -> ConfigurationValue {
    let name = marp ? key.marp ?? key.name : key.name
    switch key.kind {
    case .text:
      guard let s = node.scalar?.string else { throw failure(at: node, "expected '\(name)' to be text") }
      return .text(name == "theme" ? resolvedTheme(s) : s)
    case .path:
      guard let s = node.scalar?.string, !s.isEmpty else { throw failure(at: node, "expected '\(name)' to be a path") }
      return .text(resolved(s))
    case .paths:
      return .list(try words(node, name).map(resolved))
    case .words:
      return .list(try words(node, name))
    case .flag:
      // Marp lets `html` be an allow-list and `pdfOutlines` a mapping of what to outline: both mean on.
      if marp, node.mapping != nil, ["html", "pdfOutlines"].contains(name) { return .flag(true) }
      guard let b = node.bool else {
        throw failure(at: node, "expected '\(name)' to be true or false, not '\(node.string ?? "")'")
      }
      return .flag(b)
    case .number(let range):
      guard let n = node.float ?? node.int.map(Double.init), range.contains(n) else {
        throw failure(at: node, "expected '\(name)' to be a number from \(range.lowerBound) to \(range.upperBound)")
      }
      return .number(n)
    case .choice(let allowed):
      guard let s = node.scalar?.string, allowed.contains(s) else {
        throw failure(at: node, "expected '\(name)' to be one of \(allowed.joined(separator: ", ")), not '\(node.string ?? "")'")
      }
      return .text(s)
    case .choices(let allowed):
      let list = try words(node, name)
      if let bad = list.first(where: { !allowed.contains($0) }) {
        throw failure(at: node, "unknown format '\(bad)' in '\(name)'; expected \(allowed.joined(separator: ", "))")
      }
      return .list(list)
    }
  }

  private func words(_ node: Node, _ name: String) throws -> [String] {
    if let s = node.scalar?.string { return [s] }
    guard let items = node.sequence, items.allSatisfy({ $0.scalar != nil }) else {
      throw failure(at: node, "expected '\(name)' to be text or a list of text")
    }
    return items.compactMap { $0.scalar?.string }
  }

  /// A theme that names a CSS file is a path; a bare name is a theme name.
  private func resolvedTheme(_ s: String) -> String {
    s.hasSuffix(".css") || s.contains("/") ? resolved(s) : s
  }

  private func resolved(_ s: String) -> String {
    if s == "-" || s.hasPrefix("/") { return s }
    let full = folder.appendingPathComponent(s).standardizedFileURL.path
    return s.hasSuffix("/") ? full + "/" : full
  }

  func failure(at node: Node, _ message: String) -> ConfigurationFileError {
    ConfigurationFileError(path: path, line: node.mark?.line, column: node.mark?.column, message: message)
  }

  private func warning(at node: Node, _ message: String) -> String {
    "\(path):\(node.mark?.line ?? 1):\(node.mark?.column ?? 1): warning: \(message)"
  }

  private func yamlError(_ error: YamlError) -> ConfigurationFileError {
    switch error {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
      ConfigurationFileError(path: path, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
    default:
      ConfigurationFileError(path: path, line: nil, column: nil, message: "invalid YAML: \(error)")
    }
  }
}
