namespace Forecaster.Host.Startup;

/// <summary>The environment (database, price source) is not usable; the message says what to fix.</summary>
public sealed class StartupCheckException : Exception
{
    public StartupCheckException()
    {
    }

    public StartupCheckException(string message)
        : base(message)
    {
    }

    public StartupCheckException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
