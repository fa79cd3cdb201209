import CloserCore
import NIOSSL
import PostgresNIO

/// libpq's `sslmode` as postgres-nio's TLS setting. `disable` never encrypts; `allow` and
/// `prefer` encrypt when the server offers it; `require` insists on encryption but, like libpq
/// without a root certificate, checks no certificate; `verify-ca` checks the chain against the
/// root certificates (`sslrootcert`, `~/.postgresql/root.crt`, else the system's) and
/// `verify-full` the host name too.
enum TLSChoice {
    static func tls(for settings: PostgresSettings) throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch settings.sslMode {
        case .disable: return .disable
        case .allow, .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let root = settings.sslRootCertificate, settings.sslMode == .verifyCA || settings.sslMode == .verifyFull {
            configuration.trustRoots = .file(root)
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw StoreError.cannotOpen(path: settings.location, reason: "the SSL settings cannot be used: \(error)")
        }
        return settings.sslMode == .require || settings.sslMode == .verifyCA || settings.sslMode == .verifyFull
            ? .require(context) : .prefer(context)
    }
}
