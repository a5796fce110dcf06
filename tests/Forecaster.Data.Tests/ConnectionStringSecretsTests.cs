using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Forecaster.Data.Access;
using Npgsql;

namespace Forecaster.Data.Tests;

/// <summary>Every secret keyword Npgsql knows, in each spelling it accepts, is masked; nothing else is.</summary>
public sealed class ConnectionStringSecretsTests
{
    private const string Secret = "Secret5d0c";

    [Theory]
    [InlineData("Password")]
    [InlineData("PWD")]
    [InlineData("PSW")]
    [InlineData("SSL Password")]
    [InlineData("SslPassword")]
    public void A_secret_in_any_spelling_is_masked(string keyword)
    {
        var redacted = ConnectionStringSecrets.Redact($"Host=db;Username=svc;{keyword}={Secret};SSL Key=/etc/forecaster/client.key");

        Assert.DoesNotContain(Secret, redacted, StringComparison.Ordinal);
        Assert.Contains("=***", redacted, StringComparison.Ordinal);
        Assert.Contains("Username=svc", redacted, StringComparison.Ordinal);
        Assert.Contains("SSL Key=/etc/forecaster/client.key", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void The_secrets_are_read_from_npgsql_and_include_both_passwords()
    {
        Assert.Equal(
            [nameof(NpgsqlConnectionStringBuilder.Password), nameof(NpgsqlConnectionStringBuilder.SslPassword)],
            ConnectionStringSecrets.Properties.Select(property => property.Name).Order());
    }

    [Fact]
    public void An_unparseable_connection_string_is_not_echoed()
    {
        Assert.Equal("(unparseable connection string)", ConnectionStringSecrets.Redact($"Password={Secret};Port=none"));
    }

    [Fact]
    public void An_encrypted_client_key_is_loaded_here_and_npgsql_gets_the_certificate_without_the_password()
    {
        using var files = new ClientCertificateFiles(Secret);

        var builder = ConnectionStringSecrets.DataSourceBuilder(files.ConnectionString(Secret));
        using var certificate = ClientCertificate.Load(new NpgsqlConnectionStringBuilder(files.ConnectionString(Secret)));

        Assert.Null(builder.ConnectionStringBuilder.SslPassword);
        Assert.Null(builder.ConnectionStringBuilder.SslCertificate);
        Assert.DoesNotContain(Secret, builder.ConnectionString, StringComparison.Ordinal);
        Assert.Equal("CN=forecaster_svc", certificate!.Subject);
        Assert.True(certificate.HasPrivateKey);
    }

    [Fact]
    public void A_wrong_ssl_password_is_reported_naming_the_file_and_not_the_password()
    {
        using var files = new ClientCertificateFiles(Secret);

        var error = Assert.Throws<ArgumentException>(
            () => ConnectionStringSecrets.DataSourceBuilder(files.ConnectionString("Wrong" + Secret)));

        Assert.Contains(files.Certificate, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A self-signed client certificate and its private key, encrypted with a password, as PEM files.</summary>
    private sealed class ClientCertificateFiles : IDisposable
    {
        private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("forecaster-client-cert.");

        public ClientCertificateFiles(string password)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest(
                "CN=forecaster_svc", key, HashAlgorithmName.SHA256,
                RSASignaturePadding.Pkcs1);
            var now = TimeProvider.System.GetUtcNow();
            using var certificate = request.CreateSelfSigned(now.AddMinutes(-1), now.AddDays(1));
            File.WriteAllText(Certificate, certificate.ExportCertificatePem());
            File.WriteAllText(Key, key.ExportEncryptedPkcs8PrivateKeyPem(
                password,
                new PbeParameters(
                    PbeEncryptionAlgorithm.Aes256Cbc,
                    HashAlgorithmName.SHA256,
                    10_000)));
        }

        public string Certificate => Path.Combine(_directory.FullName, "client.crt");

        private string Key => Path.Combine(_directory.FullName, "client.key");

        public string ConnectionString(string password) => new NpgsqlConnectionStringBuilder
        {
            Host = "db", Username = "forecaster_svc", SslCertificate = Certificate, SslKey = Key, SslPassword = password,
        }.ConnectionString;

        public void Dispose() => _directory.Delete(recursive: true);
    }
}
