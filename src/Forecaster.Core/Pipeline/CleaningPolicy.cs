namespace Forecaster.Core.Pipeline;

/// <summary>How a series' raw points are made trainable (see <see cref="HistoryCleaner"/>).</summary>
/// <param name="InvalidValues">What happens to NaN, infinite, zero or negative prices.</param>
/// <param name="MaxInvalidShare">Above this share of invalid points the series fails even when dropping is allowed.</param>
public sealed record CleaningPolicy(InvalidValuePolicy InvalidValues = InvalidValuePolicy.DropAndRecord, double MaxInvalidShare = 0.05);
