/// Percentiles by linear interpolation between closest ranks ("type 7", NumPy's default):
/// position h = (n − 1)·q, interpolated between x⌊h⌋ and x⌈h⌉. `nil` for no values.
public func percentile(_ values: [Double], _ q: Double) -> Double? {
  guard !values.isEmpty else { return nil }
  let sorted = values.sorted()
  return percentile(sorted: sorted, q)
}

public func percentile(sorted: [Double], _ q: Double) -> Double? {
  guard !sorted.isEmpty else { return nil }
  let h = Double(sorted.count - 1) * q
  let lo = Int(h.rounded(.down))
  let hi = Int(h.rounded(.up))
  return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
}
