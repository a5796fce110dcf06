using Microsoft.Extensions.Options;
using Npgsql;

namespace Forecaster.Host.Configuration;

internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    private const string ConnectionStringKey = "ConnectionStrings:" + DatabaseOptions.ConnectionStringName;

    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{ConnectionStringKey} is not set: configure it in appsettings.json or the environment variable " +
                $"ConnectionStrings__{DatabaseOptions.ConnectionStringName}.");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            // The value itself is never echoed: it may hold a password.
            return ValidateOptionsResult.Fail($"{ConnectionStringKey} is not a valid PostgreSQL connection string: {e.Message}");
        }
    }
}
