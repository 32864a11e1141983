import Foundation
import LecternCore
import LecternDeck
import LecternMarkdown
import LecternTestSupport
import Testing

@testable import LecternExtract

@Suite struct ExtractJSONTests {
  @Test func writerEscapesStringsAndKeepsUnicode() throws {
    var w = JSONWriter()
    w.beginObject()
    w.field("s", "quote \" backslash \\ newline \n tab \t bell \u{7} é 🚀")
    w.field("n", -42)
    w.field("none", nil as String?)
    w.key("list")
    w.beginArray()
    w.value(true)
    w.value(1.5)
    w.endArray()
    w.endObject()
    let text = String(decoding: w.bytes, as: UTF8.self)
    #expect(text == #"{"s":"quote \" backslash \\ newline \n tab \t bell \u0007 é 🚀","n":-42,"none":null,"list":[true,1.5]}"#)
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any])
    #expect(parsed["s"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{7} é 🚀")
  }

  @Test func streamedOutputEqualsBufferedOutput() {
    var slides = "---\nmarp: true\n---\n"
    for i in 0..<3000 { slides += "\n# Slide \(i)\n\n| a | b |\n|---|---|\n| \(i) | x |\n\n<!-- note \(i) -->\n\n---\n" }
    let deck = Deck(source: .inline(slides))
    let buffered = ExtractJSON.deck(deck)
    final class Sink: @unchecked Sendable { var bytes: [UInt8] = [] }
    let sink = Sink()
    let rest = ExtractJSON.deck(deck, sink: { sink.bytes.append(contentsOf: $0) })
    #expect(rest.isEmpty)
    #expect(sink.bytes == buffered)
  }

  @Test func tableBlocksPointIntoTheSlideTables() throws {
    let deck = Deck(source: .inline("---\nmarp: true\n---\n\n| a |\n|---|\n| 1 |\n\n> | b |\n> |---|\n> | 2 |\n"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(ExtractJSON.deck(deck))) as? [String: Any])
    let slide = try #require((object["slides"] as? [[String: Any]])?.first)
    let tables = try #require(slide["tables"] as? [[String: Any]])
    #expect(tables.count == 2)
    let blocks = try #require(slide["blocks"] as? [[String: Any]])
    #expect(blocks[0]["table"] as? Int == 0)
    let quoted = try #require((blocks[1]["blocks"] as? [[String: Any]])?.first)
    #expect(quoted["table"] as? Int == 1)
  }

  @Test func csvAndMarkdownExport() throws {
    let table = try #require(
      MarkdownDocument(parsing: .inline("| a | b, c |\n|:--|--:|\n| x \\| y | \"q\" |\n| short |\n")).tables.first)
    #expect(TableExport.csv(table) == "a,\"b, c\"\r\nx | y,\"\"\"q\"\"\"\r\nshort,\r\n")
    #expect(TableExport.markdown(table) == "| a | b, c |\n| :-- | --: |\n| x \\| y | \"q\" |\n| short |  |\n")
  }
}
