namespace Forecaster.Core.Training;

/// <summary>What happened to the model offered for a warm start.</summary>
public enum WarmStartOutcome
{
    NotRequested = 0,

    /// <summary>Training started from the earlier model's weights.</summary>
    Applied = 1,

    /// <summary>Ignored: input features, hidden size or horizon differ, so the weights do not fit.</summary>
    ShapeMismatch = 2,

    /// <summary>Ignored: the earlier model used log returns and this one differences (or vice versa).</summary>
    ScalingMismatch = 3,

    /// <summary>Ignored: the earlier network learned corrections to another base (the last value, before model format 3).</summary>
    BaseMismatch = 4,
}
