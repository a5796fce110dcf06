namespace Forecaster.Data.Access;

internal static class UtcTime
{
    /// <summary>timestamptz parameters take only UTC values; a local or unspecified time is a caller bug, reported early.</summary>
    public static DateTime Require(DateTime value) =>
        value.Kind == DateTimeKind.Utc ? value : throw new ArgumentException("Timestamps must be UTC (DateTimeKind.Utc).", nameof(value));
}
