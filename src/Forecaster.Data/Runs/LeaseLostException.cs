namespace Forecaster.Data.Runs;

/// <summary>
/// The series is now claimed by another instance (this instance's lease expired and was taken over), so this
/// instance's result must not be published: the other instance's run is the current one.
/// </summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException(string seriesKey, string instanceId)
        : base($"Instance '{instanceId}' no longer holds the claim on series '{seriesKey}'.")
    {
        SeriesKey = seriesKey;
    }

    public string SeriesKey { get; }
}
