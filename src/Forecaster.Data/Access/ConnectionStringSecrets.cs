using System.ComponentModel;
using System.Reflection;
using Npgsql;

namespace Forecaster.Data.Access;

/// <summary>
/// The secrets a connection string may carry, as Npgsql knows them, and the redacted form that alone may reach a log,
/// a trace, a metric, an exception message or a console.
/// </summary>
public static class ConnectionStringSecrets
{
    private const string Mask = "***";

    /// <summary>
    /// Every property of <see cref="NpgsqlConnectionStringBuilder"/> that holds a secret: those Npgsql marks with
    /// <see cref="PasswordPropertyTextAttribute"/> (Password) and those whose keyword names a password, which catches
    /// SSL Password (the client key's passphrase), unmarked in Npgsql 10. Read from the builder, not listed by hand, so
    /// a secret a later Npgsql adds or marks is masked too; the builder resolves synonyms (PWD, PSW, SslPassword).
    /// </summary>
    public static IReadOnlyList<PropertyInfo> Properties { get; } = [.. typeof(NpgsqlConnectionStringBuilder).GetProperties()
        .Where(property => property.PropertyType == typeof(string) && property.CanWrite)
        .Where(property => property.GetCustomAttribute<PasswordPropertyTextAttribute>()?.Password == true || NamesAPassword(property))];

    private static bool NamesAPassword(PropertyInfo property) =>
        property.GetCustomAttribute<DisplayNameAttribute>()?.DisplayName.Contains("password", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The connection string with every secret masked; an unparseable one is not echoed at all.</summary>
    public static string Redact(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            foreach (var secret in Properties)
            {
                if (!string.IsNullOrEmpty((string?)secret.GetValue(builder)))
                {
                    secret.SetValue(builder, Mask);
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }
    }

    /// <summary>
    /// A data source builder that never gives Npgsql the SSL Password: Npgsql drops only the password from the
    /// connection string it logs (every connection's log state), traces and names its pool by (a metric attribute). So
    /// the client certificate is loaded here and handed over instead, the connection string goes without SSL Password,
    /// SSL Certificate and SSL Key, and the data source is named by the redacted string.
    /// </summary>
    /// <exception cref="ArgumentException">The connection string is malformed or its client certificate cannot be loaded.</exception>
    public static NpgsqlDataSourceBuilder DataSourceBuilder(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var certificate = string.IsNullOrEmpty(settings.SslPassword) ? null : ClientCertificate.Load(settings);
        if (certificate is not null || !string.IsNullOrEmpty(settings.SslPassword))
        {
            settings.SslPassword = null;
            settings.SslCertificate = null;
            settings.SslKey = null;
        }

        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString) { Name = Redact(connectionString) };
        return certificate is null
            ? builder
            : builder.UseSslClientAuthenticationOptionsCallback(options => options.ClientCertificates = [certificate]);
    }
}
