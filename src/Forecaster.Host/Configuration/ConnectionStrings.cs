using Npgsql;

namespace Forecaster.Host.Configuration;

internal static class ConnectionStrings
{
    /// <summary>The connection string with its password masked, the only form that may reach a log or console.</summary>
    public static string Redact(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }
    }
}
