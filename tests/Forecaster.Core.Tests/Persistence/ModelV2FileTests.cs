using Forecaster.Core.Models;
using Forecaster.Core.Persistence;
using Forecaster.Core.Tests.Support;
using Xunit;

namespace Forecaster.Core.Tests.Persistence;

/// <summary>The checked-in v2 file (see README.md), a network with a seasonal lag, must load and forecast as it did when written.</summary>
public sealed class ModelV2FileTests
{
    // The last 21 values of the series it was trained on (window 8 + 1 + seasonal lag 12).
    private static readonly double[] RecentValues =
        [219.8, 219.16, 214.9, 210.6, 206.3, 203.34, 202.7, 204.74, 209.1, 213.5, 219.2, 223.56, 225.6, 224.96, 222, 216.4, 212.1, 209.14,
            208.5, 210.54, 214.9];

    [Fact]
    public void Loads_the_seasonal_lag_and_every_network_field()
    {
        var model = ModelSerializer.Deserialize(File.ReadAllBytes(FilePath));
        var network = model.Networks.Single();

        Assert.Null(model.Linear);
        Assert.Equal((12, 8, 3, NetworkBase.LastValue), (network.SeasonalLag, network.Window, network.Horizon, network.Base));
        Assert.Equal(new DateTimeOffset(2019, 12, 1, 0, 0, 0, TimeSpan.Zero), model.DataWatermark);
        Assert.Equal(-0.00022005758451911362, network.Scaler.ReturnMean);
        Assert.Equal(0.005294633623109737, network.Scaler.ReturnStd);
    }

    [Fact]
    public void Forecasts_the_numbers_it_forecast_when_written()
    {
        var forecast = ModelSerializer.Deserialize(File.ReadAllBytes(FilePath)).Forecast(RecentValues);

        FrozenForecast.AssertClose([219.5709588842536, 225.32824982994185, 229.61475121341815], forecast.Values);
        FrozenForecast.AssertClose([218.8214999747728, 224.67416003758245, 228.81957813675183], forecast.Intervals[0].Lower);
        FrozenForecast.AssertClose([220.32298467430627, 225.98424386200728, 230.41268760355183], forecast.Intervals[0].Upper);
        FrozenForecast.AssertClose([218.49768581587497, 224.27249774843688, 228.53525865251598], forecast.Intervals[1].Lower);
        FrozenForecast.AssertClose([220.6495039310287, 226.388971813993, 230.69934278703252], forecast.Intervals[1].Upper);
    }

    private static string FilePath => Path.Combine(AppContext.BaseDirectory, "Persistence", "model-v2.bin");
}
