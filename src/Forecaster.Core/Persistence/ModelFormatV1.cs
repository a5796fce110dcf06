using Forecaster.Core.Features;
using Forecaster.Core.Intervals;
using Forecaster.Core.Models;
using Forecaster.Core.Rnn;
using Forecaster.Core.Scaling;
using Forecaster.Core.Training;

namespace Forecaster.Core.Persistence;

/// <summary>
/// Body layout of format version 1, field by field as in MODEL_FORMAT.md. Frozen: a later version gets its
/// own class and this reader stays so stored v1 models keep loading.
/// </summary>
internal static class ModelFormatV1
{
    public const ushort Version = 1;

    private const int MaxListLength = 1024;

    public static void Write(SeriesModel model, BlobWriter writer)
    {
        WriteSettings(model.Settings, writer);
        writer.WriteInt32(model.Window);
        writer.WriteInt32(model.Shape.InputSize);
        writer.WriteInt32(model.Shape.HiddenSize);
        writer.WriteInt32(model.Shape.Horizon);
        writer.WriteByte((byte)model.Scaler.Kind);
        writer.WriteDouble(model.Scaler.ReturnMean);
        writer.WriteDouble(model.Scaler.ReturnStd);
        writer.WriteDouble(model.Scaler.InputClip);
        writer.WriteByte(model.DataWatermark is null ? (byte)0 : (byte)1);
        writer.WriteInt64(model.DataWatermark?.UtcTicks ?? 0);
        foreach (var radius in model.Calibration.Radii)
        {
            writer.WriteDouble(radius);
        }

        writer.WriteInt32(model.Parameters.Length);
        foreach (var parameter in model.Parameters)
        {
            writer.WriteSingle(parameter);
        }
    }

    public static SeriesModel Read(ref BlobReader reader)
    {
        var settings = ReadSettings(ref reader);
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new InvalidDataException("Model blob holds invalid training settings: " + string.Join("; ", problems));
        }

        var window = reader.ReadInt32("window");
        var shape = new RnnShape(
            reader.ReadCount("input size", MaxListLength),
            reader.ReadCount("hidden size", TrainingSettings.MaxHiddenSize),
            reader.ReadCount("horizon", TrainingSettings.MaxHorizon));
        var features = new InputFeatureSet(settings.InputFeatures);
        if (window < settings.MinWindow || window > settings.Window
            || shape != new RnnShape(features.Width, settings.HiddenSize, settings.Horizon))
        {
            throw new InvalidDataException($"Model blob is inconsistent: window {window} and {shape} do not match its settings.");
        }

        var scaler = ReadScaler(ref reader);
        var watermark = ReadWatermark(ref reader);
        var radii = new double[settings.IntervalLevels.Count * shape.Horizon];
        for (var i = 0; i < radii.Length; i++)
        {
            radii[i] = RequireFinite(reader.ReadDouble("interval radius"), "interval radius");
        }

        var parameters = new float[reader.ReadCount("parameter count", shape.ParameterCount)];
        if (parameters.Length != shape.ParameterCount)
        {
            throw new InvalidDataException(
                $"Model blob is inconsistent: {parameters.Length} parameters, {shape} needs {shape.ParameterCount}.");
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = (float)RequireFinite(reader.ReadSingle("parameter"), "parameter");
        }

