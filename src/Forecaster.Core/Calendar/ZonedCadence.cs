namespace Forecaster.Core.Calendar;

/// <summary>
/// A calendar cadence followed in a series' own time zone: each UTC observation is read as local wall time, the
/// local cadence steps it (weekdays, days, months keep their local meaning across daylight-saving changes), and the
/// slot goes back to UTC. A local time skipped by a clock change moves forward to the first that exists.
/// </summary>
internal sealed class ZonedCadence(Cadence local, TimeZoneInfo zone) : Cadence
{
    public override string Description { get; } = $"{local.Description} in {zone.Id}";

    public override DateTime SlotAfter(DateTime observation)
    {
        var next = local.SlotAfter(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(observation, DateTimeKind.Utc), zone));
        while (zone.IsInvalidTime(next))
        {
            next = next.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(next, zone);
    }
}
