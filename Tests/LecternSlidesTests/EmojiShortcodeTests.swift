import Foundation
import LecternDeck
import LecternTestSupport
import Testing

@testable import LecternSlides

@Suite struct EmojiShortcodeTests {
  private let table = ["rocket": "🚀", "+1": "👍", "white_check_mark": "✅", "100": "💯"]

  @Test func knownShortcodesBecomeEmojiAndEverythingElseStays() {
    #expect(EmojiShortcodes.replacing(in: "Ship it :rocket:!", table: table) == "Ship it 🚀!")
    #expect(EmojiShortcodes.replacing(in: ":white_check_mark: done :+1:", table: table) == "✅ done 👍")
    #expect(EmojiShortcodes.replacing(in: "at 10:30:00 and a:100:b", table: table) == "at 10:30:00 and a:100:b")
    #expect(EmojiShortcodes.replacing(in: ":unknown: and ::", table: table) == ":unknown: and ::")
    #expect(EmojiShortcodes.replacing(in: "score (:100:)", table: table) == "score (💯)")
    #expect(EmojiShortcodes.replacing(in: ":rocket:", table: [:]) == ":rocket:", "without a table nothing changes")
  }

  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: EmojiShortcodes.debianPath), "needs Debian's node-emoji"))
  func slidesHeadingsAndFootersShowEmojiButCodeKeepsTheShortcode() {
    let html = DeckHTMLRenderer.render(
      Deck(
        source: .inline(
          "---\nmarp: true\nfooter: Team :tada:\n---\n\n# Ship it :rocket:\n\n- :white_check_mark: done, `:tada:` stays\n",
          path: "t.md"))
    ).html
    #expect(html.contains("<h1>Ship it 🚀</h1>"))
    #expect(html.contains("<li>✅ done, <code>:tada:</code> stays</li>"))
    #expect(html.contains("<footer>Team 🎉</footer>"))
  }
}
