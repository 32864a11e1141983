import Foundation
import LecternCore
import LecternMarkdown

extension Deck {
  /// Reads a deck by Marp's rules: front matter, slides split on top-level rules (and
  /// `headingDivider`), directives, notes, backgrounds, fitted headings and styles.
  public init(source: SourceFile) {
    var parser = DeckParser(source: source)
    self = parser.parse()
  }
}

private struct DeckParser {
  let source: SourceFile
  var diagnostics: [Diagnostic] = []
  var unknownKeys: [Directive] = []

  init(source: SourceFile) {
    self.source = source
  }

  private mutating func report(_ severity: Severity, _ message: String, _ range: SourceRange?, _ code: DiagnosticCode) {
    diagnostics.append(Diagnostic(severity, message, path: source.path, range: range, code: code))
  }

  /// The slides as Marp splits them: how each opened, the rule that opened it, and its top-level blocks.
  typealias SlideGroup = (opening: Slide.Opening, separator: Block?, blockIndices: [Int])

  /// Marp's pipeline, one named step each (as Marpit's plugins are): front matter, Markdown, comments,
  /// globals, slide splitting, then each slide's directives, notes, images and styles.
  mutating func parse() -> Deck {
    let (frontMatter, bodyStart, frontDirectives) = readFrontMatter()
    let (document, blocks) = readMarkdown(from: bodyStart)
    let collector = CommentCollector.collecting(blocks)
    let commentDirectives = classifyComments(collector.comments)
    var directives = frontDirectives
    var globals = ResolvedDirectives()
    for d in directives where d.scope == .global { globals.set(d.name, d.value) }
    for group in commentDirectives { for d in group where d.scope == .global { globals.set(d.name, d.value) } }
    for group in commentDirectives { directives.append(contentsOf: group) }
    checkValues(of: directives)
    let groups = splitSlides(blocks, divider: globals.headingDivider)
    let (slides, globalStyles) = readSlides(
      groups, blocks: blocks, collector: collector, commentDirectives: commentDirectives, frontDirectives: frontDirectives,
      globals: globals)
    diagnostics.sort {
      ($0.range?.start ?? SourceLocation(line: 0, column: 0)) < ($1.range?.start ?? SourceLocation(line: 0, column: 0))
    }
    let frontMatterUnknown = directives.filter { !$0.isKnown && $0.origin == .frontMatter }
    return Deck(
      source: source, frontMatter: frontMatter, globalDirectives: globals, directives: directives,
      unknownDirectiveKeys: (frontMatterUnknown + unknownKeys).sorted {
        ($0.location ?? SourceLocation(line: 0, column: 0)) < ($1.location ?? SourceLocation(line: 0, column: 0))
      },
      slides: slides, styles: globalStyles, diagnostics: diagnostics, document: document)
  }

  /// 1. Front matter: the YAML block, read as Marp reads it (an unclosed one runs to the end of the file).
  private mutating func readFrontMatter() -> (FrontMatter?, bodyStart: Int, [Directive]) {
    let split = FrontMatterSplitter.split(source)
    if case .unterminated = split {
      report(
        .error,
        "front matter opened with '---' on line 1 is never closed, so Marp reads the whole file as front matter; expected a line '---' after the YAML",
        SourceRange(line: 1, column: 1, endLine: 1, endColumn: 3), .frontMatterUnterminated)
    }
    guard case .found(let yamlLines, let closingLine) = split.closedAtEnd(of: source) else { return (nil, 1, []) }
    let yaml = yamlLines.map { lines in lines.compactMap { source.line($0) }.joined(separator: "\n") } ?? ""
    let entries = readYAML(yaml)
    let frontMatter = FrontMatter(
      yaml: yaml, range: SourceRange(line: 1, column: 1, endLine: min(closingLine, source.lineCount), endColumn: 3),
      entries: entries, bodyStartLine: closingLine + 1)
    var directives: [Directive] = []
    for entry in entries {
      let scope = DirectiveCatalog.scope(ofKey: entry.key)
      let name = entry.key.hasPrefix("_") ? String(entry.key.dropFirst()) : entry.key
      directives.append(
        Directive(key: entry.key, name: name, value: entry.value, scope: scope, origin: .frontMatter, location: entry.location))
      if scope == nil && !DirectiveCatalog.frontMatterOnly.contains(entry.key),
        let suggestion = DirectiveCatalog.suggestion(for: entry.key)
      {
        report(
          .warning, "unknown directive '\(entry.key)' in front matter; did you mean '\(suggestion)'?",
          entry.location.map { Self.keyRange(entry.key, at: $0) }, .unknownDirective)
      }
    }
    return (frontMatter, closingLine + 1, directives)
  }

