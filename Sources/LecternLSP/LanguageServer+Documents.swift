import LecternCore

extension LanguageServer {
  func didOpen(_ p: LSP.DidOpenParams) {
    var document = OpenDocument(uri: p.textDocument.uri, version: p.textDocument.version, text: p.textDocument.text)
    lintAndPublish(&document)
  }

  /// Full sync: each change carries the whole text. A client that sends ranges anyway is followed too.
  func didChange(_ p: LSP.DidChangeParams) {
    guard var document = documents[p.textDocument.uri] else {
      return log("lectern lsp: change to '\(p.textDocument.uri)', which is not open; expected didOpen first")
    }
    for change in p.contentChanges {
      if let range = change.range {
        let map = document.positions
        let edit = TextEdit(start: map.offset(of: range.start), end: map.offset(of: range.end), replacement: change.text)
        document.replaceText(document.source.applying([edit]).text, version: p.textDocument.version)
      } else {
        document.replaceText(change.text, version: p.textDocument.version)
      }
    }
    lintAndPublish(&document)
  }

  /// Saving reads the configuration again (and the text, when the client sends it).
  func didSave(_ p: LSP.DidSaveParams) {
    guard var document = documents[p.textDocument.uri] else { return }
    if let text = p.text { document.replaceText(text, version: nil) }
    lintAndPublish(&document)
  }

  /// A closed document's findings are withdrawn.
  func didClose(_ p: LSP.DidCloseParams) {
    documents[p.textDocument.uri] = nil
    notify(
      "textDocument/publishDiagnostics", LSP.PublishDiagnosticsParams(uri: p.textDocument.uri, version: nil, diagnostics: []))
  }

  private func lintAndPublish(_ document: inout OpenDocument) {
    document.lint()
    documents[document.uri] = document
    if let problem = document.configurationProblem, problem != shownConfigurationProblem {
      notify("window/showMessage", ShowMessage(type: 1, message: "lectern: \(problem); linting with the default rules"))
    }
    shownConfigurationProblem = document.configurationProblem
    let map = document.positions
    notify(
      "textDocument/publishDiagnostics",
      LSP.PublishDiagnosticsParams(
        uri: document.uri, version: document.version, diagnostics: document.diagnostics.map(map.diagnostic)))
  }

  private struct ShowMessage: Encodable {
    var type: Int
    var message: String
  }
}

extension PositionMap {
  /// The UTF-8 offset of a protocol position.
  func offset(of position: LSP.Position) -> Int { source.offset(of: location(position)) }
}
