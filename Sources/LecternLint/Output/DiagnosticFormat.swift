import Foundation
import LecternCore

/// The output formats of `lectern lint`, one stateless formatter each.
public enum DiagnosticFormat: String, CaseIterable, Sendable {
  case text
  case json
  case sarif
  case github

  /// Formats every file's diagnostics. `sources` gives the text for source-line excerpts.
  public func format(_ diagnostics: [Diagnostic], sources: [String: SourceFile], color: Bool) -> String {
    switch self {
    case .text: TextFormatter(color: color).format(diagnostics, sources: sources)
    case .json: JSONFormatter.format(diagnostics)
    case .sarif: SARIFFormatter.format(diagnostics)
    case .github: GitHubFormatter.format(diagnostics)
    }
  }
}

/// `file:line:col: severity: message [rule]`, the source line and a caret.
struct TextFormatter {
  var color: Bool

  private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

  func format(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) -> String {
    var out = ""
    for d in diagnostics {
      let position = d.range.map { ":\($0.start.line):\($0.start.column)" } ?? ""
      let severity: String
      switch d.severity {
      case .error: severity = paint("error", "1;31")
      case .warning: severity = paint("warning", "1;33")
      case .note: severity = paint("note", "1;36")
      }
      out += paint("\(d.path)\(position):", "1") + " \(severity): \(d.message) " + paint("[\(d.code)]", "2") + "\n"
      if let r = d.range, let line = sources[d.path]?.line(r.start.line) {
        let text = String(line).replacingOccurrences(of: "\t", with: " ")
        out += "  \(text)\n"
        let width = r.end.line == r.start.line ? max(1, r.end.column - r.start.column + 1) : 1
        out +=
          "  " + String(repeating: " ", count: max(0, r.start.column - 1))
          + paint("^" + String(repeating: "~", count: min(width, 80) - 1), "1;32") + "\n"
      }
    }
    return out
  }
}

enum JSONFormatter {
  static func format(_ diagnostics: [Diagnostic]) -> String {
    let items: [[String: Any]] = diagnostics.map { d in
      var item: [String: Any] = [
        "path": d.path, "severity": d.severity.rawValue, "rule": d.code, "message": d.message, "fixable": d.fix != nil,
      ]
      if let r = d.range {
        item["line"] = r.start.line
        item["column"] = r.start.column
        item["endLine"] = r.end.line
        item["endColumn"] = r.end.column
      }
      return item
    }
    let data = (try? JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}

/// SARIF 2.1.0, as GitHub code scanning accepts it.
enum SARIFFormatter {
  static func format(_ diagnostics: [Diagnostic]) -> String {
    let rules: [[String: Any]] = LintRules.all.map { rule in
      let d = rule.description
      return [
        "id": d.id, "name": d.id, "shortDescription": ["text": d.summary], "fullDescription": ["text": d.rationale],
        "defaultConfiguration": ["level": level(d.severity)],
      ]
    }
    let results: [[String: Any]] = diagnostics.map { d in
      var region: [String: Any] = [:]
      if let r = d.range {
        region = ["startLine": r.start.line, "startColumn": r.start.column, "endLine": r.end.line, "endColumn": r.end.column + 1]
      }
      var location: [String: Any] = ["artifactLocation": ["uri": d.path]]
      if !region.isEmpty { location["region"] = region }
      var result: [String: Any] = [
        "ruleId": d.code, "level": level(d.severity), "message": ["text": d.message],
        "locations": [["physicalLocation": location]],
      ]
      if let index = LintRules.all.firstIndex(where: { $0.description.id == d.code }) { result["ruleIndex"] = index }
      return result
    }
    let log: [String: Any] = [
      "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
      "version": "2.1.0",
      "runs": [
        [
          "tool": [
            "driver": [
              "name": "lectern", "informationUri": "https://github.com/lectern/lectern", "version": "0.1.0", "rules": rules,
            ]
          ],
          "results": results,
        ] as [String: Any]
      ],
    ]
    let data = (try? JSONSerialization.data(withJSONObject: log, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    return String(decoding: data, as: UTF8.self) + "\n"
  }

  private static func level(_ s: Severity) -> String {
    switch s {
    case .error: "error"
    case .warning: "warning"
    case .note: "note"
    }
  }
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`.
enum GitHubFormatter {
  static func format(_ diagnostics: [Diagnostic]) -> String {
    var out = ""
    for d in diagnostics {
      let command: String
      switch d.severity {
      case .error: command = "error"
      case .warning: command = "warning"
      case .note: command = "notice"
      }
      var properties = "file=\(escapeProperty(d.path))"
      if let r = d.range {
        properties += ",line=\(r.start.line),col=\(r.start.column),endLine=\(r.end.line),endColumn=\(r.end.column)"
      }
      properties += ",title=\(escapeProperty("lectern \(d.code)"))"
      out += "::\(command) \(properties)::\(escapeData(d.message))\n"
    }
    return out
  }

  private static func escapeData(_ s: String) -> String {
    s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(
      of: "\n", with: "%0A")
  }

  private static func escapeProperty(_ s: String) -> String {
    escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
