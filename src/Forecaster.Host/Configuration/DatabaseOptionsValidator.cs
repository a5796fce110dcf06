using Forecaster.Data.Access;
using Microsoft.Extensions.Options;

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
            // Also loads a client certificate protected by SSL Password, so a wrong password or file stops the start here.
            _ = ConnectionStringSecrets.DataSourceBuilder(options.ConnectionString);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            // The value itself is never echoed: it may hold a password.
            return ValidateOptionsResult.Fail($"{ConnectionStringKey} is not a valid PostgreSQL connection string: {e.Message}");
        }
    }
}
