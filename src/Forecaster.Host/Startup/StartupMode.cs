namespace Forecaster.Host.Startup;

/// <summary>Whether start-up waits for the database (the service) or checks it once (one-shot verbs).</summary>
public sealed record StartupMode(bool WaitForDatabase);
