import Foundation
import LecternCore
import LecternTemplates
import LecternTestSupport
import Mustache
import Testing

@Suite struct TemplateLibraryTests {
  @Test(arguments: Array(TemplateCatalog.templateNames).sorted())
  func everyBuiltInTemplateParses(_ name: String) throws {
    let text = try #require(TemplateCatalog.text(name))
    _ = try MustacheTemplate(string: text)
  }

  @Test func aFolderReplacesTemplatesAndAssetsByName() throws {
    let dir = TestPaths.temporaryDirectory()
    try "<p>{{greeting}}</p>".write(to: dir.appendingPathComponent("report.html.mustache"), atomically: true, encoding: .utf8)
    try "body{}".write(to: dir.appendingPathComponent("report.css"), atomically: true, encoding: .utf8)
    let library = try TemplateLibrary(overlaying: dir.path)
    #expect(library.render(["greeting": "hi <b>"], template: "report.html") == "<p>hi &lt;b&gt;</p>")
    #expect(library.asset("report.css") == "body{}")
    #expect(library.render([:] as [String: String], template: "deck.html").contains("<!DOCTYPE html>"), "others stay")
  }

  @Test func aBrokenTemplateIsReportedWithItsFileBeforeAnyRendering() throws {
    let dir = TestPaths.temporaryDirectory()
    let file = dir.appendingPathComponent("deck.html.mustache")
    try "{{#open}} never closed".write(to: file, atomically: true, encoding: .utf8)
    #expect {
      try TemplateLibrary(overlaying: dir.path)
    } throws: { error in
      guard case TemplateLibrary.LoadError.invalid(let path, _) = error else { return false }
      return path == file.path
    }
  }
}

@Suite struct TemplateLibraryConcurrencyTests {
  /// Threads asking for a template at once share one parse (it happens under the library's lock) and all
  /// render the same text.
  @Test func templatesAskedForAtOnceRenderAlike() throws {
    let library = TemplateLibrary()
    let pages = try (0..<8).concurrentMap { _ in
      library.render(["title": "Deck"], template: "deck.html")
    }
    #expect(Set(pages).count == 1)
    #expect(pages[0].contains("<!DOCTYPE html>"))
  }
}
