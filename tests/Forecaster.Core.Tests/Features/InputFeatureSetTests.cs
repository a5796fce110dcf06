using Forecaster.Core.Features;
using Forecaster.Core.Scaling;
using Xunit;

namespace Forecaster.Core.Tests.Features;

public sealed class InputFeatureSetTests
{
    // Return mean 1, std 2, clip 1.5: a change of 2 scales to 0.5, one of 9 to 4, clipped to 1.5.
    private static readonly SeriesScaler Scaler = new(ScalingKind.Differences, returnMean: 1, returnStd: 2, inputClip: 1.5);

    private static readonly double[] Levels = [10, 12, 21, 20];

    // Each step's calendar position is that of the observation that closes it (index s + 1).
    private static readonly DateTime[] Stamps =
    [
        Utc(2024, 1, 31, 0, 0), // unused: no step closes on the first observation
        Utc(2024, 3, 6, 6, 30), // Wednesday in March
        Utc(2024, 12, 1, 0, 0), // Sunday midnight in December
        Utc(2024, 7, 13, 23, 0), // Saturday 23:00 in July
    ];

    [Fact]
    public void Writes_each_providers_columns_side_by_side_for_every_step()
    {
        var set = new InputFeatureSet([InputFeatureKind.ScaledReturn, InputFeatureKind.MonthOfYear, InputFeatureKind.HourOfWeek]);
        var matrix = new float[3 * set.Width];

        set.Write(Levels, Scaler, Stamps, matrix);

        Assert.Equal(5, set.Width);
        float[][] expected =
        [
            [0.5f, .. Circle(2 / 12.0), .. Circle(((3 * 24) + 6.5) / 168)],
            [1.5f, .. Circle(11 / 12.0), .. Circle(0)],
            [-1f, .. Circle(6 / 12.0), .. Circle(((6 * 24) + 23) / 168.0)],
        ];
        for (var step = 0; step < 3; step++)
        {
            Assert.Equal(expected[step], matrix.AsSpan(step * 5, 5).ToArray(), (a, b) => Math.Abs(a - b) < 1e-6f);
        }
    }

    [Fact]
    public void December_sits_next_to_January_on_the_circle()
    {
        var set = new InputFeatureSet([InputFeatureKind.MonthOfYear]);
        var matrix = new float[2 * set.Width];

        set.Write([1, 1, 1], Scaler, [Utc(2023, 11, 30, 0, 0), Utc(2023, 12, 31, 0, 0), Utc(2024, 1, 31, 0, 0)], matrix);

        var distance = Math.Sqrt(Math.Pow(matrix[0] - matrix[2], 2) + Math.Pow(matrix[1] - matrix[3], 2));
        Assert.Equal(2 * Math.Sin(Math.PI / 12), distance, 5);
    }

    [Theory]
    [InlineData(InputFeatureKind.MonthOfYear)]
    [InlineData(InputFeatureKind.HourOfWeek)]
    public void Calendar_inputs_need_a_timestamp_per_observation(InputFeatureKind kind)
    {
        var set = new InputFeatureSet([InputFeatureKind.ScaledReturn, kind]);

        var failure = Assert.Throws<ArgumentException>(() => set.Write(Levels, Scaler, Stamps.AsSpan(1), new float[3 * set.Width]));

        Assert.True(set.NeedsTimestamps);
        Assert.StartsWith(
            $"{kind} inputs need one timestamp per observation; got 3 for 4 values.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Returns_alone_need_no_timestamps()
    {
        var set = new InputFeatureSet([InputFeatureKind.ScaledReturn]);
        var matrix = new float[3];

        set.Write(Levels, Scaler, [], matrix);

        Assert.False(set.NeedsTimestamps);
        Assert.Equal([0.5f, 1.5f, -1f], matrix);
    }

    [Fact]
    public void An_unknown_kind_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InputFeatureSet([(InputFeatureKind)99]));
    }

    private static float[] Circle(double phase) => [(float)Math.Sin(2 * Math.PI * phase), (float)Math.Cos(2 * Math.PI * phase)];

    private static DateTime Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
