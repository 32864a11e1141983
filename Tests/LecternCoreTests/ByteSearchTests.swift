import Foundation
import LecternCore
import Testing

/// The byte searches that replace Foundation's string search on hot paths give Foundation's answers on text
/// where bytes and characters agree (ASCII needles, any text around them).
struct ByteSearchTests {
  static let texts = [
    "", "a", "$", "$$", "a$b$c", "cost \\$5 and $x$", "</style></STYLE></style", "ü$ß$ñ", "{{ dora.x }}", "{ {",
    "10:30:00", ":tada:", "no match here", String(repeating: "ab$", count: 300),
  ]

  @Test(arguments: texts)
  func containsAgreesWithFoundation(_ text: String) {
    for needle in ["$", "$$", "{{", "</style", "-->", "ab$a", "ü$"] {
      #expect(text.containsBytes(needle) == text.contains(needle), "\(needle) in \(text)")
      #expect(text.rangeOfBytes(needle) == text.range(of: needle), "\(needle) in \(text)")
    }
  }

  @Test(arguments: texts)
  func replacingAgreesWithFoundation(_ text: String) {
    for (needle, replacement) in [("$", "\\$"), ("</style", "<\\/style"), ("ab", ""), ("{{", "{ {"), ("ü", "u")] {
      let expected = text.replacingOccurrences(of: needle, with: replacement)
      #expect(text.replacingBytes(needle, with: replacement) == expected)
      #expect(Substring(text).replacingBytes(needle, with: replacement) == expected)
    }
  }

  @Test(arguments: texts)
  func countingAByteAgreesWithCountingIt(_ text: String) {
    for byte in [UInt8(ascii: "$"), UInt8(ascii: ":"), UInt8(ascii: "{")] {
      let count = text.utf8.filter { $0 == byte }.count
      for atLeast in 0...3 { #expect(text.containsByte(byte, atLeast: atLeast) == (count >= atLeast)) }
    }
  }

  @Test func endTagsAreEscapedInAnyCase() {
    #expect("a</script>b</SCRIPT >c</Script".escapingEndTags("script") == #"a<\/script>b<\/SCRIPT >c<\/Script"#)
    #expect("x</STYLE>y</style".escapingEndTags("style") == #"x<\/STYLE>y<\/style"#)
    #expect("</scrip</ script</scripts".escapingEndTags("script") == #"</scrip</ script<\/scripts"#)
    #expect("no tags < / here".escapingEndTags("script") == "no tags < / here")
    #expect("".escapingEndTags("style").isEmpty)
  }

  @Test(arguments: texts)
  func endTagEscapingOnlyAddsABackslash(_ text: String) {
    let escaped = text.escapingEndTags("style")
    #expect(escaped.replacingBytes(#"<\/"#, with: "</") == text)
    // Where every end tag is written in lower case, the same as the byte replace it took over from.
    if text == text.lowercased() {
      #expect(escaped == text.replacingBytes("</style", with: #"<\/style"#))
    } else {
      #expect(escaped.utf8.count - text.utf8.count == text.lowercased().components(separatedBy: "</style").count - 1)
    }
  }
}
