import Foundation
import LecternCore
import LecternDORA
import LecternTestSupport
import Testing

@testable import LecternMetrics

/// The PostgreSQL store over TLS, against a real server that refuses TCP connections without it: each
/// `sslmode` connects or refuses as libpq's does, and the certificate is checked when the mode says so.
@Suite struct PostgresTLSTests {
  @Test(
    .enabled(if: PostgresServer.unavailableReason == nil, "PostgreSQL server binaries (initdb, pg_ctl) are absent"),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "the openssl command is absent"))
  func sslModesEncryptAndCheckTheCertificateAsLibpqDoes() throws {
    let server = try PostgresServer.start(tls: true)
    defer { server.stop() }
    let ca = server.certificateAuthority.path
    func store(_ host: String, _ query: String) throws -> PostgresMetricsStore {
      PostgresMetricsStore(try PostgresStoreURL("postgresql://postgres@\(host):\(server.port)/postgres?\(query)"))
    }
    func refusal(_ host: String, _ query: String) -> String? {
      do {
        _ = try store(host, query).appliedMigrations()
        return nil
      } catch {
        return "\(error)"
      }
    }

    // Encrypted, certificate not checked: the store is made and read over it.
    let required = try store("127.0.0.1", "sslmode=require")
    _ = try required.ingest(RecordBatch())
    #expect(try required.appliedMigrations() == [MetricsStore.v1, MetricsStore.v2])
    #expect(try store("127.0.0.1", "sslmode=prefer").recordCounts().deployments == 0)

    // The server refuses TCP without TLS, so the modes above really encrypted.
    #expect(refusal("127.0.0.1", "sslmode=disable") != nil, "a connection without TLS is refused")

    // Checked against the server's own authority: the chain (verify-ca) and also the name (verify-full).
    #expect(refusal("127.0.0.1", "sslmode=verify-ca&sslrootcert=\(ca)") == nil)
    #expect(refusal("localhost", "sslmode=verify-full&sslrootcert=\(ca)") == nil)
    // The certificate names localhost, not 127.0.0.1; and without the authority it is not trusted at all.
    #expect(refusal("127.0.0.1", "sslmode=verify-full&sslrootcert=\(ca)") != nil)
    #expect(refusal("localhost", "sslmode=verify-full") != nil)
    #expect(refusal("localhost", "sslmode=verify-ca") != nil)
  }
}
