import Foundation
import LecternCore
import LecternPostmortem
import LecternTestSupport
import Testing

@Suite struct Probe {
  @Test func dump() throws {
    guard let path = ProcessInfo.processInfo.environment["PM_PROBE"] else { return }
    let pm = Postmortem(source: try SourceFile.load(path: path))
    print("TITLE", pm.title ?? "-", "META", pm.meta)
    for s in pm.sections { print("SEC", s.kind, s.level, s.heading) }
    for i in pm.actionItems { print("ITEM", i.horizon, i.team ?? "-", i.owner ?? "-", i.what.prefix(50), i.why?.prefix(30) ?? "-", i.doraMetric?.rawValue ?? "-", i.status?.rawValue ?? "-", i.due ?? "-", i.tracking, i.origin, i.narrativeLine ?? 0) }
    for t in pm.timeline { print("TL", t.at.raw, t.at.precision, t.markers.map(\.rawValue).sorted(), t.text.prefix(50)) }
    for s in pm.responseSLAs { print("SLA", s.severity.level, s.name ?? "-", s.responseSeconds ?? -1, s.raw) }
    for b in pm.benchmarks { print("BENCH", b.metric, b.values) }
    for d in pm.declaredDurations { print("DUR", d.label, d.minutes ?? -1, d.raw, d.businessHoursOnly) }
    for n in pm.narrative { print("NARR", n.heading, n.paragraphs.count) }
    for f in pm.findings { print("FIND", f.formatted) }
    print("TTR", pm.computedTimeToRestoreMinutes ?? -1)
  }
}
