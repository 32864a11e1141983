extension SectionKind {
  /// How a report labels the kind: `Root causes`, `Action items`.
  public var displayName: String {
    switch self {
    case .metadata: "Details"
    case .summary: "Summary"
    case .impact: "Impact"
    case .background: "Background"
    case .timeline: "Timeline"
    case .causes: "Root causes"
    case .trigger: "Trigger"
    case .detection: "Detection"
    case .response: "Response"
    case .resolution: "Resolution"
    case .lessons: "Lessons"
    case .wentWell: "What went well"
    case .wentWrong: "What went wrong"
    case .gotLucky: "Where we got lucky"
    case .actionItems: "Action items"
    case .stats: "Stats"
    case .attendees: "Attendees"
    case .appendix: "Appendix"
    case .glossary: "Glossary"
    case .speakerNotes: "Speaker notes"
    case .narrative: "Narrative"
    case .other: "Other"
    }
  }

  /// The kind as a CSS class suffix and JSON value: `action-items`, `went-well`.
  public var cssName: String {
    var out = ""
    for c in rawValue {
      if c.isUppercase {
        out += "-" + c.lowercased()
      } else {
        out.append(c)
      }
    }
    return out
  }
}