  /// The front matter's entries; invalid YAML or a non-mapping is reported and reads as no entries.
  private mutating func readYAML(_ yaml: String) -> [YAMLValue.Entry] {
    switch YAMLReader.read(yaml, firstLine: 2, looseKeys: DirectiveCatalog.names) {
    case .mapping(let entries):
      return entries
    case .notMapping:
      if !yaml.trimmed.isEmpty {
        report(
          .error, "front matter is not a YAML mapping; expected 'key: value' lines",
          SourceRange(line: 2, column: 1, endLine: 2, endColumn: 1), .frontMatterYAML)
      }
    case .invalid(let message, let location):
      let at = location ?? SourceLocation(line: 2, column: 1)
      report(
        .error, "invalid YAML in front matter: \(message); expected 'key: value' lines", SourceRange(start: at, end: at),
        .frontMatterYAML)
    }
    return []
  }

  /// 2. Markdown: `$$` math blocks are read as Marp Core reads them (cmark-gfm parses a copy with the same
  /// lines), inline comments split out, and an unclosed fence reported.
  private mutating func readMarkdown(from bodyStart: Int) -> (MarkdownDocument, [Block]) {
    let math = MathBlocks.spans(in: source, from: bodyStart)
    let document = MarkdownDocument(parsing: MathBlocks.masked(source, spans: math), fromLine: bodyStart)
    diagnostics += document.diagnostics
    let blocks = InlineComments.splitting(MathBlocks.restored(document.blocks, spans: math, in: source), in: source)
    if source.text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      report(.note, "empty file: Marp shows one empty slide", nil, .emptyDeck)
    }
    diagnostics += UnclosedFence.diagnostics(blocks, in: source)
    return (document, blocks)
  }

  /// 3. Each comment's directives, parallel to `comments`; an empty list means a speaker note (or nothing).
  /// A long deck's comments are read in runs on all cores, each run's reports kept in order and joined in
  /// run order: the same list as one pass.
  private mutating func classifyComments(_ comments: [MarpComment]) -> [[Directive]] {
    guard comments.count >= DeckParallelism.commentsFrom else { return classifyInOrder(comments[...]) }
    let source = self.source
    let parts = try? DeckParallelism.runs(of: comments.count).concurrentMap { run in
      var parser = DeckParser(source: source)
      let directives = parser.classifyInOrder(comments[run])
      return (directives, parser.diagnostics, parser.unknownKeys)
    }
    guard let parts else { return classifyInOrder(comments[...]) }
    var all: [[Directive]] = []
    all.reserveCapacity(comments.count)
    for (directives, diagnostics, unknown) in parts {
      all.append(contentsOf: directives)
      self.diagnostics.append(contentsOf: diagnostics)
      unknownKeys.append(contentsOf: unknown)
    }
    return all
  }

  private mutating func classifyInOrder(_ comments: ArraySlice<MarpComment>) -> [[Directive]] {
    comments.map { comment in
      if !comment.isClosed, let r = comment.range {
        report(
          .error, UnclosedComment.message(hiddenLines: max(0, r.end.line - r.start.line)),
          SourceRange(start: r.start, end: SourceLocation(line: r.start.line, column: r.start.column + 3)), .unclosedComment)
      }
      guard !comment.isFitMarker, comment.isClosed, !comment.isToolComment else { return [] }
      return classify(comment)
    }
  }

  /// 4. Values Marp cannot use, for every known directive.
  private mutating func checkValues(of directives: [Directive]) {
    for d in directives where d.scope != nil {
      guard let problem = DirectiveCatalog.problem(with: d.value, for: d.name) else { continue }
      report(
        .warning, "invalid value '\(d.value.words ?? "…")' for directive '\(d.key)': \(problem)",
        d.location.map { Self.keyRange(d.key, at: $0) }, .invalidDirectiveValue)
    }
  }

  /// 5. Slides split on top-level rules, and on headings at `divider` levels once something visible came before.
  private func splitSlides(_ blocks: [Block], divider: Set<Int>) -> [SlideGroup] {
    var groups: [SlideGroup] = [(.start, nil, [])]
    var seenVisible = false
    for (index, block) in blocks.enumerated() {
      switch block.kind {
      case .thematicBreak:
        groups.append((.rule, block, []))
        seenVisible = true
        continue
      case .heading(let h) where divider.contains(h.level) && seenVisible:
        groups.append((.headingDivider, nil, []))
      default:
        break
      }
      groups[groups.count - 1].blockIndices.append(index)
      if !seenVisible && !isHidden(block) { seenVisible = true }
    }
    return groups
  }

  /// 6. Each slide's directives (locals inherit forward, spots stay on their slide), notes, images and styles.
  private func readSlides(
    _ groups: [SlideGroup], blocks: [Block], collector: CommentCollector, commentDirectives: [[Directive]],
    frontDirectives: [Directive], globals: ResolvedDirectives
  ) -> (slides: [Slide], globalStyles: [StyleElement]) {
    var local = ResolvedDirectives()
    var spot = ResolvedDirectives()
    for d in frontDirectives {
      if d.scope == .local { local.set(d.name, d.value) }
      if d.scope == .spot { spot.set(d.name, d.value) }
    }
    let index = SlideIndex(collector: collector, commentDirectives: commentDirectives)
    // What each slide has of its own (blocks, comments, pictures, styles, range) needs no other slide: a long
    // deck's slides are read on all cores. The directives that carry from slide to slide are then resolved in
    // order.
    let parser = self
    @Sendable func contents(_ number: Int) -> SlideContents {
      let group = groups[number]
      let slideBlocks = group.blockIndices.map { blocks[$0] }
      var scoped: [StyleElement] = []
      var global: [StyleElement] = []
      for block in slideBlocks {
        guard case .htmlBlock(let html) = block.kind, let style = StyleElement.parse(html, range: block.range) else { continue }
        if style.isScoped { scoped.append(style) } else { global.append(style) }
      }
      return SlideContents(
        blocks: slideBlocks, comments: index.comments(of: group.blockIndices, blocks: blocks),
        pictures: index.images(of: group.blockIndices), scoped: scoped, global: global,
        range: parser.slideRange(
          separator: group.separator, blocks: slideBlocks, next: parser.nextStart(groups, after: number, blocks: blocks)))
    }
    let all =
      groups.count >= DeckParallelism.slidesFrom
      ? ((try? DeckParallelism.runs(of: groups.count).concurrentMap { $0.map(contents) }.flatMap { $0 })
        ?? groups.indices.map(contents))
      : groups.indices.map(contents)
    var slides: [Slide] = []
    slides.reserveCapacity(groups.count)
    var globalStyles: [StyleElement] = []
    for (number, group) in groups.enumerated() {
      let part = all[number]
      for d in part.comments.directives {
        if d.scope == .local { local.set(d.name, d.value) }
        if d.scope == .spot { spot.set(d.name, d.value) }
      }
      globalStyles.append(contentsOf: part.global)
      let resolved = globals.merging(local).merging(spot)
      spot = ResolvedDirectives()
      slides.append(
        Slide(
          number: number + 1, range: part.range, openedBy: group.opening, blocks: part.blocks, directives: resolved,
          writtenDirectives: part.comments.directives, notes: part.comments.notes, backgrounds: part.pictures.backgrounds,
          images: part.pictures.images, fitHeadings: part.comments.fits, scopedStyles: part.scoped))
    }
    return (slides, globalStyles)
  }

  /// The range of a directive key written at `start` (one line).
  static func keyRange(_ key: String, at start: SourceLocation) -> SourceRange {
    SourceRange(start: start, end: SourceLocation(line: start.line, column: start.column + max(key.count - 1, 0)))
  }

  /// A comment is a directive comment when at least one key is a directive Marp knows.
  private mutating func classify(_ comment: MarpComment) -> [Directive] {
    let line = comment.range?.start.line ?? 1
    // A speaker note in prose has no `key:` line at all: it is not read as YAML (most comments of a talk).
    guard Self.mayBeMapping(comment.content),
      case .mapping(let entries) = YAMLReader.read(comment.content, firstLine: line, looseKeys: DirectiveCatalog.names)
    else { return [] }
    let found = entries.map { entry -> Directive in
      let scope = DirectiveCatalog.scope(ofKey: entry.key)
      let name = entry.key.hasPrefix("_") ? String(entry.key.dropFirst()) : entry.key
      let location = comment.range.map { r in keyLocation(entry.key, yamlLine: entry.location?.line, comment: r) }
      return Directive(key: entry.key, name: name, value: entry.value, scope: scope, origin: .comment, location: location)
    }
    let isDirectiveComment = found.contains { $0.isKnown }
    unknownKeys.append(contentsOf: found.filter { !$0.isKnown })
    for d in found where !d.isKnown {
      let at = d.location.map { Self.keyRange(d.key, at: $0) }
      if let suggestion = DirectiveCatalog.suggestion(for: d.key) {
        let consequence = isDirectiveComment ? "Marp ignores it" : "Marp reads this comment as a speaker note"
        report(.warning, "unknown directive '\(d.key)'; did you mean '\(suggestion)'? \(consequence)", at, .unknownDirective)
      } else if isDirectiveComment {
        report(.warning, "unknown directive '\(d.key)' in a directive comment; Marp ignores it", at, .unknownDirective)
      }
    }
    return isDirectiveComment ? found : []
  }

  /// Whether a comment's text could be a YAML mapping with a directive-like key: some line starts (after
  /// blanks) with a plain key and a colon (`_class:`, `backgroundColor :`), or with `{`, a quote or `?` (flow
  /// and quoted keys). A comment without one is a note whatever YAML makes of it.
  static func mayBeMapping(_ content: String) -> Bool {
    var atLineStart = true
    var inKey = false
    var sawKeyCharacter = false
    var afterKey = false
    for byte in content.utf8 {
      if byte == 0x0A {
        atLineStart = true
        inKey = false
        sawKeyCharacter = false
        afterKey = false
        continue
      }
      if atLineStart {
        if byte == 0x20 || byte == 0x09 { continue }
        atLineStart = false
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "?"): return true
        default: inKey = true
        }
      }
      if inKey {
        let isKeyCharacter =
          (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
          || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: ".")
        if isKeyCharacter {
          sawKeyCharacter = true
          continue
        }
        inKey = false
        afterKey = sawKeyCharacter
      }
      if afterKey {
        if byte == 0x20 || byte == 0x09 { continue }
        if byte == UInt8(ascii: ":") { return true }
        afterKey = false
      }
    }
    return false
  }

  /// Where a key of a directive comment is in the file: YAML line 1 is the first non-blank line
  /// of the comment's content.
  private func keyLocation(_ key: String, yamlLine: Int?, comment r: SourceRange) -> SourceLocation {
    var contentLine = r.start.line
    if let first = source.line(r.start.line) {
      var rest = first.drop(while: { $0 == " " || $0 == "\t" })
      if rest.hasPrefix("<!--") { rest = rest.dropFirst(4).drop(while: { $0 == "-" }) }
      if rest.allSatisfy({ $0 == " " || $0 == "\t" }) {
        contentLine += 1
        while contentLine < r.end.line, source.line(contentLine)?.allSatisfy({ $0 == " " || $0 == "\t" }) ?? false {
          contentLine += 1
        }
      }
    }
    let line = min(contentLine + (yamlLine ?? r.start.line) - r.start.line, r.end.line)
    guard let text = source.line(line), let byte = text.firstByteOffset(of: key) else { return r.start }
    return SourceLocation(line: line, column: source.characterColumn(line: line, byteColumn: byte + 1))
  }

  /// Blocks Marpit hides when deciding whether a heading should start a new slide.
  private func isHidden(_ block: Block) -> Bool {
    if case .htmlBlock(let html) = block.kind {
      return MarpComment.content(of: html) != nil || StyleElement.parse(html, range: nil) != nil
    }
    return false
  }

  private func nextStart(_ groups: [SlideGroup], after index: Int, blocks: [Block]) -> Int? {
    guard index + 1 < groups.count else { return nil }
    let next = groups[index + 1]
    if let sep = next.separator?.range { return sep.start.line }
    if let first = next.blockIndices.first, let r = blocks[first].range { return r.start.line }
    return nil
  }

  private func slideRange(separator: Block?, blocks: [Block], next: Int?) -> SourceRange? {
    let start = separator?.range?.start ?? blocks.first?.range?.start
    guard let start else { return nil }
    var endLine = (next.map { $0 - 1 } ?? source.lineCount)
    // Do not count trailing blank lines.
    while endLine > start.line, (source.line(endLine)?.allSatisfy { $0 == " " || $0 == "\t" } ?? true) { endLine -= 1 }
    let endColumn = max(source.line(endLine)?.unicodeScalars.count ?? 1, 1)
    return SourceRange(start: start, end: SourceLocation(line: endLine, column: endColumn))
  }
}

