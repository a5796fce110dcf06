namespace Forecaster.Data.Results;

/// <summary>A trained model as stored: an opaque blob in the format identified by <see cref="FormatVersion"/>.</summary>
public sealed record StoredModel(string SeriesKey, int Version, int FormatVersion, long RunId, DateTime CreatedAt, byte[] Blob);
