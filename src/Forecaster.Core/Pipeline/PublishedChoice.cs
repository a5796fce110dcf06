using Forecaster.Core.Champion;

namespace Forecaster.Core.Pipeline;

/// <summary>
/// What a model publishes: <see cref="Baseline"/> moved <see cref="Weight"/> of the way to <see cref="Candidate"/>
/// when <see cref="Champion"/> is the candidate, the baseline alone otherwise.
/// </summary>
public sealed record PublishedChoice(ForecastMethod Champion, ForecastMethod Baseline, ForecastMethod Candidate, double Weight);
