namespace Forecaster.Core.Calendar;

/// <summary>
/// The rhythm a series is observed on, used to stamp forecast steps. Forecast step k lands on the k-th
/// calendar slot after the last observation, so a model trained on "one step = one observation" keeps
/// that meaning in the future (e.g. weekday data skips the weekend instead of forecasting Saturday).
/// </summary>
public abstract class Cadence
{
    /// <summary>Human-readable rule, recorded on each run so a surprising stamp can be explained.</summary>
    public abstract string Description { get; }

    /// <summary>The first slot strictly after <paramref name="observation"/>.</summary>
    public abstract DateTime SlotAfter(DateTime observation);

    /// <summary>The next <paramref name="steps"/> slots after <paramref name="lastObservation"/>.</summary>
    public DateTime[] Project(DateTime lastObservation, int steps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var targets = new DateTime[steps];
        var current = lastObservation;
        for (var step = 0; step < steps; step++)
        {
            current = SlotAfter(current);
            targets[step] = current;
        }

        return targets;
    }

    public override string ToString() => Description;
}