/// Comments and images found in a deck's blocks, looked up by top-level block.
private struct SlideIndex {
  let collector: CommentCollector
  let commentDirectives: [[Directive]]
  let commentsByBlock: [Int: [Int]]
  let imagesByBlock: [Int: [(alt: String, url: String, range: SourceRange?, blockIndex: Int)]]

  init(collector: CommentCollector, commentDirectives: [[Directive]]) {
    self.collector = collector
    self.commentDirectives = commentDirectives
    var comments: [Int: [Int]] = [:]
    for (i, c) in collector.comments.enumerated() { comments[c.blockIndex, default: []].append(i) }
    var images: [Int: [(alt: String, url: String, range: SourceRange?, blockIndex: Int)]] = [:]
    for image in collector.images { images[image.blockIndex, default: []].append(image) }
    commentsByBlock = comments
    imagesByBlock = images
  }

  /// A slide's directive comments (in order), speaker notes and fitted headings.
  func comments(of blockIndices: [Int], blocks: [Block]) -> (directives: [Directive], notes: [SpeakerNote], fits: [FitHeading]) {
    var written: [Directive] = []
    var notes: [SpeakerNote] = []
    var fits: [FitHeading] = []
    for blockIndex in blockIndices {
      let here = commentsByBlock[blockIndex] ?? []
      for ci in here {
        let comment = collector.comments[ci]
        if comment.isFitMarker || comment.isToolComment { continue }
        if commentDirectives[ci].isEmpty {
          notes.append(SpeakerNote(text: comment.content, range: comment.range))
        } else {
          written.append(contentsOf: commentDirectives[ci])
        }
      }
      if case .heading(let h) = blocks[blockIndex].kind, here.contains(where: { collector.comments[$0].isFitMarker }) {
        fits.append(FitHeading(level: h.level, text: h.inlines.plainText.trimmed, range: blocks[blockIndex].range))
      }
    }
    return (written, notes, fits)
  }

