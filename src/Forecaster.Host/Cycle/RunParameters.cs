using System.Text.Json;
using System.Text.Json.Serialization;
using Forecaster.Core.Pipeline;
using Forecaster.Core.Training;
using Forecaster.Host.Configuration;

namespace Forecaster.Host.Cycle;

/// <summary>
/// What a run is stored with (<c>forecast_runs.hyper_parameters</c>): the effective training settings and
/// the cleaning policy its history went through, so any forecast can be traced to how it was made.
/// </summary>
internal static class RunParameters
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string ToJson(TrainingSettings settings, SeriesOptions series) =>
        JsonSerializer.Serialize(
            new
            {
                Training = settings,
                History = new
                {
                    series.HistoryPoints,
                    series.InvalidValues,
                    series.MaxInvalidShare,
                    DuplicateTimestamps = "last value read wins",
                    HistoryCleaner.MinimumPoints,
                },
            },
            Json);
}
