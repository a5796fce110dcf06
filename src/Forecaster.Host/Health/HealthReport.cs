namespace Forecaster.Host.Health;

/// <summary>A probe's verdict; <paramref name="Detail"/> is the short reason an operator reads in the response.</summary>
internal sealed record HealthReport(bool Healthy, string Detail);
