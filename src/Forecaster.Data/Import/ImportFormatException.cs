namespace Forecaster.Data.Import;

/// <summary>The file as a whole cannot be imported (no header, or a mapped column missing from it); nothing was written.</summary>
public sealed class ImportFormatException : Exception
{
    public ImportFormatException(string message)
        : base(message)
    {
    }
}