        return new SeriesModel(
            settings,
            window,
            scaler,
            new ConformalCalibration(settings.IntervalLevels, shape.Horizon, radii),
            parameters,
            watermark);
    }

    private static void WriteSettings(TrainingSettings s, BlobWriter writer)
    {
        writer.WriteInt32(s.Window);
        writer.WriteInt32(s.MinWindow);
        writer.WriteInt32(s.Horizon);
        writer.WriteInt32(s.HiddenSize);
        writer.WriteInt32(s.BatchSize);
        writer.WriteInt32(s.MaxEpochs);
        writer.WriteInt32(s.Patience);
        writer.WriteDouble(s.LearningRate);
        writer.WriteByte((byte)s.Optimizer);
        writer.WriteDouble(s.Momentum);
        writer.WriteByte((byte)s.Loss);
        writer.WriteDouble(s.HuberDelta);
        writer.WriteDouble(s.GradientClipNorm);
        writer.WriteDouble(s.ValidationFraction);
        writer.WriteInt32(s.MinTrainingWindows);
        writer.WriteInt32(s.MinValidationWindows);
        writer.WriteInt32(s.TruncationLength);
        writer.WriteInt32(s.Seed);
        writer.WriteInt32(s.MaxTrainingPoints);
        writer.WriteByte((byte)s.Scaling);
        writer.WriteDouble(s.InputClip);
        writer.WriteInt32(s.IntervalLevels.Count);
        foreach (var level in s.IntervalLevels)
        {
            writer.WriteDouble(level);
        }

        writer.WriteInt32(s.InputFeatures.Count);
        foreach (var feature in s.InputFeatures)
        {
            writer.WriteByte((byte)feature);
        }
    }

    private static TrainingSettings ReadSettings(ref BlobReader reader)
    {
        // Object initializers evaluate in source order, which is the field order on disk.
        return new TrainingSettings
        {
            Window = reader.ReadInt32("Window"),
            MinWindow = reader.ReadInt32("MinWindow"),
            Horizon = reader.ReadInt32("Horizon"),
            HiddenSize = reader.ReadInt32("HiddenSize"),
            BatchSize = reader.ReadInt32("BatchSize"),
            MaxEpochs = reader.ReadInt32("MaxEpochs"),
            Patience = reader.ReadInt32("Patience"),
            LearningRate = reader.ReadDouble("LearningRate"),
            Optimizer = (OptimizerKind)reader.ReadByte("Optimizer"),
            Momentum = reader.ReadDouble("Momentum"),
            Loss = (LossKind)reader.ReadByte("Loss"),
            HuberDelta = reader.ReadDouble("HuberDelta"),
            GradientClipNorm = reader.ReadDouble("GradientClipNorm"),
            ValidationFraction = reader.ReadDouble("ValidationFraction"),
            MinTrainingWindows = reader.ReadInt32("MinTrainingWindows"),
            MinValidationWindows = reader.ReadInt32("MinValidationWindows"),
            TruncationLength = reader.ReadInt32("TruncationLength"),
            Seed = reader.ReadInt32("Seed"),
            MaxTrainingPoints = reader.ReadInt32("MaxTrainingPoints"),
            Scaling = (ScalingKind)reader.ReadByte("Scaling"),
            InputClip = reader.ReadDouble("InputClip"),
            IntervalLevels = ReadLevels(ref reader),
            InputFeatures = ReadFeatures(ref reader),
        };
    }

    private static double[] ReadLevels(ref BlobReader reader)
    {
        var levels = new double[reader.ReadCount("interval level count", MaxListLength)];
        for (var i = 0; i < levels.Length; i++)
        {
            levels[i] = reader.ReadDouble("interval level");
        }

        return levels;
    }

    private static InputFeatureKind[] ReadFeatures(ref BlobReader reader)
    {
        var features = new InputFeatureKind[reader.ReadCount("input feature count", MaxListLength)];
        for (var i = 0; i < features.Length; i++)
        {
            features[i] = (InputFeatureKind)reader.ReadByte("input feature");
        }

        return features;
    }

    private static SeriesScaler ReadScaler(ref BlobReader reader)
    {
        var kind = (ScalingKind)reader.ReadByte("scaler kind");
        var mean = reader.ReadDouble("return mean");
        var std = reader.ReadDouble("return std");
        var clip = reader.ReadDouble("scaler input clip");
        try
        {
            return new SeriesScaler(kind, mean, std, clip);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException("Model blob holds an invalid scaler: " + e.Message, e);
        }
    }

    internal static DateTimeOffset? ReadWatermark(ref BlobReader reader)
    {
        var present = reader.ReadByte("watermark flag");
        var ticks = reader.ReadInt64("watermark ticks");
        return present switch
        {
            0 => null,
            1 when ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
            _ => throw new InvalidDataException($"Model blob is corrupt: watermark flag {present}, ticks {ticks}."),
        };
    }

    private static double RequireFinite(double value, string field) =>
        double.IsFinite(value) ? value : throw new InvalidDataException($"Model blob is corrupt: {field} is {value}.");
}
