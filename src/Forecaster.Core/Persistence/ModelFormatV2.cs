using Forecaster.Core.Models;
using Forecaster.Core.Training;

namespace Forecaster.Core.Persistence;

/// <summary>
/// Body layout of format version 2: the version 1 body followed by the seasonal lag the network forecasts
/// against, which changes how its outputs map to prices, so a model without it must not load as one with it.
/// </summary>
internal static class ModelFormatV2
{
    public const ushort Version = 2;

    public static void Write(SeriesModel model, BlobWriter writer)
    {
        ModelFormatV1.Write(model, writer);
        writer.WriteInt32(model.SeasonalLag);
    }

    public static SeriesModel Read(ref BlobReader reader)
    {
        var model = ModelFormatV1.Read(ref reader);
        return model.WithSeasonalLag(reader.ReadCount("seasonal lag", TrainingSettings.MaxWindow));
    }
}
