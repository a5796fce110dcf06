using Forecaster.Core.Accuracy;
using Xunit;

namespace Forecaster.Core.Tests.Accuracy;

/// <summary>Which steps a verdict is judged on: the last <see cref="DemotionPolicy.Window"/> of them, at their largest step.</summary>
public sealed class DemotionPolicyTests
{
    private static readonly DemotionPolicy Policy = new() { Window = 30, MinimumPoints = 20, Significance = 0.05 };

    private static readonly ScoredDifference[] Worse = Steps(30, i => 0.3 + (0.2 * Math.Sin(i)));

    private static readonly ScoredDifference[] Even = Steps(30, i => i % 2 == 0 ? 1 : -1);

    [Fact]
    public void Only_the_last_window_of_steps_is_judged()
    {
        var recovered = Policy.Judge(demoted: false, [.. Worse, .. Even], []);
        var deteriorated = Policy.Judge(demoted: false, [.. Even, .. Worse], []);

        Assert.Equal((DemotionChange.None, 30), (recovered.Change, recovered.Comparison.Points));
        Assert.Equal(0, recovered.Comparison.MeanDifference, 12);
        Assert.Equal((DemotionChange.Demote, 30), (deteriorated.Change, deteriorated.Comparison.Points));
    }

    [Fact]
    public void The_comparison_allows_for_the_largest_step_in_the_window()
    {
        var threeStep = Worse.Select((point, i) => point with { Step = 1 + (i % 3) }).ToArray();

        var verdict = Policy.Judge(demoted: false, threeStep, []);

        Assert.Equal(LiveComparison.Test([.. Worse.Select(point => point.Difference)], horizon: 3), verdict.Comparison);
    }

    [Fact]
    public void Reinstating_looks_only_at_the_last_window_of_steps_since_the_demotion()
    {
        var better = Steps(30, _ => -0.2);
        var laterWorse = Steps(30, _ => 0.5);

        Assert.Equal(DemotionChange.Reinstate, Policy.Judge(demoted: true, Worse, [.. laterWorse, .. better]).Change);
        Assert.Equal(DemotionChange.None, Policy.Judge(demoted: true, Worse, [.. better, .. laterWorse]).Change);
    }

    [Fact]
    public void No_scored_steps_change_nothing()
    {
        var verdict = Policy.Judge(demoted: false, [], []);

        Assert.Equal((DemotionChange.None, 0), (verdict.Change, verdict.Comparison.Points));
        Assert.Equal(DemotionChange.None, Policy.Judge(demoted: true, [], []).Change);
    }

    private static ScoredDifference[] Steps(int count, Func<int, double> difference) =>
        [.. Enumerable.Range(0, count).Select(i => new ScoredDifference(1, difference(i)))];
}
