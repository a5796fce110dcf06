using Forecaster.Data.Access;
using Forecaster.Data.Runs;

namespace Forecaster.Data.Tests;

/// <summary>Builds runs and publications the way the host would, with fixed times so results are exact.</summary>
internal static class Publishing
{
    public static readonly DateTime Start = new(2026, 3, 2, 6, 0, 0, DateTimeKind.Utc);

    public static async Task<long> StartAsync(ForecasterDatabase data, string seriesKey, string instance = "node-a", DateTime? at = null) =>
        await new RunStore(data).StartRunAsync(
            new RunStart(seriesKey, instance, at ?? Start, Seed: 42, WindowSize: 32, Horizon: 5, HyperParametersJson: """{"hidden":16}"""),
            CancellationToken.None);

    public static RunPublication Publication(
        long runId,
        string seriesKey,
        string instance = "node-a",
        int steps = 5,
        double level = 100,
        IReadOnlyList<ForecastPoint>? forecasts = null) =>
        new(
            runId,
            seriesKey,
            instance,
            FinishedAt: Start.AddMinutes(1),
            DataWatermark: new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            PointsUsed: 250,
            WarmStarted: false,
            new RunMetrics(Epochs: 30, TrainLoss: 0.01, ValidationLoss: 0.02, ValidationMae: 1.5, ValidationRmse: 2.0, ValidationMase: 0.9),
            forecasts ?? Forecasts(steps, level),
            ModelBlob: [1, 2, 3, (byte)runId],
            ModelFormatVersion: 1);

    public static IReadOnlyList<ForecastPoint> Forecasts(int steps, double level) =>
        Enumerable.Range(1, steps)
            .Select(step => new ForecastPoint(
                step,
                new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(step),
                level + step,
                level + step - 1,
                level + step + 1,
                level + step - 2,
                level + step + 2))
            .ToArray();
}
