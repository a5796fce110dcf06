using Forecaster.Core.Features;
using Forecaster.Core.Scaling;
using Forecaster.Core.Tests.Support;
using Forecaster.Core.Windowing;
using Xunit;

namespace Forecaster.Core.Tests.Windowing;

public sealed class WindowBankTests
{
    private const int Window = 8;
    private const int Horizon = 3;

    [Fact]
    public void Window_inputs_are_the_scaled_returns_ending_at_its_last_value()
    {
        var (values, levels, scaler, bank) = MsftBank();
        const int end = 100;

        var inputs = bank.InputsOf(end);

        Assert.Equal(Window, inputs.Length);
        for (var s = 0; s < Window; s++)
        {
            var t = end - Window + 1 + s;
            Assert.Equal(scaler.ScaleReturn(Math.Log(values[t]) - Math.Log(values[t - 1])), inputs[s]);
        }

        Assert.Equal(levels[end], Math.Log(values[end]));
    }

    [Fact]
    public void Targets_are_cumulative_returns_from_the_last_value_over_sigma_root_k()
    {
        var (values, _, scaler, bank) = MsftBank();
        var targets = new float[Horizon];

        bank.WriteTargets(50, targets);

        for (var k = 1; k <= Horizon; k++)
        {
            var expected = Math.Log(values[50 + k] / values[50]) / (scaler.ReturnStd * Math.Sqrt(k));
            Assert.Equal(expected, targets[k - 1], 5);
        }
    }

    [Fact]
    public void Gathered_batch_equals_the_individual_windows_in_order()
    {
        var (_, _, _, bank) = MsftBank();
        int[] ends = [200, 17, 99];
        var inputs = new float[ends.Length * Window];
        var targets = new float[ends.Length * Horizon];

        bank.Gather(ends, inputs, targets);

        var single = new float[Horizon];
        for (var i = 0; i < ends.Length; i++)
        {
            Assert.True(bank.InputsOf(ends[i]).SequenceEqual(inputs.AsSpan(i * Window, Window)));
            bank.WriteTargets(ends[i], single);
            Assert.Equal(single, targets.AsSpan(i * Horizon, Horizon).ToArray());
        }
    }

    [Fact]
    public void Extreme_returns_are_clipped()
    {
        var values = TestSeries.MsftDaily();
        values[120] *= 3;
        var levels = values.Select(v => Math.Log(v)).ToArray();
        var scaler = SeriesScaler.Fit(ScalingKind.LogReturns, levels, 200, inputClip: 2.5);
        var bank = new WindowBank(levels, scaler, new InputFeatureSet([InputFeatureKind.ScaledReturn]), Window, Horizon);

        var inputs = bank.InputsOf(120);

        Assert.Equal(2.5f, inputs[^1]);
        Assert.Equal(-2.5f, bank.InputsOf(121)[^1]);
    }

    private static (double[] Values, double[] Levels, SeriesScaler Scaler, WindowBank Bank) MsftBank()
    {
        var values = TestSeries.MsftDaily();
        var levels = new double[values.Length];
        SeriesScaler.ToLevels(ScalingKind.LogReturns, values, levels);
        var scaler = SeriesScaler.Fit(ScalingKind.LogReturns, levels, 200, inputClip: 5);
        return (values, levels, scaler, new WindowBank(
            levels,
            scaler,
            new InputFeatureSet([InputFeatureKind.ScaledReturn]),
            Window,
            Horizon));
    }
}
