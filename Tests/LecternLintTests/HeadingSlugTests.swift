import Testing

@testable import LecternLint

/// Heading anchors (`#deploy-frequency`) as GitHub makes them; the ASCII fast path must agree with the
/// Unicode rule it shortcuts.
struct HeadingSlugTests {
  /// The rule by Characters: lowercased letters, digits, `-` and `_` kept, a space becomes `-`.
  private func reference(_ text: String) -> String {
    var out = ""
    for c in text.lowercased() {
      if c.isLetter || c.isNumber || c == "-" || c == "_" { out.append(c) } else if c == " " { out.append("-") }
    }
    return out
  }

  @Test(arguments: [
    "Deploy Frequency", "MTTR (Mean Time to Restore)", "Change-Failure_Rate: 15%", "  Leading  spaces  ", "v1.2.3 Release!",
    "ALL CAPS & Symbols #1", "", "Déploiement fréquent", "Ünïcödé 2026", "emoji 🚀 heading",
  ])
  func asciiAndUnicodeAgree(_ heading: String) {
    #expect(LinkTargetRule.slug(heading) == reference(heading))
  }
}
