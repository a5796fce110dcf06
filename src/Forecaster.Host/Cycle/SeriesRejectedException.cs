namespace Forecaster.Host.Cycle;

/// <summary>A series whose history cannot be trained on; the run records <see cref="ReasonCode"/> and the message.</summary>
public sealed class SeriesRejectedException : Exception
{
    public SeriesRejectedException()
        : this(SeriesOutcome.Failed, "rejected", "The series was rejected.")
    {
    }

    public SeriesRejectedException(string message)
        : this(SeriesOutcome.Failed, "rejected", message)
    {
    }

    public SeriesRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Outcome = SeriesOutcome.Failed;
        ReasonCode = "rejected";
    }

    public SeriesRejectedException(SeriesOutcome outcome, string reasonCode, string message)
        : base(message)
    {
        Outcome = outcome;
        ReasonCode = reasonCode;
    }

    /// <summary><see cref="SeriesOutcome.Skipped"/> when waiting for more data is the cure, otherwise failed.</summary>
    public SeriesOutcome Outcome { get; }

    public string ReasonCode { get; }
}
