import Foundation
import LecternCore
import LecternDeck
import LecternTestSupport
import Testing

@testable import LecternExport

/// Highlighted code in the pptx: each token in the theme's colour for its role, comments italic, lines kept.
@Suite struct CodeColourTests {
  static let deckText = "---\nmarp: true\n---\n\n# Code\n\n```swift\nlet x = 1 // one\nreturn x\n```\n"
  static let code = "let x = 1 // one\nreturn x\n"

  private func slide(tokens: [String: [CodeToken]], css: String = "") throws -> String {
    let deck = Deck(source: .inline(Self.deckText, path: "code.md"))
    var options = PowerPointOptions(themeCSS: css)
    options.codeTokens = tokens
    return try PackageReading(try PowerPointWriter.write(deck, options: options).data).text("ppt/slides/slide1.xml")
  }

  private var tokens: [String: [CodeToken]] {
    [
      CodeToken.key(language: "swift", code: Self.code): [
        CodeToken(text: "let", kind: "keyword"), CodeToken(text: " x = ", kind: nil), CodeToken(text: "1", kind: "number"),
        CodeToken(text: " ", kind: nil), CodeToken(text: "// one", kind: "comment"), CodeToken(text: "\n", kind: nil),
        CodeToken(text: "return", kind: "keyword"), CodeToken(text: " x\n", kind: nil),
      ]
    ]
  }

  @Test func tokensTakeTheDefaultColoursAndLinesStayLines() throws {
    let xml = try slide(tokens: tokens)
    #expect(xml.contains("<a:srgbClr val=\"CF222E\"/></a:solidFill><a:latin typeface=\"Courier New\"/></a:rPr><a:t>let</a:t>"))
    #expect(xml.contains("<a:srgbClr val=\"0550AE\"/></a:solidFill><a:latin typeface=\"Courier New\"/></a:rPr><a:t>1</a:t>"))
    #expect(xml.contains("i=\"1\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"6E7781\"/>"), "comments are italic and grey")
    #expect(xml.components(separatedBy: "<a:t>return</a:t>").count == 2)
    let codeBox = try #require(xml.range(of: "name=\"Code ")).lowerBound
    #expect(xml[codeBox...].components(separatedBy: "<a:p>").count - 1 == 2, "two code lines, no empty trailing line")
  }

  @Test func theThemesCustomPropertiesWin() throws {
    let xml = try slide(tokens: tokens, css: "section { --lectern-code-keyword: #123456; }")
    #expect(xml.contains("<a:srgbClr val=\"123456\"/></a:solidFill><a:latin typeface=\"Courier New\"/></a:rPr><a:t>let</a:t>"))
  }

  @Test func withoutTokensTheCodeIsOneColour() throws {
    let xml = try slide(tokens: [:])
    #expect(xml.contains("<a:t>let x = 1 // one</a:t>"))
    #expect(!xml.contains("CF222E"))
  }

  @Test func tokensThatDoNotSpellTheCodeAreIgnored() throws {
    let wrong = [CodeToken.key(language: "swift", code: Self.code): [CodeToken(text: "let", kind: "keyword")]]
    let xml = try slide(tokens: wrong)
    #expect(xml.contains("<a:t>let x = 1 // one</a:t>"), "nothing the author wrote is lost")
  }
}
