import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternMarkdown

/// Runs `body` on a thread with a small stack (512 KiB, a macOS secondary thread's), so a
/// recursion that only survives on the commands' 1 GiB thread fails here.
private func onSmallStack<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T {
  let box = Locked<T?>(nil)
  let done = DispatchSemaphore(value: 0)
  let thread = Thread {
    box.withLock { $0 = body() }
    done.signal()
  }
  thread.stackSize = 512 << 10
  thread.start()
  done.wait()
  return box.snapshot!
}

/// The deepest chain of containers in `blocks`, measured without recursion.
private func depth(_ blocks: [Block]) -> Int {
  var deepest = 0
  var pending: [(Block, Int)] = blocks.map { ($0, 0) }
  var inlines: [(Inline, Int)] = []
  while let (block, d) = pending.popLast() {
    switch block.kind {
    case .blockQuote(let b), .footnoteDefinition(_, let b):
      deepest = max(deepest, d + 1)
      pending += b.map { ($0, d + 1) }
    case .list(let l):
      deepest = max(deepest, d + 1)
      pending += l.items.flatMap(\.blocks).map { ($0, d + 1) }
    case .paragraph(let i): inlines += i.map { ($0, d) }
    case .heading(let h): inlines += h.inlines.map { ($0, d) }
    default: break
    }
  }
  while let (inline, d) = inlines.popLast() {
    if inline.children.isEmpty { continue }
    deepest = max(deepest, d + 1)
    inlines += inline.children.map { ($0, d + 1) }
  }
  return deepest
}

private struct TextCounter: MarkdownWalker {
  var texts: [String] = []
  mutating func visit(_ inline: Inline) -> Bool {
    if case .text(let s) = inline.kind { texts.append(s) }
    return true
  }
}

/// What one deep document gave on a small stack: parse, walk, render, and freeing the tree all ran there.
private struct Outcome: Sendable {
  var depth: Int
  var texts: [String]
  var html: String
  var diagnostics: [Diagnostic]
}

private func readDeep(_ markdown: String) -> Outcome {
  onSmallStack {
    let document = MarkdownDocument(parsing: SourceFile(path: "deep.md", text: markdown))
    var walker = TextCounter()
    walker.walk(document.blocks)
    let html = HTMLRenderer(rawHTML: .escape).render(document.blocks)
    return Outcome(depth: depth(document.blocks), texts: walker.texts, html: html, diagnostics: document.diagnostics)
  }
}

@Suite struct NestingDepthTests {
  let limit = MarkdownDocument.maximumDepth

  @Test func twentyThousandNestedQuotesAreFlattenedBelowTheLimitKeepingTheText() {
    let outcome = readDeep("# Deep\n\n" + String(repeating: "> ", count: 20_000) + "the bottom\n")
    #expect(outcome.depth == limit)
    #expect(outcome.texts == ["Deep", "the bottom"])
    #expect(outcome.html.components(separatedBy: "<blockquote>").count - 1 == limit)
    #expect(outcome.html.contains("<p>the bottom</p>"))
    #expect(outcome.diagnostics.count == 1)
    let warning = outcome.diagnostics.first
    #expect(warning?.code == "nesting-too-deep")
    #expect(warning?.severity == .warning)
    #expect(warning?.range?.start == SourceLocation(line: 3, column: 2 * limit + 1))
    #expect(warning?.formatted.hasPrefix("deep.md:3:65: warning: nesting deeper than 32 levels is flattened") == true)
  }

  @Test func hundredThousandNestedListItems() {
    let outcome = readDeep(String(repeating: "- ", count: 100_000) + "leaf\n")
    #expect(outcome.depth == limit)
    #expect(outcome.texts == ["leaf"])
    #expect(outcome.html.components(separatedBy: "<ul>").count - 1 == limit)
    #expect(outcome.diagnostics.map(\.code) == ["nesting-too-deep"])
  }

  @Test func hundredThousandEmphasisDelimitersAndNestedLinks() {
    let emphasis = readDeep(String(repeating: "*", count: 100_000) + "core" + String(repeating: "*", count: 100_000) + "\n")
    #expect(emphasis.depth == limit)
    #expect(emphasis.texts == ["core"])
    #expect(emphasis.diagnostics.map(\.code) == ["nesting-too-deep"])
    let images = readDeep(String(repeating: "![", count: 5_000) + "alt" + String(repeating: "](i.png)", count: 5_000) + "\n")
    #expect(images.depth <= limit)
    #expect(images.texts.joined().contains("alt"))
  }

  @Test func nestingUpToTheLimitIsKeptWhole() {
    let outcome = readDeep(String(repeating: "> ", count: limit) + "x\n")
    #expect(outcome.depth == limit)
    #expect(outcome.diagnostics.isEmpty)
    #expect(outcome.html.components(separatedBy: "<blockquote>").count - 1 == limit)
  }

  @Test func siblingsAfterADeepRegionKeepTheirPlace() {
    let outcome = readDeep("> " + String(repeating: "> ", count: 300) + "deep\n\nafter\n")
    #expect(outcome.texts == ["deep", "after"])
    #expect(outcome.html.hasSuffix("</blockquote>\n<p>after</p>\n"))
  }
}
