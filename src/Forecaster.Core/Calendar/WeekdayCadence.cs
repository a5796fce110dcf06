namespace Forecaster.Core.Calendar;

/// <summary>Daily observations Monday to Friday: the slot after Friday is Monday. Holidays are not modelled.</summary>
public sealed class WeekdayCadence : Cadence
{
    public static WeekdayCadence Instance { get; } = new();

    private WeekdayCadence()
    {
    }

    public override string Description => "weekdays (Mon-Fri)";

    public override DateTime SlotAfter(DateTime observation)
    {
        var next = observation.AddDays(1);
        while (IsWeekend(next.DayOfWeek))
        {
            next = next.AddDays(1);
        }

        return next;
    }

    internal static bool IsWeekend(DayOfWeek day) => day is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
