using Forecaster.Core.Models;
using Forecaster.Core.Persistence;
using Forecaster.Core.Pipeline;
using Forecaster.Core.Tests.Support;
using Xunit;

namespace Forecaster.Core.Tests.Persistence;

public sealed class ModelSerializerTests
{
    private static readonly double[] Values = TestSeries.NoisySineWithTrend(400, seed: 5);
    private static readonly Lazy<SeriesFit> Fitted = new(() => SmallPipeline.Fit(Values));
    private static readonly Lazy<byte[]> Blob = new(() => ModelSerializer.Serialize(
        Fitted.Value.Model.WithDataWatermark(new DateTimeOffset(2001, 9, 27, 22, 0, 0, TimeSpan.FromHours(2)))));

    [Fact]
    public void Round_trip_is_bitwise_for_every_part_and_rebuilds_the_published_forecast()
    {
        var fit = Fitted.Value;
        var original = fit.Model;

        var restored = ModelSerializer.Deserialize(ModelSerializer.Serialize(original));

        Assert.Equal(original.Networks.Count, restored.Networks.Count);
        for (var m = 0; m < original.Networks.Count; m++)
        {
            Assert.True(original.Networks[m].Parameters.SequenceEqual(restored.Networks[m].Parameters));
            Assert.Equal(original.Networks[m].Settings, restored.Networks[m].Settings);
            Assert.Equal(NetworkBase.Linear, restored.Networks[m].Base);
        }

        Assert.True(original.Linear!.Coefficients.SequenceEqual(restored.Linear!.Coefficients));
        Assert.Equal(original.Choice, restored.Choice);
        Assert.Equal(original.Seasons, restored.Seasons);
        Assert.True(original.Intervals.Radii.SequenceEqual(restored.Intervals.Radii));
        Assert.Equal(fit.Forecast().Forecast, restored.Forecast(Values, SmallPipeline.Stamps(Values.Length, TimeSpan.FromDays(1))),
            ForecastComparer.Bitwise);
    }

    [Fact]
    public void Watermark_is_kept_as_a_utc_instant()
    {
        var restored = ModelSerializer.Deserialize(Blob.Value);

        Assert.Equal(new DateTimeOffset(2001, 9, 27, 20, 0, 0, TimeSpan.Zero), restored.DataWatermark);
        Assert.Equal(TimeSpan.Zero, restored.DataWatermark!.Value.Offset);
    }

    [Fact]
    public void Every_single_flipped_byte_is_detected()
    {
        var blob = Blob.Value;

        for (var i = 0; i < blob.Length; i++)
        {
            var corrupt = (byte[])blob.Clone();
            corrupt[i] ^= 0x10;
            Assert.Throws<InvalidDataException>(() => ModelSerializer.Deserialize(corrupt));
        }
    }

    [Fact]
    public void Every_truncation_is_detected_with_a_clear_message()
    {
        var blob = Blob.Value;

        for (var length = 0; length < blob.Length; length++)
        {
            var error = Assert.Throws<InvalidDataException>(() => ModelSerializer.Deserialize(blob.AsSpan(0, length)));
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Foreign_data_unknown_versions_and_trailing_bytes_are_refused()
    {
        var blob = Blob.Value;
        var newer = (byte[])blob.Clone();
        newer[4] = ModelSerializer.CurrentVersion + 1;
        FixChecksum(newer);

        Assert.Contains("magic", Assert.Throws<InvalidDataException>(() => ModelSerializer.Deserialize("not a model at all"u8)).Message,
            StringComparison.Ordinal);
        Assert.Contains($"version {ModelSerializer.CurrentVersion + 1}",
            Assert.Throws<InvalidDataException>(() => ModelSerializer.Deserialize(newer)).Message, StringComparison.Ordinal);
        Assert.Contains("trailing", Assert.Throws<InvalidDataException>(() => ModelSerializer.Deserialize([.. blob, 0])).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Checksum_valid_blob_with_impossible_values_is_refused()
    {
        var blob = (byte[])Blob.Value.Clone();
        blob[10] = 200; // 200 seasons
        FixChecksum(blob);

        var error = Assert.Throws<InvalidDataException>(() => ModelSerializer.Deserialize(blob));

        Assert.Contains("season count is 200", error.Message, StringComparison.Ordinal);
    }

    private static void FixChecksum(byte[] blob) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(blob.Length - 4),
            System.IO.Hashing.Crc32.HashToUInt32(blob.AsSpan(0, blob.Length - 4)));
}
