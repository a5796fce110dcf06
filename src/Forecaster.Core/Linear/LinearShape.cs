namespace Forecaster.Core.Linear;

/// <summary>
/// The inputs of <see cref="DirectRidge"/> for the window ending at observation e and step k, all log values relative to
/// the last one: the changes from the <see cref="Lags"/> − 1 values before it, the mean of the last
/// <see cref="LevelWindow"/> values when it is above 1 (a level that ignores phase), each season's anchors, and 1.
/// </summary>
public sealed record LinearShape(int Lags, int LevelWindow, IReadOnlyList<SeasonAnchor> Anchors)
{
    public int FeatureCount => Lags - 1 + (LevelWindow > 1 ? 1 : 0) + Anchors.Sum(anchor => anchor.FeatureCount) + 1;

    /// <summary>The smallest window end with every input observed.</summary>
    public int FirstEnd => Math.Max(Math.Max(Lags, LevelWindow) - 1, Anchors.Count == 0 ? 0 : Anchors.Max(anchor => anchor.Lag) - 1);

    public bool Equals(LinearShape? other) =>
        other is not null && Lags == other.Lags && LevelWindow == other.LevelWindow && Anchors.SequenceEqual(other.Anchors);

    public override int GetHashCode() => HashCode.Combine(Lags, LevelWindow, Anchors.Count);

    /// <summary>Inputs that do not depend on the step (lag changes and the level), written once per window.</summary>
    internal int SharedCount => Lags - 1 + (LevelWindow > 1 ? 1 : 0);

    /// <summary>Inputs of the seasons' anchors, which move with the step.</summary>
    internal int AnchorCount => Anchors.Sum(anchor => anchor.FeatureCount);

    /// <summary>All inputs in model order: shared, anchors, then the constant 1.</summary>
    internal void WriteFeatures(ReadOnlySpan<double> logs, int end, int step, Span<double> features)
    {
        WriteShared(logs, end, features);
        WriteAnchors(logs, end, step, features[SharedCount..]);
        features[FeatureCount - 1] = 1;
    }

    internal void WriteShared(ReadOnlySpan<double> logs, int end, Span<double> features)
    {
        var last = logs[end];
        var f = 0;
        for (var j = 1; j < Lags; j++)
        {
            features[f++] = logs[end - j] - last;
        }

        if (LevelWindow > 1)
        {
            var sum = 0.0;
            for (var j = 0; j < LevelWindow; j++)
            {
                sum += logs[end - j];
            }

            features[f] = (sum / LevelWindow) - last;
        }
    }

    internal void WriteAnchors(ReadOnlySpan<double> logs, int end, int step, Span<double> features)
    {
        var last = logs[end];
        var f = 0;
        foreach (var anchor in Anchors)
        {
            var latest = end + step - (anchor.Lag * ((step + anchor.Lag - 1) / anchor.Lag));
            features[f++] = logs[latest] - last;
            if (anchor.ProfileCycles > 0)
            {
                var sum = 0.0;
                var cycles = 0;
                for (var index = latest; index >= 0 && cycles < anchor.ProfileCycles; index -= anchor.Lag)
                {
                    sum += logs[index];
                    cycles++;
                }

                features[f++] = (sum / cycles) - last;
            }
        }
    }
}
