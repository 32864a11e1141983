/// What Lectern says about itself, in one place: `--version`, SARIF's tool driver, the language server's
/// `serverInfo` and the .deb's version (the Makefile's `VERSION`, checked by a test) all read it.
public enum LecternInfo {
  public static let version = "0.1.0"
  /// The project's home, where its README and docs/ are published.
  public static let homepage = "https://github.com/lectern/lectern"
  /// The lint rule reference (docs/lint.md, section "Rules").
  public static let lintRulesDocumentation = homepage + "/blob/main/docs/lint.md#rules"
}
