namespace Forecaster.Core.Accuracy;

/// <summary>
/// Live-accuracy demotion of the network. A series is demoted when, over the network's last <see cref="Window"/> scored
/// steps (published or shadow), its errors are worse than naive's on the same steps with one-sided p below
/// <see cref="Significance"/> (<see cref="LiveComparison"/>), given at least <see cref="MinimumPoints"/> steps. While
/// demoted, the network's shadow forecasts keep being scored; it is reinstated once, over at least
/// <see cref="MinimumPoints"/> steps forecast since the demotion, its mean error is below naive's: demoting asks for
/// evidence, winning again only for a better record, so a series does not flap on noise.
/// </summary>
public sealed record DemotionPolicy
{
    public bool Enabled { get; init; } = true;

    public int Window { get; init; } = 40;

    public int MinimumPoints { get; init; } = 20;

    public double Significance { get; init; } = 0.05;

    /// <param name="recent">The network's last scored steps, in target order (at most <see cref="Window"/> are used).</param>
    /// <param name="sinceDemotion">Of those and earlier, the steps forecast since the demotion (empty when not demoted).</param>
    public DemotionVerdict Judge(bool demoted, IReadOnlyList<ScoredDifference> recent, IReadOnlyList<ScoredDifference> sinceDemotion)
    {
        ArgumentNullException.ThrowIfNull(recent);
        ArgumentNullException.ThrowIfNull(sinceDemotion);
        var window = recent.Skip(Math.Max(0, recent.Count - Window)).ToArray();
        var comparison = LiveComparison.Test(
            [.. window.Select(point => point.Difference)],
            window.Length == 0 ? 1 : window.Max(point => point.Step));
        if (!demoted)
        {
            var worse = window.Length >= MinimumPoints && comparison.PValue < Significance;
            return new DemotionVerdict(worse ? DemotionChange.Demote : DemotionChange.None, comparison);
        }

        var since = sinceDemotion.Skip(Math.Max(0, sinceDemotion.Count - Window)).ToArray();
        var recovered = since.Length >= MinimumPoints && since.Average(point => point.Difference) < 0;
        return new DemotionVerdict(recovered ? DemotionChange.Reinstate : DemotionChange.None, comparison);
    }
}

/// <summary>One scored step of the network: its step and |e_network| − |e_naive| in naive-scale units.</summary>
public readonly record struct ScoredDifference(int Step, double Difference);

public enum DemotionChange
{
    None,
    Demote,
    Reinstate,
}

/// <summary>What to do, and the comparison over the recent window it was judged on (recorded with the series).</summary>
public sealed record DemotionVerdict(DemotionChange Change, LiveComparison Comparison);
