using Forecaster.Core.Champion;
using Forecaster.Core.Intervals;
using Forecaster.Core.Linear;
using Forecaster.Core.Models;
using Forecaster.Core.Pipeline;
using Forecaster.Core.Seasonality;
using Forecaster.Core.Training;

namespace Forecaster.Core.Persistence;

/// <summary>
/// Body layout of format version 4: a whole <see cref="ForecastModel"/> (seasons, linear base, networks, the published
/// choice with one weight per step, and its interval radii), field by field as in MODEL_FORMAT.md. Networks are written
/// as version 2 bodies followed by their base. Version 3 differs only in holding one weight for every step, and is read.
/// </summary>
internal static class ModelFormatV4
{
    public const ushort Version = 4;

    /// <summary>The same layout with a single blend weight for the whole horizon.</summary>
    public const ushort SingleWeightVersion = 3;

    private const int MaxNetworks = 64;
    private const int MaxSeasons = 16;
    private const int MaxLevels = 1024;

    public static void Write(ForecastModel model, BlobWriter writer)
    {
        if (model.Linear is null)
        {
            throw new ArgumentException("A model of format 1 or 2 is written in its own format.", nameof(model));
        }

        writer.WriteInt32(model.Seasons.Count);
        foreach (var season in model.Seasons)
        {
            writer.WriteDouble(season.Period);
        }

        writer.WriteInt32(model.SeasonalNaiveLag);
        WriteLinear(model.Linear, writer);
        writer.WriteInt32(model.Networks.Count);
        foreach (var network in model.Networks)
        {
            ModelFormatV2.Write(network, writer);
            writer.WriteByte((byte)network.Base);
        }

        writer.WriteByte((byte)model.Choice.Champion);
        writer.WriteByte((byte)model.Choice.Baseline);
        writer.WriteByte((byte)model.Choice.Candidate);
        foreach (var weight in model.Choice.Weights)
        {
            writer.WriteDouble(weight);
        }

        writer.WriteInt32(model.Intervals.Levels.Count);
        foreach (var level in model.Intervals.Levels)
        {
            writer.WriteDouble(level);
        }

        foreach (var radius in model.Intervals.Radii)
        {
            writer.WriteDouble(radius);
        }

        writer.WriteByte(model.DataWatermark is null ? (byte)0 : (byte)1);
        writer.WriteInt64(model.DataWatermark?.UtcTicks ?? 0);
    }

    public static ForecastModel Read(ref BlobReader reader, ushort version)
    {
        var seasons = new Season[reader.ReadCount("season count", MaxSeasons)];
        for (var i = 0; i < seasons.Length; i++)
        {
            seasons[i] = new Season(reader.ReadDouble("season period"));
        }

        var seasonalNaiveLag = reader.ReadCount("seasonal naive lag", TrainingSettings.MaxWindow);
        var linear = ReadLinear(ref reader);
        var networks = new SeriesModel[reader.ReadCount("network count", MaxNetworks)];
        for (var i = 0; i < networks.Length; i++)
        {
            networks[i] = ModelFormatV2.Read(ref reader).WithBase(ReadEnum<NetworkBase>(ref reader, "network base"));
        }

        var champion = ReadEnum<ForecastMethod>(ref reader, "champion");
        var baseline = ReadEnum<ForecastMethod>(ref reader, "baseline");
        var candidate = ReadEnum<ForecastMethod>(ref reader, "candidate");
        var weights = new double[linear.Horizon];
        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] = version == SingleWeightVersion && k > 0 ? weights[0] : reader.ReadDouble("weight");
            if (!(weights[k] is >= 0 and <= 1))
            {
                throw new InvalidDataException($"Model blob is corrupt: published weight {weights[k]} is outside [0, 1].");
            }
        }

        var choice = new PublishedChoice(champion, baseline, candidate, weights);
        var levels = new double[reader.ReadCount("interval level count", MaxLevels)];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = reader.ReadDouble("interval level");
        }

        var radii = new double[levels.Length * linear.Horizon];
        for (var i = 0; i < radii.Length; i++)
        {
            radii[i] = Finite(reader.ReadDouble("interval radius"), "interval radius");
        }

        var watermark = ModelFormatV1.ReadWatermark(ref reader);
        return new ForecastModel(seasons, seasonalNaiveLag, linear, networks, choice, new ConformalCalibration(levels, linear.Horizon,
            radii), watermark);
    }

    private static void WriteLinear(DirectRidge linear, BlobWriter writer)
    {
        writer.WriteInt32(linear.Shape.Lags);
        writer.WriteInt32(linear.Shape.LevelWindow);
        writer.WriteInt32(linear.Shape.Anchors.Count);
        foreach (var anchor in linear.Shape.Anchors)
        {
            writer.WriteInt32(anchor.Lag);
            writer.WriteInt32(anchor.ProfileCycles);
        }

        writer.WriteInt32(linear.Horizon);
        writer.WriteDouble(linear.Penalty);
        foreach (var coefficient in linear.Coefficients)
        {
            writer.WriteDouble(coefficient);
        }
    }

    private static DirectRidge ReadLinear(ref BlobReader reader)
    {
        var lags = reader.ReadCount("linear lags", TrainingSettings.MaxWindow);
        var levelWindow = reader.ReadCount("linear level window", TrainingSettings.MaxWindow);
        var anchors = new SeasonAnchor[reader.ReadCount("linear season count", MaxSeasons)];
        for (var i = 0; i < anchors.Length; i++)
        {
            anchors[i] = new SeasonAnchor(reader.ReadCount("linear season lag", TrainingSettings.MaxWindow),
                reader.ReadCount("linear profile cycles", TrainingSettings.MaxWindow));
        }

        var shape = new LinearShape(lags, levelWindow, anchors);
        var horizon = reader.ReadCount("linear horizon", TrainingSettings.MaxHorizon);
        var penalty = Finite(reader.ReadDouble("linear penalty"), "linear penalty");
        var coefficients = new double[horizon * shape.FeatureCount];
        for (var i = 0; i < coefficients.Length; i++)
        {
            coefficients[i] = Finite(reader.ReadDouble("linear coefficient"), "linear coefficient");
        }

        return new DirectRidge(shape, horizon, penalty, coefficients);
    }

    private static T ReadEnum<T>(ref BlobReader reader, string field)
        where T : struct, Enum
    {
        var value = reader.ReadByte(field);
        return Enum.IsDefined(typeof(T), (int)value)
            ? (T)Enum.ToObject(typeof(T), value)
            : throw new InvalidDataException($"Model blob is corrupt: {field} {value} is not a known value.");
    }

    private static double Finite(double value, string field) =>
        double.IsFinite(value) ? value : throw new InvalidDataException($"Model blob is corrupt: {field} is {value}.");
}
