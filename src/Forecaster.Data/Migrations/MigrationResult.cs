namespace Forecaster.Data.Migrations;

/// <summary>What one migrate call changed: the file names applied now, in order (empty when up to date).</summary>
public sealed record MigrationResult(IReadOnlyList<string> Applied)
{
    public bool WasUpToDate => Applied.Count == 0;
}
