using Forecaster.Core.Pipeline;

namespace Forecaster.Host.Configuration;

/// <summary>How a series' history is read and cleaned before training.</summary>
public sealed class SeriesOptions
{
    public const string SectionName = "Forecaster:Series";

    /// <summary>Most recent points read per series; older history only slows training down.</summary>
    public int HistoryPoints { get; set; } = 2000;

    /// <summary>What happens to NaN, infinite, zero or negative prices.</summary>
    public InvalidValuePolicy InvalidValues { get; set; } = InvalidValuePolicy.DropAndRecord;

    /// <summary>Above this share of invalid points the series is failed even when dropping is allowed.</summary>
    public double MaxInvalidShare { get; set; } = 0.05;

    /// <summary>The cleaning part of these options, as the pipeline takes it.</summary>
    public CleaningPolicy Cleaning => new(InvalidValues, MaxInvalidShare);
}
