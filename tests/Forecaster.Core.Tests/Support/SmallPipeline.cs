using Forecaster.Core.Champion;
using Forecaster.Core.Models;
using Forecaster.Core.Pipeline;
using Forecaster.Core.Training;

namespace Forecaster.Core.Tests.Support;

/// <summary>The pipeline with networks small enough for unit tests, on daily stamps unless given others.</summary>
internal static class SmallPipeline
{
    public static readonly TrainingSettings Training = new() { Window = 16, HiddenSize = 8, Horizon = 3, MaxEpochs = 15, Patience = 4 };

    public static readonly ChampionSettings Champion = new() { EnsembleSize = 2 };

    private static readonly DateTime Start = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime[] Stamps(int count, TimeSpan step) => [.. Enumerable.Range(0, count).Select(i => Start + (step * i))];

    public static SeriesFit Fit(
        double[] values,
        TrainingSettings? training = null,
        ChampionSettings? champion = null,
        IReadOnlyList<SeriesModel>? warmStarts = null,
        DateTime[]? stamps = null) =>
        SeriesPipeline.Fit(
            stamps ?? Stamps(values.Length,
                TimeSpan.FromDays(1)), values, training ?? Training, champion ?? Champion, warmStarts ?? [], CancellationToken.None);
}
