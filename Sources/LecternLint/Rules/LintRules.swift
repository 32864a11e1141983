/// Every built-in rule, alphabetical by id. Adding a rule here adds its examples to the tests.
public enum LintRules {
  public static let all: [any LintRule.Type] = [
    CodeFenceLanguageRule.self,
    EmptySlideRule.self,
    FrontMatterRule.self,
    HeadingIncrementRule.self,
    ImageAltTextRule.self,
    InvalidDirectiveValueRule.self,
    LinkTargetRule.self,
    LowContrastRule.self,
    MissingImageRule.self,
    MojibakeRule.self,
    PostmortemRule.self,
    SingleTopHeadingRule.self,
    SlideOverflowRule.self,
    TabSeparatedTableRule.self,
    TableBlankLinesRule.self,
    TableCodeSpanPipeRule.self,
    TableEmptyHeaderRule.self,
    TableExtraCellsRule.self,
    TableMissingCellsRule.self,
    TableNotParsedRule.self,
    TablePipeStyleRule.self,
    TableSwallowedRowRule.self,
    TableTooLargeRule.self,
    TextTooSmallRule.self,
    TrailingSpacesRule.self,
    UnclosedBlockRule.self,
    UnknownDirectiveRule.self,
    UnknownPlaceholderRule.self,
    UnknownSizeRule.self,
    UnknownThemeRule.self,
  ]

  /// The rule that reports `id` (its own id or a code it re-reports).
  public static func rule(id: String) -> (any LintRule.Type)? { all.first { $0.description.answers(to: id) } }
}
