import Foundation

/// The declarations a theme's CSS gives plain selectors (`section`, `h1`, `section.invert`), later rules winning.
///
/// Only what PowerPoint can use is read: top-level rules, their selector lists split at commas, and
/// `name: value` declarations; `var(--x)` is resolved against the custom properties of the same rules.
struct CSSRules: Sendable {
  private var declarations: [String: [String: String]] = [:]

  init(css: String) {
    let text = css.replacingOccurrences(of: #"/\*[\s\S]*?\*/"#, with: "", options: .regularExpression)
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      let selectorText = rest[..<open].split(separator: ";").last.map(String.init) ?? ""
      let body = rest[rest.index(after: open)..<close]
      rest = rest[rest.index(after: close)...]
      // Nested at-rules (@media { … { … } }) are skipped by reading from their inner block on: harmless here.
      let selectors = selectorText.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      for declaration in body.split(separator: ";") {
        let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.count == 2, !parts[0].isEmpty else { continue }
        let value = parts[1].replacingOccurrences(of: "!important", with: "").trimmingCharacters(in: .whitespaces)
        for selector in selectors where !selector.isEmpty { declarations[selector, default: [:]][parts[0].lowercased()] = value }
      }
    }
  }

  /// A property for the first selector that sets it, `var()` resolved through `scopes` (most specific first).
  func value(_ property: String, for selectors: [String], scopes: [String]) -> String? {
    guard let raw = selectors.lazy.compactMap({ declarations[$0]?[property] }).first else { return nil }
    return resolve(raw, scopes: scopes, depth: 0)
  }

  private func resolve(_ value: String, scopes: [String], depth: Int) -> String {
    guard depth < 8, let start = value.range(of: "var(") else { return value }
    guard let end = value[start.upperBound...].firstIndex(of: ")") else { return value }
    let inside = value[start.upperBound..<end].split(separator: ",", maxSplits: 1)
    let name = inside.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    let fallback = inside.count > 1 ? inside[1].trimmingCharacters(in: .whitespaces) : ""
    let found = scopes.lazy.compactMap { declarations[$0]?[name] }.first ?? fallback
    let replaced = value.replacingCharacters(in: start.lowerBound...end, with: found)
    return resolve(replaced, scopes: scopes, depth: depth + 1)
  }
}
