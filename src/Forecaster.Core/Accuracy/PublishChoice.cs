using Forecaster.Core.Champion;

namespace Forecaster.Core.Accuracy;

/// <summary>
/// What a run publishes, given the champion gate's decision and the series' live-accuracy demotion: a demoted series
/// whose network won the gate publishes the best baseline instead, with <see cref="DemotedReason"/>. The network's own
/// forecast is then the run's shadow, scored like the published one so it can win its place back.
/// </summary>
public sealed record PublishChoice(ForecastMethod Method, string? ReasonCode)
{
    public const string DemotedReason = "demoted_live_accuracy";

    /// <summary>Whether the network's forecast must be kept as a shadow (it is not what is published).</summary>
    public bool NeedsShadow => Method != ForecastMethod.Rnn;

    public static PublishChoice Decide(ChampionDecision decision, bool demoted)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return demoted && decision.Champion == ForecastMethod.Rnn
            ? new PublishChoice(decision.BestBaseline, DemotedReason)
            : new PublishChoice(decision.Champion, null);
    }
}
