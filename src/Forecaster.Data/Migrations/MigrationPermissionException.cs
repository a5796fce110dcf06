namespace Forecaster.Data.Migrations;

/// <summary>
/// The login may not create or change the schema (a service login with DML rights only): migrations must run as the
/// schema owner. The message says so; the inner exception is the database's refusal.
/// </summary>
public sealed class MigrationPermissionException : Exception
{
    public MigrationPermissionException()
    {
    }

    public MigrationPermissionException(string message)
        : base(message)
    {
    }

    public MigrationPermissionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
