namespace Forecaster.Data.Import;

/// <summary>A line of the file that was not imported, and why. Line 1 is the header.</summary>
public sealed record RejectedLine(long LineNumber, string Reason);

/// <summary>
/// Outcome of one import. Every accepted line is exactly one of inserted, updated (price differed) or unchanged;
/// <see cref="RejectedCount"/> counts all rejected lines while <see cref="Rejected"/> lists the first
/// <see cref="PriceImporter.MaxListedRejections"/> of them in line order.
/// </summary>
public sealed record ImportReport(long Inserted, long Updated, long Unchanged, long RejectedCount, IReadOnlyList<RejectedLine> Rejected)
{
    public long Accepted => Inserted + Updated + Unchanged;
}
