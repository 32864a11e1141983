import LecternCore

extension FixApplier {
  /// Whether one finding's fix, applied alone to `source` (whose findings are `diagnostics`), passes the same
  /// check `--fix` makes: no word lost, no table lost, fewer findings of its kind. An editor offers only these.
  public func acceptsAlone(_ diagnostic: Diagnostic, in source: SourceFile, diagnostics: [Diagnostic]) -> Bool {
    guard let edits = diagnostic.fix?.edits, !edits.isEmpty else { return false }
    let fixed = SourceFile(path: source.path, text: source.applying(edits).text)
    return accepts([diagnostic], from: (source, diagnostics), to: (fixed, linter.lint(fixed)))
  }
}
