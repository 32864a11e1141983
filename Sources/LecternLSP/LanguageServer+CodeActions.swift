import LecternCore
import LecternLint

extension LanguageServer {
  /// Quick fixes for the findings in the requested range (each checked as `--fix` checks it), and "fix all",
  /// which applies what `lectern lint --fix` would to the whole document.
  func codeActions(_ p: LSP.CodeActionParams) throws -> [LSP.CodeAction] {
    guard let document = documents[p.textDocument.uri] else { throw notOpen(p.textDocument.uri) }
    let wants = { (kind: String) in
      p.context?.only.map { only in only.contains { kind == $0 || kind.hasPrefix($0 + ".") } } ?? true
    }
    let map = document.positions
    let applier = FixApplier(linter: document.linter)
    var actions: [LSP.CodeAction] = []
    if wants(Self.quickFixKind) {
      for d in document.diagnostics where d.fix != nil && map.range(d.range).touches(p.range) {
        guard let fix = d.fix, applier.acceptsAlone(d, in: document.source, diagnostics: document.diagnostics) else {
          continue
        }
        actions.append(
          LSP.CodeAction(
            title: "\(fix.summary) (\(d.code))", kind: Self.quickFixKind, diagnostics: [map.diagnostic(d)],
            isPreferred: true, edit: LSP.WorkspaceEdit(changes: [document.uri: map.edits(fix)])))
      }
    }
    if wants(Self.fixAllKind), document.diagnostics.contains(where: { $0.fix != nil }), let fixed = document.fixedText() {
      actions.append(
        LSP.CodeAction(
          title: "Fix all lectern problems (as lectern lint --fix)", kind: Self.fixAllKind, diagnostics: nil,
          isPreferred: nil, edit: LSP.WorkspaceEdit(changes: [document.uri: [map.edit(to: fixed)]])))
    }
    return actions
  }

  func notOpen(_ uri: String) -> LSP.ResponseError {
    LSP.ResponseError(
      code: LSP.ResponseError.invalidParams, message: "document '\(uri)' is not open; expected didOpen first")
  }
}
