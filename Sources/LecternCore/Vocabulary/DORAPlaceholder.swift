/// The `{{dora.…}}` placeholders decks and postmortems may use, filled in with live metrics.
public enum DORAPlaceholder {
  static let metricKeys: [(String, DORAMetric)] = [
    ("deployment_frequency", .deploymentFrequency), ("lead_time", .leadTime), ("change_failure_rate", .changeFailureRate),
    ("time_to_restore", .timeToRestore),
  ]

  /// Every name (without the braces): `dora.<metric>` with `.value`, `.tier` and, for durations, `.p90`;
  /// `dora.window`, `dora.as_of`, `dora.service`.
  public static let known: Set<String> = {
    var names: Set<String> = ["dora.window", "dora.as_of", "dora.service"]
    for (key, metric) in metricKeys {
      names.insert("dora.\(key)")
      names.insert("dora.\(key).value")
      names.insert("dora.\(key).tier")
      if metric == .leadTime || metric == .timeToRestore { names.insert("dora.\(key).p90") }
    }
    return names
  }()

  /// The metric a placeholder name refers to, if any.
  public static func metric(of name: String) -> DORAMetric? {
    let parts = name.split(separator: ".")
    guard parts.count >= 2 else { return nil }
    return metricKeys.first { $0.0 == parts[1] }?.1
  }

  /// `{{ dora.x }}` occurrences in a line: (byte offset of `{{`, byte length, trimmed name).
  public static func occurrences(in line: Substring) -> [(offset: Int, length: Int, name: String)] {
    let bytes = Array(line.utf8)
    var found: [(Int, Int, String)] = []
    var i = 0
    while i + 1 < bytes.count {
      guard bytes[i] == 0x7B, bytes[i + 1] == 0x7B else {
        i += 1
        continue
      }
      var j = i + 2
      while j + 1 < bytes.count, !(bytes[j] == 0x7D && bytes[j + 1] == 0x7D) { j += 1 }
      guard j + 1 < bytes.count else { break }
      let name = String(decoding: bytes[(i + 2)..<j], as: UTF8.self).filter { $0 != " " }
      if name.hasPrefix("dora.") || name == "dora" { found.append((i, j + 2 - i, name)) }
      i = j + 2
    }
    return found
  }
}
