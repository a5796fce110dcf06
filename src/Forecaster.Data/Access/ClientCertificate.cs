using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Npgsql;

namespace Forecaster.Data.Access;

/// <summary>
/// The client certificate Npgsql would load from SSL Certificate, SSL Key and SSL Password (or PGSSLCERT and
/// PGSSLKEY), loaded the way Npgsql 10 loads it, so that <see cref="ConnectionStringSecrets"/> can hand Npgsql the
/// certificate instead of the password.
/// </summary>
internal static class ClientCertificate
{
    /// <summary>The certificate with its private key, or null when no certificate is configured.</summary>
    /// <exception cref="ArgumentException">The certificate or key cannot be read or decrypted (the message names the file).</exception>
    public static X509Certificate2? Load(NpgsqlConnectionStringBuilder settings)
    {
        var certificatePath = settings.SslCertificate ?? Environment.GetEnvironmentVariable("PGSSLCERT");
        if (string.IsNullOrEmpty(certificatePath))
        {
            return null;
        }

        var keyPath = settings.SslKey ?? Environment.GetEnvironmentVariable("PGSSLKEY");
        try
        {
            if (string.Equals(Path.GetExtension(certificatePath), ".pfx", StringComparison.OrdinalIgnoreCase))
            {
                return X509CertificateLoader.LoadPkcs12FromFile(certificatePath, settings.SslPassword);
            }

            using var pem = X509Certificate2.CreateFromEncryptedPemFile(certificatePath, settings.SslPassword, keyPath);

            // As Npgsql does: SChannel on Windows cannot use the ephemeral key of a PEM-loaded certificate.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            // The password is never part of the message: only the files and the reason.
            throw new ArgumentException(
                $"SSL Certificate '{certificatePath}'{(keyPath is null ? "" : $" with SSL Key '{keyPath}'")} cannot be loaded with " +
                $"the SSL Password given: {e.Message}",
                e);
        }
    }
}
