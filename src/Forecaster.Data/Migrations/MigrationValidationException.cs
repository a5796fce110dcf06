namespace Forecaster.Data.Migrations;

/// <summary>
/// The database records an applied migration whose file now differs (or is gone): migrating on would
/// leave the schema different from what the files describe, so nothing is applied.
/// </summary>
public sealed class MigrationValidationException : Exception
{
    public MigrationValidationException(string fileName, string message, Exception innerException)
        : base(message, innerException)
    {
        FileName = fileName;
    }

    /// <summary>The migration file that no longer matches its applied checksum.</summary>
    public string FileName { get; }
}
