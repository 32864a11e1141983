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

  mutating func parse() -> Deck {
    // 1. Front matter.
    var frontMatter: FrontMatter?
    var bodyStart = 1
    var directives: [Directive] = []
    switch FrontMatterSplitter.split(source) {
    case .none:
      break
    case .unterminated:
      report(
        .error, "front matter opened with '---' on line 1 is never closed; expected a line '---' after the YAML",
        SourceRange(line: 1, column: 1, endLine: 1, endColumn: 3), .frontMatterUnterminated)
    case .found(let yamlLines, let closingLine):
      bodyStart = closingLine + 1
      let yaml = yamlLines.map { lines in lines.compactMap { source.line($0) }.joined(separator: "\n") } ?? ""
      var entries: [YAMLValue.Entry] = []
      switch YAMLReader.read(yaml, firstLine: 2, looseKeys: DirectiveCatalog.names) {
      case .mapping(let e):
        entries = e
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
      frontMatter = FrontMatter(
        yaml: yaml, range: SourceRange(line: 1, column: 1, endLine: closingLine, endColumn: 3), entries: entries,
        bodyStartLine: bodyStart)
      for entry in entries {
        let scope = DirectiveCatalog.scope(ofKey: entry.key)
        let name = entry.key.hasPrefix("_") ? String(entry.key.dropFirst()) : entry.key
        directives.append(
          Directive(key: entry.key, name: name, value: entry.value, scope: scope, origin: .frontMatter, location: entry.location))
        if scope == nil && !DirectiveCatalog.frontMatterOnly.contains(entry.key) {
          let at = entry.location.map { Self.keyRange(entry.key, at: $0) }
          if let suggestion = DirectiveCatalog.suggestion(for: entry.key) {
            report(
              .warning, "unknown directive '\(entry.key)' in front matter; did you mean '\(suggestion)'?", at, "unknown-directive"
            )
          }
        }
      }
    }

    // 2. Markdown.
    let document = MarkdownDocument(parsing: source, fromLine: bodyStart)
    let blocks = document.blocks
    diagnostics += document.diagnostics
    if source.text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      report(.note, "empty file: Marp shows one empty slide", nil, .emptyDeck)
    }

    // 3. Comments and their classification.
    var collector = CommentCollector()
    for (index, block) in blocks.enumerated() {
      collector.blockIndex = index
      collector.walk(block)
    }
    var commentDirectives: [[Directive]] = []  // parallel to collector.comments; empty → a note
    for comment in collector.comments {
      if !comment.isClosed, let r = comment.range {
        let hidden = max(0, r.end.line - r.start.line)
        report(
          .error, UnclosedComment.message(hiddenLines: hidden),
          SourceRange(start: r.start, end: SourceLocation(line: r.start.line, column: r.start.column + 3)), .unclosedComment)
      }
      guard !comment.isFitMarker, comment.isClosed else {
        commentDirectives.append([])
        continue
      }
      commentDirectives.append(classify(comment))
    }

    // 4. Globals: front matter first, then comments in order; the last value wins.
    var globals = ResolvedDirectives()
    for d in directives where d.scope == .global { globals.set(d.name, d.value) }
    for group in commentDirectives { for d in group where d.scope == .global { globals.set(d.name, d.value) } }
    for group in commentDirectives { directives.append(contentsOf: group) }
    for d in directives where d.scope != nil {
      if let problem = DirectiveCatalog.problem(with: d.value, for: d.name) {
        let shown = d.value.words ?? "…"
        report(
          .warning, "invalid value '\(shown)' for directive '\(d.key)': \(problem)",
          d.location.map { Self.keyRange(d.key, at: $0) }, .invalidDirectiveValue)
      }
    }

    // 5. Slides.
    let divider = globals.headingDivider
    var groups: [(opening: Slide.Opening, separator: Block?, blockIndices: [Int])] = [(.start, nil, [])]
    var seenVisible = false
    let commentBlocks = Set(collector.comments.filter { $0.range != nil }.map(\.blockIndex))
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
      if !isHidden(block, index: index, commentBlocks: commentBlocks) { seenVisible = true }
    }

    // 6. Per-slide directives (locals inherit forward, spots stay), notes, images, styles.
    var local = ResolvedDirectives()
    var spot = ResolvedDirectives()
    for d in directives where d.origin == .frontMatter {
      if d.scope == .local { local.set(d.name, d.value) }
      if d.scope == .spot { spot.set(d.name, d.value) }
    }
    var imagesByBlock: [Int: [(alt: String, url: String, range: SourceRange?, blockIndex: Int)]] = [:]
    for image in collector.images { imagesByBlock[image.blockIndex, default: []].append(image) }
    var commentsByBlock: [Int: [Int]] = [:]
    for (i, c) in collector.comments.enumerated() { commentsByBlock[c.blockIndex, default: []].append(i) }
    var slides: [Slide] = []
    var globalStyles: [StyleElement] = []
    for (number, group) in groups.enumerated() {
      let slideBlocks = group.blockIndices.map { blocks[$0] }
      var written: [Directive] = []
      var notes: [SpeakerNote] = []
      var fits: [FitHeading] = []
      for blockIndex in group.blockIndices {
        for ci in commentsByBlock[blockIndex] ?? [] {
          let comment = collector.comments[ci]
          let group = commentDirectives[ci]
          if comment.isFitMarker { continue }
          if group.isEmpty {
            notes.append(SpeakerNote(text: comment.content, range: comment.range))
            continue
          }
          written.append(contentsOf: group)
          for d in group {
            if d.scope == .local { local.set(d.name, d.value) }
            if d.scope == .spot { spot.set(d.name, d.value) }
          }
        }
        if case .heading(let h) = blocks[blockIndex].kind,
          (commentsByBlock[blockIndex] ?? []).contains(where: { collector.comments[$0].isFitMarker })
        {
          fits.append(FitHeading(level: h.level, text: h.inlines.plainText.trimmed, range: blocks[blockIndex].range))
        }
      }
      var backgrounds: [Background] = []
      var inlineImages: [SlideImage] = []
      for image in group.blockIndices.flatMap({ imagesByBlock[$0] ?? [] }) {
        switch ImageOptionParser.parse(alt: image.alt, url: image.url, range: image.range) {
        case .background(let b): backgrounds.append(b)
        case .image(let i): inlineImages.append(i)
        }
      }
      var scoped: [StyleElement] = []
      for block in slideBlocks {
        if case .htmlBlock(let html) = block.kind, let style = StyleElement.parse(html, range: block.range) {
          if style.isScoped { scoped.append(style) } else { globalStyles.append(style) }
        }
      }
      let resolved = globals.merging(local).merging(spot)
      spot = ResolvedDirectives()
      let range = slideRange(
        separator: group.separator, blocks: slideBlocks, next: nextStart(groups, after: number, blocks: blocks))
      slides.append(
        Slide(
          number: number + 1, range: range, openedBy: group.opening, blocks: slideBlocks, directives: resolved,
          writtenDirectives: written, notes: notes, backgrounds: backgrounds, images: inlineImages, fitHeadings: fits,
          scopedStyles: scoped))
    }

    diagnostics.sort {
      ($0.range?.start ?? SourceLocation(line: 0, column: 0)) < ($1.range?.start ?? SourceLocation(line: 0, column: 0))
    }
    let frontMatterUnknown = directives.filter { !$0.isKnown && $0.origin == .frontMatter }
    return Deck(
      source: source, frontMatter: frontMatter, globalDirectives: globals, directives: directives,
      unknownDirectiveKeys: (frontMatterUnknown + unknownKeys).sorted {
        ($0.location ?? SourceLocation(line: 0, column: 0)) < ($1.location ?? SourceLocation(line: 0, column: 0))
      },
      slides: slides,
      styles: globalStyles, diagnostics: diagnostics, document: document)
  }

  /// The range of a directive key written at `start` (one line).
  static func keyRange(_ key: String, at start: SourceLocation) -> SourceRange {
    SourceRange(start: start, end: SourceLocation(line: start.line, column: start.column + max(key.count - 1, 0)))
  }

  /// A comment is a directive comment when at least one key is a directive Marp knows.
  private mutating func classify(_ comment: MarpComment) -> [Directive] {
    let line = comment.range?.start.line ?? 1
    guard case .mapping(let entries) = YAMLReader.read(comment.content, firstLine: line, looseKeys: DirectiveCatalog.names)
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
  private func isHidden(_ block: Block, index: Int, commentBlocks: Set<Int>) -> Bool {
    if case .htmlBlock(let html) = block.kind {
      return MarpComment.content(of: html) != nil || StyleElement.parse(html, range: nil) != nil
    }
    return false
  }

  private func nextStart(
    _ groups: [(opening: Slide.Opening, separator: Block?, blockIndices: [Int])], after index: Int, blocks: [Block]
  ) -> Int? {
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
