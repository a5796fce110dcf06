namespace Forecaster.Core.Linear;

/// <summary>
/// A season's inputs to the linear model: the log value one cycle of <see cref="Lag"/> before the target and, when
/// <see cref="ProfileCycles"/> is positive, the mean log value at the target's phase over up to that many earlier
/// cycles (the seasonal pattern, steadier than one cycle; fewer cycles where history is shorter).
/// </summary>
public readonly record struct SeasonAnchor(int Lag, int ProfileCycles = SeasonAnchor.DefaultProfileCycles)
{
    public const int DefaultProfileCycles = 4;

    public int FeatureCount => ProfileCycles > 0 ? 2 : 1;
}
