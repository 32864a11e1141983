import Foundation
import LecternTestSupport
import Testing

/// `lectern lsp` driven by a scripted client over real pipes: the built binary, framed JSON-RPC both ways.
@Suite(.serialized) struct LanguageServerTests {
  /// A deck whose third table row misses a cell, after an emoji and a CJK character on the same line.
  private let broken = """
    ---
    marp: true
    paginate: true
    ---

    # Café 😀

    | 名前 | Team | Role |
    |---|---|---|
    | 😀 表 |

    <!-- _class: lead -->
    """ + "\n"

  private func workspace(config: String? = "rules:\n  table-missing-cells: error\n") throws -> (URL, String) {
    let dir = TestPaths.temporaryDirectory()
    if let config { try config.write(to: dir.appendingPathComponent(".lectern.yml"), atomically: true, encoding: .utf8) }
    let file = dir.appendingPathComponent("talk deck.md")
    try broken.write(to: file, atomically: true, encoding: .utf8)
    return (dir, file.absoluteString)
  }

  private func started(_ dir: URL) throws -> LanguageServerClient {
    let client = try LanguageServerClient(in: dir)
    let initialize = try client.request(
      "initialize", ["processId": NSNull(), "rootUri": dir.absoluteString, "capabilities": [:]])
    let capabilities = (initialize["result"] as? [String: Any])?["capabilities"] as? [String: Any]
    #expect(capabilities?["hoverProvider"] as? Bool == true)
    #expect((capabilities?["textDocumentSync"] as? [String: Any])?["change"] as? Int == 1)
    try client.notify("initialized")
    return client
  }

  private func open(_ client: LanguageServerClient, _ uri: String, _ text: String) throws {
    try client.notify(
      "textDocument/didOpen", ["textDocument": ["uri": uri, "languageId": "markdown", "version": 1, "text": text]])
  }

  private func change(_ client: LanguageServerClient, _ uri: String, _ text: String, version: Int) throws {
    try client.notify(
      "textDocument/didChange",
      ["textDocument": ["uri": uri, "version": version], "contentChanges": [["text": text]]])
  }

  /// A diagnostic's range as [start line, start character, end line, end character].
  private static func range(_ d: [String: Any]) -> [Int] {
    let r = d["range"] as? [String: Any] ?? [:]
    let s = r["start"] as? [String: Any] ?? [:]
    let e = r["end"] as? [String: Any] ?? [:]
    return [s["line"], s["character"], e["line"], e["character"]].map { $0 as? Int ?? -1 }
  }

  @Test func diagnosticsFollowTheTextInUTF16AndTheNearestConfiguration() throws {
    let (dir, uri) = try workspace()
    let client = try started(dir)
    defer { client.stop() }
    try open(client, uri, broken)
    let first = try client.diagnostics(for: uri, version: 1)
    let missing = try #require(first.first { $0["code"] as? String == "table-missing-cells" })
    // `.lectern.yml` beside the file made it an error (1); `lectern lint` says warning without it.
    #expect(missing["severity"] as? Int == 1)
    #expect(missing["source"] as? String == "lectern")
    // Line 10 (0-based 9) is "| 😀 表 |": 7 scalars, 8 UTF-16 units (the emoji is a surrogate pair). The
    // finding points just after the row, so its character must count the emoji twice.
    let row = "| 😀 表 |"
    #expect(Self.range(missing).prefix(2) == [9, row.utf16.count])

    // The row gets its cells: that finding goes; a new problem elsewhere appears with the new version.
    let edited = broken.replacingOccurrences(of: "| 😀 表 |", with: "| 😀 表 | a | b |")
      .replacingOccurrences(of: "# Café 😀", with: "# Café 😀\n\n### Skipped a level")
    try change(client, uri, edited, version: 2)
    let second = try client.diagnostics(for: uri, version: 2)
    #expect(!second.contains { $0["code"] as? String == "table-missing-cells" })
    let heading = try #require(second.first { $0["code"] as? String == "heading-increment" })
    #expect(Self.range(heading).first == 7)

    // Closing withdraws the findings.
    try client.notify("textDocument/didClose", ["textDocument": ["uri": uri]])
    #expect(try client.diagnostics(for: uri).isEmpty)
    try client.request("shutdown")
    try client.notify("exit")
    #expect(client.waitForExit(closingInput: false) == 0)
  }

