import Foundation
import LecternCore
import LecternTestSupport
import Testing

@Suite struct OutputSinkTests {
  @Test func writesAtomicallyAndKeepsTheReplacedFilesPermissions() throws {
    let dir = TestPaths.temporaryDirectory()
    let target = dir.appendingPathComponent("deck.md").path
    try "old".write(toFile: target, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target)
    try OutputSink.write("new", to: target)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
    let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
    #expect(mode == 0o640)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty, "no temporary file is left behind")
  }

  @Test func aDiscardedOutputLeavesTheOldFileUntouched() throws {
    let dir = TestPaths.temporaryDirectory()
    let target = dir.appendingPathComponent("report.html").path
    try "kept".write(toFile: target, atomically: false, encoding: .utf8)
    let sink = try OutputSink(path: target)
    sink.write(Array("half".utf8)[...])
    sink.discard()
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "kept")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.html"])
  }

  @Test func anUnwritableFolderIsAnOutputErrorNamingThePath() throws {
    #expect(throws: OutputError.self) { try OutputSink.write("x", to: "/proc/lectern-cannot-write/out.html") }
  }
}

@Suite struct InputFilesTests {
  @Test func directoriesExpandToTheirMarkdownFilesSkippingHiddenFolders() throws {
    let dir = TestPaths.temporaryDirectory()
    let fm = FileManager.default
    try fm.createDirectory(at: dir.appendingPathComponent("talks/.drafts"), withIntermediateDirectories: true)
    for name in ["talks/b.md", "talks/a.markdown", "talks/.drafts/c.md", "talks/notes.txt"] {
      try "x".write(to: dir.appendingPathComponent(name), atomically: false, encoding: .utf8)
    }
    let files = try InputFiles.expand([dir.appendingPathComponent("talks").path])
    #expect(files.map { ($0 as NSString).lastPathComponent } == ["a.markdown", "b.md"])
  }

  @Test func aMissingFileAndAnEmptyGlobAreErrorsNamingThem() throws {
    #expect(throws: InputFiles.ExpansionError.missing("/no/such/deck.md")) { try InputFiles.expand(["/no/such/deck.md"]) }
    #expect(throws: InputFiles.ExpansionError.noMatch("/no/such/*.md")) { try InputFiles.expand(["/no/such/*.md"]) }
  }
}

@Suite struct DiagnosticTests {
  @Test func registeredCodesAreFoundByNameAndUnknownOnesAreMarked() {
    #expect(DiagnosticCode.named("unknown-directive") == .unknownDirective)
    #expect(DiagnosticCode.named("unknown-directive")?.producer == .deckReader)
    let unknown: DiagnosticCode = "no-such-code"
    #expect(unknown.producer == .unregistered)
    #expect(DiagnosticCode.named("no-such-code") == nil)
  }

  @Test func formattedDiagnosticsReadAsFileLineColumn() {
    let d = Diagnostic(
      .warning, "theme 'x' is not available", path: "deck.md", range: SourceRange(line: 3, column: 1, endLine: 3, endColumn: 5),
      code: .unknownTheme)
    #expect(d.formatted == "deck.md:3:1: warning: theme 'x' is not available [unknown-theme]")
  }
}

@Suite struct SourceFileTests {
  @Test func locationsCountCharactersNotBytes() {
    let source = SourceFile(path: "x.md", text: "é🙂|a\nsecond\n")
    #expect(source.lineCount >= 2)
    #expect(source.line(2) == "second")
    let offset = source.offset(of: SourceLocation(line: 1, column: 3))  // after "é🙂"
    #expect(source.bytes[offset] == UInt8(ascii: "|"))
    #expect(source.location(atOffset: offset) == SourceLocation(line: 1, column: 3))
  }
}
