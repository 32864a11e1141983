/// Which `environment` names count as production: `production`, `prod` and `prd` in any letter case,
/// plus the aliases a team configures (`live=production`). Records keep the name as written; only the
/// metrics read it through this map.
public struct ProductionEnvironments: Sendable, Hashable {
  /// Lowercased names that count as production.
  public private(set) var names: Set<String>

  public static let builtIn: Set<String> = ["production", "prod", "prd"]

  /// The built-in names plus every alias whose target is a production name (`live` for `live=production`).
  public init(aliases: [String: String] = [:]) {
    names = Self.builtIn
    for (alias, target) in aliases where Self.builtIn.contains(target.lowercased()) {
      names.insert(alias.lowercased())
    }
  }

  public static let `default` = ProductionEnvironments()

  public func contains(_ environment: String) -> Bool { names.contains(environment.lowercased()) }

  /// Parses `live=production, main=prod` (or `live` alone, meaning production) into an alias map.
  public static func aliases(from text: String) throws -> [String: String] {
    var map: [String: String] = [:]
    for item in text.split(separator: ",") {
      let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
        String($0.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
      }
      guard let alias = parts.first, !alias.isEmpty else { continue }
      let target = parts.count > 1 ? parts[1] : "production"
      guard !target.isEmpty else { throw InvalidAlias(text: String(item)) }
      map[alias] = target
    }
    return map
  }

  public struct InvalidAlias: Error, CustomStringConvertible, Sendable {
    public var text: String
    public var description: String {
      "environment alias '\(text)' has no target; expected NAME=production (for example live=production)"
    }
  }
}