  @Test func quickFixAndFixAllApplyAndTheFindingsClear() throws {
    let (dir, uri) = try workspace(config: nil)
    let client = try started(dir)
    defer { client.stop() }
    let text = broken + "\nMetric\tHigh\tLow\nDeploys\tDaily\tMonthly\n"
    try open(client, uri, text)
    let diagnostics = try client.diagnostics(for: uri, version: 1)
    let missing = try #require(diagnostics.first { $0["code"] as? String == "table-missing-cells" })
    #expect(diagnostics.contains { $0["code"] as? String == "tab-separated-table" })

    // A quick fix for the finding under the cursor: its edit, applied as an editor does, clears it.
    let answer = try client.request(
      "textDocument/codeAction",
      ["textDocument": ["uri": uri], "range": missing["range"]!, "context": ["diagnostics": [missing]]])
    let actions = try #require(answer["result"] as? [[String: Any]])
    let quickFix = try #require(actions.first { $0["kind"] as? String == "quickfix" })
    #expect((quickFix["diagnostics"] as? [[String: Any]])?.first?["code"] as? String == "table-missing-cells")
    let edits = try #require(((quickFix["edit"] as? [String: Any])?["changes"] as? [String: Any])?[uri] as? [[String: Any]])
    let fixedOne = LSPEdits.apply(edits, to: text)
    #expect(fixedOne.contains("| 😀 表 |  |  |"))
    try change(client, uri, fixedOne, version: 2)
    let afterOne = try client.diagnostics(for: uri, version: 2)
    #expect(!afterOne.contains { $0["code"] as? String == "table-missing-cells" })
    #expect(afterOne.contains { $0["code"] as? String == "tab-separated-table" })

    // Fix all (as `lectern lint --fix`), asked for the way editors ask on save.
    let fixAll = try client.request(
      "textDocument/codeAction",
      [
        "textDocument": ["uri": uri], "range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 0]],
        "context": ["diagnostics": [], "only": ["source.fixAll"]],
      ])
    let all = try #require((fixAll["result"] as? [[String: Any]])?.first)
    #expect(all["kind"] as? String == "source.fixAll.lectern")
    let allEdits = try #require(((all["edit"] as? [String: Any])?["changes"] as? [String: Any])?[uri] as? [[String: Any]])
    let fixedAll = LSPEdits.apply(allEdits, to: fixedOne)
    #expect(fixedAll.contains("| Metric | High | Low |"))
    try change(client, uri, fixedAll, version: 3)
    let clean = try client.diagnostics(for: uri, version: 3)
    #expect(clean.isEmpty, "left: \(clean.map { $0["code"] ?? "" })")
    // The same text `lectern lint --fix` writes.
    let file = try #require(URL(string: uri))
    try text.write(to: file, atomically: true, encoding: .utf8)
    _ = try LecternBinary.run(["lint", "--fix", file.path])
    #expect(try String(contentsOf: file, encoding: .utf8) == fixedAll)
    try client.request("shutdown")
    try client.notify("exit")
    #expect(client.waitForExit(closingInput: false) == 0)
  }

  @Test func hoverExplainsADirectiveAndAnUnknownKey() throws {
    let (dir, uri) = try workspace(config: nil)
    let client = try started(dir)
    defer { client.stop() }
    let text = broken + "\n---\n\n<!-- BackgroundColr: white -->\n"
    try open(client, uri, text)
    _ = try client.diagnostics(for: uri, version: 1)
    func hover(_ line: Int, _ character: Int) throws -> String? {
      let answer = try client.request(
        "textDocument/hover", ["textDocument": ["uri": uri], "position": ["line": line, "character": character]])
      return ((answer["result"] as? [String: Any])?["contents"] as? [String: Any])?["value"] as? String
    }
    // `paginate: true` in front matter (line 3), on the value.
    let paginate = try #require(try hover(2, 11))
    #expect(paginate.contains("**`paginate`**: local directive"))
    #expect(paginate.contains("one of `true`, `false`, `skip`, `hold`"))
    // `_class` in a comment (line 12), on the key.
    let spot = try #require(try hover(11, 7))
    #expect(spot.contains("spot directive (this slide only)"))
    #expect(spot.contains("Written here: `lead`"))
    // An unknown key: what Marp does with it and what it probably meant.
    let unknown = try #require(try hover(15, 6))
    #expect(unknown.contains("not a directive Marp knows"))
    #expect(unknown.contains("`backgroundColor`"))
    // Plain text: nothing.
    #expect(try hover(5, 3) == nil)
    try client.request("shutdown")
    try client.notify("exit")
    #expect(client.waitForExit(closingInput: false) == 0)
  }

  @Test func protocolErrorsAndExitWithoutShutdown() throws {
    let dir = TestPaths.temporaryDirectory()
    let client = try LanguageServerClient(in: dir)
    defer { client.stop() }
    // Before initialize, requests are refused with ServerNotInitialized.
    let early = try client.request("textDocument/hover", [:])
    #expect((early["error"] as? [String: Any])?["code"] as? Int == -32002)
    _ = try client.request("initialize", ["capabilities": [:]])
    let unknown = try client.request("workspace/executeCommand", ["command": "x"])
    #expect((unknown["error"] as? [String: Any])?["code"] as? Int == -32601)
    let notOpen = try client.request(
      "textDocument/hover", ["textDocument": ["uri": "file:///nowhere.md"], "position": ["line": 0, "character": 0]])
    #expect(((notOpen["error"] as? [String: Any])?["message"] as? String)?.contains("'file:///nowhere.md' is not open") == true)
    // `exit` without `shutdown` is status 1, as the protocol says.
    try client.notify("exit")
    #expect(client.waitForExit(closingInput: false) == 1)
  }

  @Test func aBrokenHeaderStopsTheServerWithAClearMessage() throws {
    let client = try LanguageServerClient(in: TestPaths.temporaryDirectory())
    defer { client.stop() }
    client.writeRaw(Data("Content-Type: application/json\r\n\r\n{}".utf8))
    #expect(client.waitForExit() == 1)
    for _ in 0..<100 where !client.standardError.contains("\n") { Thread.sleep(forTimeInterval: 0.02) }
    #expect(client.standardError.contains("has no Content-Length"))
  }
}
