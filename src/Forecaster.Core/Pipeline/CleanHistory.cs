namespace Forecaster.Core.Pipeline;

/// <summary>A series' usable points, oldest first, and what cleaning removed.</summary>
public sealed record CleanHistory(DateTime[] Timestamps, double[] Values, int DroppedInvalid, int MergedDuplicates)
{
    public bool Repaired => DroppedInvalid > 0 || MergedDuplicates > 0;
}
