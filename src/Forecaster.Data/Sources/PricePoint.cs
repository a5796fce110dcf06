namespace Forecaster.Data.Sources;

/// <summary>One observation; <see cref="Timestamp"/> is UTC.</summary>
public readonly record struct PricePoint(DateTime Timestamp, double Value);
