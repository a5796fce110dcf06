namespace Forecaster.Data.Sources;

/// <summary>The configured price source cannot be used (invalid name, missing relation or column, wrong type).</summary>
public sealed class PriceSourceException : Exception
{
    public PriceSourceException(string message)
        : base(message)
    {
    }

    public PriceSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
