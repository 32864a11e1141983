import Foundation

/// `0..<count` cut into about four runs of consecutive indices per core, in order: work on all cores in pieces
/// large enough that a thread's hand-over costs little, small enough that the cores finish together.
public enum WorkRuns {
  public static func of(_ count: Int) -> [Range<Int>] {
    let runs = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount * 4))
    let per = max(1, (count + runs - 1) / runs)
    return stride(from: 0, to: count, by: per).map { $0..<min($0 + per, count) }
  }
}
