namespace Forecaster.Host.Cycle;

/// <summary>A series' usable points, oldest first, and what cleaning removed (recorded on the run).</summary>
public sealed record CleanHistory(DateTime[] Timestamps, double[] Values, int DroppedInvalid, int MergedDuplicates)
{
    public string? Note => DroppedInvalid == 0 && MergedDuplicates == 0
        ? null
        : $"dropped {DroppedInvalid} non-finite or non-positive value(s); merged {MergedDuplicates} duplicate timestamp(s) keeping the last value";
}
