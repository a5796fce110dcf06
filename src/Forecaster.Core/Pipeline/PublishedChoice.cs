using Forecaster.Core.Champion;

namespace Forecaster.Core.Pipeline;

/// <summary>
/// What a model publishes: at step k, <see cref="Baseline"/> moved <c>Weights[k]</c> of the way to <see cref="Candidate"/>
/// (<see cref="StepWeights"/>); all weights are 0 when <see cref="Champion"/> is the baseline. Equal when every field
/// and every weight is.
/// </summary>
public sealed record PublishedChoice(
    ForecastMethod Champion, ForecastMethod Baseline, ForecastMethod Candidate, IReadOnlyList<double> Weights)
{
    public bool Equals(PublishedChoice? other) =>
        other is not null && (Champion, Baseline, Candidate) == (other.Champion, other.Baseline, other.Candidate)
        && Weights.SequenceEqual(other.Weights);

    public override int GetHashCode() => HashCode.Combine(Champion, Baseline, Candidate, Weights.Count);
}
