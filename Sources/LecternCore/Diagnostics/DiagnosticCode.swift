/// A stable diagnostic id (`unknown-directive`), with the one place that produces it.
///
/// Every id is registered once in `DiagnosticCode.registry`: the reader, renderer or lint rule named as its
/// producer is the only code that emits it, and `lectern build` and `lectern lint` report it under the same id
/// (a lint rule re-reports a reader's or renderer's finding, it never words it again). Code compares codes by
/// value (`d.code == .unknownDirective`); a string literal is accepted only so configuration files and tests can
/// name ids, and an id missing from the registry is caught by the registry tests.
public struct DiagnosticCode: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
  /// Who emits a code.
  public enum Producer: String, Sendable, CaseIterable {
    /// `LecternMarkdown`'s reader (the one door from cmark-gfm to the Swift model).
    case markdownReader = "markdown reader"
    /// `LecternDeck`'s reader (front matter, comments, directives).
    case deckReader = "deck reader"
    /// `LecternPostmortem`'s reader (facts, action items, timeline).
    case postmortemReader = "postmortem reader"
    /// `LecternSlides` while building (themes, sizes, images).
    case slides
    /// A lint rule of `LecternLint` (the rule with this id).
    case lintRule = "lint rule"
    /// Not in the registry (a test or configuration named an id that does not exist).
    case unregistered
  }

  public let rawValue: String
  public let producer: Producer

  init(_ rawValue: String, _ producer: Producer) {
    self.rawValue = rawValue
    self.producer = producer
  }

  /// The registered code with this id, or an unregistered one.
  public init(stringLiteral value: String) {
    self = DiagnosticCode.named(value) ?? DiagnosticCode(value, .unregistered)
  }

  /// The registered code with this id, `nil` when there is none.
  public static func named(_ id: String) -> DiagnosticCode? { byID[id] }

  public var description: String { rawValue }
  public static func == (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue == b.rawValue }
  public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
  public static func < (a: DiagnosticCode, b: DiagnosticCode) -> Bool { a.rawValue < b.rawValue }

  private static let byID: [String: DiagnosticCode] = Dictionary(registry.map { ($0.rawValue, $0) }) { a, _ in a }
}

extension DiagnosticCode {
  // The Markdown reader.
  public static let nestingTooDeep = DiagnosticCode("nesting-too-deep", .markdownReader)

  // The deck reader.
  public static let frontMatterYAML = DiagnosticCode("front-matter-yaml", .deckReader)
  public static let frontMatterUnterminated = DiagnosticCode("front-matter-unterminated", .deckReader)
  public static let emptyDeck = DiagnosticCode("empty-deck", .deckReader)
  public static let unclosedComment = DiagnosticCode("unclosed-comment", .deckReader)
  public static let unclosedCodeFence = DiagnosticCode("unclosed-code-fence", .deckReader)
  public static let unknownDirective = DiagnosticCode("unknown-directive", .deckReader)
  public static let invalidDirectiveValue = DiagnosticCode("invalid-directive-value", .deckReader)

  // Building slides.
  public static let unknownTheme = DiagnosticCode("unknown-theme", .slides)
  public static let unknownSize = DiagnosticCode("unknown-size", .slides)
  public static let themeImport = DiagnosticCode("theme-import", .slides)
  public static let missingImage = DiagnosticCode("missing-image", .slides)
  public static let noHighlighter = DiagnosticCode("no-highlighter", .slides)
  public static let noKaTeX = DiagnosticCode("no-katex", .slides)
  public static let noMetricsStore = DiagnosticCode("no-metrics-store", .slides)

  // The postmortem reader.
  public static let actionNoOwner = DiagnosticCode("action-no-owner", .postmortemReader)
  public static let actionNoDue = DiagnosticCode("action-no-due", .postmortemReader)
  public static let actionNoStatus = DiagnosticCode("action-no-status", .postmortemReader)
  public static let durationMismatch = DiagnosticCode("duration-mismatch", .postmortemReader)
  public static let narrativeDisagrees = DiagnosticCode("narrative-disagrees", .postmortemReader)
  public static let renamedMetric = DiagnosticCode("renamed-metric", .postmortemReader)
  public static let severityProse = DiagnosticCode("severity-prose", .postmortemReader)
  public static let severityRange = DiagnosticCode("severity-range", .postmortemReader)
  public static let templateRow = DiagnosticCode("template-row", .postmortemReader)
  public static let timelineOrder = DiagnosticCode("timeline-order", .postmortemReader)
  public static let timelinePlaceholder = DiagnosticCode("timeline-placeholder", .postmortemReader)
  public static let unknownMetric = DiagnosticCode("unknown-metric", .postmortemReader)
  public static let severityConflict = DiagnosticCode("severity-conflict", .postmortemReader)
  public static let invalidDate = DiagnosticCode("invalid-date", .postmortemReader)
  public static let actionNoNarrative = DiagnosticCode("action-no-narrative", .postmortemReader)

