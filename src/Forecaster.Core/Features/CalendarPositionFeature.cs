namespace Forecaster.Core.Features;

/// <summary>
/// Where in its cycle a step closes, as a point on the unit circle (sine, cosine), so December sits next to
/// January instead of eleven units away. Lets the network place a seasonal shape its window is too short to pin down.
/// </summary>
public sealed class CalendarPositionFeature : IInputFeatureProvider
{
    private const int HoursPerWeek = 7 * 24;

    private CalendarPositionFeature(InputFeatureKind kind) => Kind = kind;

    public static CalendarPositionFeature MonthOfYear { get; } = new(InputFeatureKind.MonthOfYear);

    public static CalendarPositionFeature HourOfWeek { get; } = new(InputFeatureKind.HourOfWeek);

    public InputFeatureKind Kind { get; }

    public int Width => 2;

    /// <exception cref="ArgumentException">The source has no timestamp per observation.</exception>
    public void Write(FeatureSource source, Span<float> matrix, int rowWidth, int column)
    {
        var stamps = source.Timestamps;
        if (stamps.Length != source.Levels.Length)
        {
            throw new ArgumentException(
                $"{Kind} inputs need one timestamp per observation; got {stamps.Length} for {source.Levels.Length} values.",
                nameof(source));
        }

        for (var step = 0; step < source.StepCount; step++)
        {
            var angle = 2 * Math.PI * Phase(stamps[step + 1]);
            matrix[(step * rowWidth) + column] = (float)Math.Sin(angle);
            matrix[(step * rowWidth) + column + 1] = (float)Math.Cos(angle);
        }
    }

    /// <summary>Position in the cycle as a share in [0, 1).</summary>
    private double Phase(DateTime stamp) => Kind == InputFeatureKind.MonthOfYear
        ? (stamp.Month - 1) / 12.0
        : (((int)stamp.DayOfWeek * 24) + stamp.Hour + (stamp.Minute / 60.0)) / HoursPerWeek;
}
