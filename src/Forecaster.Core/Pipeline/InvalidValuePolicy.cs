namespace Forecaster.Core.Pipeline;

/// <summary>Policy for prices that cannot be a price (non-finite, zero or negative).</summary>
public enum InvalidValuePolicy
{
    /// <summary>Drop the points, train on the rest, and record how many were dropped on the run.</summary>
    DropAndRecord,

    /// <summary>Fail the run with the first offending point as its reason.</summary>
    FailRun,
}
