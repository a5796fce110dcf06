using Forecaster.Core.Scaling;
using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Forecaster.Core.Validation;
using Xunit;

namespace Forecaster.Core.Tests.Training;

public sealed class BadInputTests
{
    private static readonly TrainingSettings Quick = new() { MaxEpochs = 1 };

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_finite_value_is_refused_with_its_index(double bad)
    {
        var values = TestSeries.MsftDaily();
        values[100] = bad;

        var error = Train(values, Quick);

        Assert.Equal(ForecastInputError.NonFiniteValue, error.Reason);
        Assert.Equal(100, error.ValueIndex);
        Assert.Contains("index 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_is_reported_in_the_callers_span_when_only_the_tail_is_used()
    {
        var values = TestSeries.MsftDaily();
        values[240] = double.NaN;

        var error = Train(values, Quick with { MaxTrainingPoints = 200 });

        Assert.Equal(240, error.ValueIndex);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.5)]
    public void Non_positive_value_is_refused_when_log_scaling_is_requested(double bad)
    {
        var values = TestSeries.MsftDaily();
        values[7] = bad;

        var error = Train(values, Quick with { Scaling = ScalingKind.LogReturns });

        Assert.Equal(ForecastInputError.NonPositiveValue, error.Reason);
        Assert.Equal(7, error.ValueIndex);
    }

    [Fact]
    public void Auto_scaling_falls_back_to_differences_for_non_positive_values()
    {
        var values = TestSeries.MsftDaily().Select(v => v - 60).ToArray();

        var result = SeriesTrainer.Train(values, Quick, null, null, CancellationToken.None);

        Assert.True(values.Min() < 0);
        Assert.Equal(ScalingKind.Differences, result.Model.Scaler.Kind);
        Assert.All(result.Model.Forecast(values).Values, v => Assert.True(double.IsFinite(v)));
    }

    [Fact]
    public void Constant_series_is_refused()
    {
        var error = Train(Enumerable.Repeat(42.0, 300).ToArray(), Quick);

        Assert.Equal(ForecastInputError.ConstantSeries, error.Reason);
    }

    [Fact]
    public void Series_constant_over_its_training_part_is_refused()
    {
        var values = Enumerable.Repeat(42.0, 300).ToArray();
        values[^1] = 43;

        Assert.Equal(ForecastInputError.ConstantSeries, Train(values, Quick).Reason);
    }

    [Fact]
    public void Series_too_short_even_for_the_minimum_window_is_refused()
    {
        var error = Train(TestSeries.MsftDaily()[..40], Quick);

        Assert.Equal(ForecastInputError.SeriesTooShort, error.Reason);
        Assert.Contains("40 points", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(32, 0)]
    [InlineData(5000, 5)]
    [InlineData(32, 2000)]
    public void Window_or_horizon_out_of_range_is_refused(int window, int horizon)
    {
        var error = Train(TestSeries.MsftDaily(), Quick with { Window = window, Horizon = horizon });

        Assert.Equal(ForecastInputError.InvalidSettings, error.Reason);
        Assert.NotEmpty(error.SettingProblems);
    }

    [Fact]
    public void Forecast_needs_window_plus_one_values()
    {
        var values = TestSeries.MsftDaily();
        var model = SeriesTrainer.Train(values, Quick, null, null, CancellationToken.None).Model;

        var error = Assert.Throws<ForecastInputException>(() => model.Forecast(values.AsSpan(0, model.Window)));

        Assert.Equal(ForecastInputError.InsufficientHistory, error.Reason);
        Assert.Equal(model.Window + 1, model.RequiredHistory);
    }

    [Fact]
    public void Forecast_refuses_non_finite_recent_values_with_the_callers_index()
    {
        var values = TestSeries.MsftDaily();
        var model = SeriesTrainer.Train(values, Quick, null, null, CancellationToken.None).Model;
        values[^2] = double.NaN;

        var error = Assert.Throws<ForecastInputException>(() => model.Forecast(values));

        Assert.Equal(ForecastInputError.NonFiniteValue, error.Reason);
        Assert.Equal(values.Length - 2, error.ValueIndex);
    }

    private static ForecastInputException Train(double[] values, TrainingSettings settings) =>
        Assert.Throws<ForecastInputException>(() => SeriesTrainer.Train(values, settings, null, null, CancellationToken.None));
}
