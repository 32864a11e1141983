import Foundation
import LecternCore
import LecternDORA
import LecternTestSupport
import Testing

@testable import LecternMetrics

/// Trend buckets cut by the window's edges are marked, so a short first or last week is not read as a dip.
@Suite(.postgresServer) struct PartialBucketTests {
  @Test(arguments: StoreKind.tested) func bucketsClippedByTheWindowArePartial(_ kind: StoreKind) throws {
    // 2026-03-01 is a Sunday: the first weekly bucket is one day of its week; 03-02 and 03-09 start whole
    // weeks, and the window ends 03-11, cutting the last one.
    let trend = try DORACalculator(store: try HandDataset.store(kind)).trend(window: HandDataset.window, by: .week)
    #expect(trend.map(\.window.start.description) == ["2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z"])
    #expect(trend.map(\.isPartialBucket) == [true, false, true])
    let days = try DORACalculator(store: try HandDataset.store(kind)).trend(window: HandDataset.window, by: .day)
    #expect(days.allSatisfy { !$0.isPartialBucket })
  }
}