  /// A slide's backgrounds and inline images; `![bg]()` with an empty URL is ignored, as Marp does.
  func images(of blockIndices: [Int]) -> (backgrounds: [Background], images: [SlideImage]) {
    var backgrounds: [Background] = []
    var inline: [SlideImage] = []
    for image in blockIndices.flatMap({ imagesByBlock[$0] ?? [] }) {
      switch ImageOptionParser.parse(alt: image.alt, url: image.url, range: image.range) {
      case .background(let b) where b.url.trimmed.isEmpty: break
      case .background(let b): backgrounds.append(b)
      case .image(let i): inline.append(i)
      }
    }
    return (backgrounds, inline)
  }
}

/// What one slide has of its own, read before the directives that carry over from earlier slides.
private struct SlideContents: Sendable {
  var blocks: [Block]
  var comments: (directives: [Directive], notes: [SpeakerNote], fits: [FitHeading])
  var pictures: (backgrounds: [Background], images: [SlideImage])
  var scoped: [StyleElement]
  var global: [StyleElement]
  var range: SourceRange?
}

/// When a deck's own reading (after cmark-gfm) is shared among the cores, and how it is cut into runs.
enum DeckParallelism {
  /// Slides from which they are read on all cores (a few hundred; below that the threads cost more).
  static let slidesFrom = 256
  /// Comments from which they are read on all cores.
  static let commentsFrom = 256
  /// Top-level blocks from which comments and pictures are collected on all cores.
  static let blocksFrom = 512

  /// `0..<count` cut into about four runs per core, in order.
  static func runs(of count: Int) -> [Range<Int>] { WorkRuns.of(count) }
}
