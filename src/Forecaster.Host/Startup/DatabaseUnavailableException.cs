namespace Forecaster.Host.Startup;

/// <summary>The database cannot be reached now (refused, timed out, starting up, out of connections): worth retrying later.</summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
    {
    }

    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