  // Lint rules that find what no reader reports.
  public static let emptySlide = DiagnosticCode("empty-slide", .lintRule)
  public static let postmortem = DiagnosticCode("postmortem", .lintRule)
  public static let frontMatterNotFirst = DiagnosticCode("front-matter-not-first", .lintRule)
  public static let mojibake = DiagnosticCode("mojibake", .lintRule)
  public static let tabSeparatedTable = DiagnosticCode("tab-separated-table", .lintRule)
  public static let tableCodeSpanPipe = DiagnosticCode("table-code-span-pipe", .lintRule)
  public static let tableEmptyHeader = DiagnosticCode("table-empty-header", .lintRule)
  public static let tableExtraCells = DiagnosticCode("table-extra-cells", .lintRule)
  public static let tableMissingCells = DiagnosticCode("table-missing-cells", .lintRule)
  public static let tableNotParsed = DiagnosticCode("table-not-parsed", .lintRule)
  public static let tablePipeStyle = DiagnosticCode("table-pipe-style", .lintRule)
  public static let tableSwallowedRow = DiagnosticCode("table-swallowed-row", .lintRule)
  public static let tableTooLarge = DiagnosticCode("table-too-large", .lintRule)
  // Layout measured in headless Chromium.
  public static let slideOverflow = DiagnosticCode("slide-overflow", .lintRule)
  public static let textTooSmall = DiagnosticCode("text-too-small", .lintRule)
  public static let lowContrast = DiagnosticCode("low-contrast", .lintRule)
  public static let unclosedBlock = DiagnosticCode("unclosed-block", .lintRule)
  public static let unknownPlaceholder = DiagnosticCode("unknown-placeholder", .lintRule)
  // Generic Markdown rules with markdownlint equivalents.
  public static let codeFenceLanguage = DiagnosticCode("code-fence-language", .lintRule)
  public static let headingIncrement = DiagnosticCode("heading-increment", .lintRule)
  public static let imageAltText = DiagnosticCode("image-alt-text", .lintRule)
  public static let linkTarget = DiagnosticCode("link-target", .lintRule)
  public static let singleTopHeading = DiagnosticCode("single-top-heading", .lintRule)
  public static let tableBlankLines = DiagnosticCode("table-blank-lines", .lintRule)
  public static let trailingSpaces = DiagnosticCode("trailing-spaces", .lintRule)

  /// Every code, grouped by producer: the one list of ids `lectern lint --list-rules` and the tests read.
  public static let registry: [DiagnosticCode] = [
    .nestingTooDeep,
    .frontMatterYAML, .frontMatterUnterminated, .emptyDeck, .unclosedComment, .unclosedCodeFence, .unknownDirective,
    .invalidDirectiveValue,
    .unknownTheme, .unknownSize, .themeImport, .missingImage, .noHighlighter, .noKaTeX, .noMetricsStore,
    .actionNoOwner, .actionNoDue, .actionNoStatus, .durationMismatch, .narrativeDisagrees, .renamedMetric, .severityProse,
    .severityRange, .templateRow, .timelineOrder, .timelinePlaceholder, .unknownMetric, .severityConflict, .invalidDate,
    .actionNoNarrative,
    .emptySlide, .postmortem, .frontMatterNotFirst, .mojibake, .tabSeparatedTable, .tableCodeSpanPipe, .tableEmptyHeader,
    .tableExtraCells, .tableMissingCells, .tableNotParsed, .tablePipeStyle, .tableSwallowedRow, .tableTooLarge,
    .unclosedBlock, .unknownPlaceholder, .codeFenceLanguage, .headingIncrement, .imageAltText, .linkTarget,
    .singleTopHeading, .tableBlankLines, .trailingSpaces, .slideOverflow, .textTooSmall, .lowContrast,
  ]
}
