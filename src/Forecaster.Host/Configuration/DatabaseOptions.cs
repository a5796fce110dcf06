namespace Forecaster.Host.Configuration;

public sealed class DatabaseOptions
{
    public const string SectionName = "Forecaster:Database";

    /// <summary>Read from <c>ConnectionStrings:Forecaster</c> (env <c>ConnectionStrings__Forecaster</c>), not from this section.</summary>
    public const string ConnectionStringName = "Forecaster";

    /// <summary>Apply pending migrations before the service starts; off when a deploy step migrates.</summary>
    public bool MigrateOnStart { get; set; } = true;

    public string ConnectionString { get; set; } = "";
}
