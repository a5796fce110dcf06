namespace Forecaster.Core.Training;

/// <summary>Losses of one epoch (epoch 0 = the starting weights, before any update).</summary>
internal readonly record struct EpochScore(int Epoch, double TrainLoss, double ValidationLoss);

/// <summary>How the epoch loop ended.</summary>
internal sealed class SessionOutcome(double initialTrainLoss, double initialValidationLoss)
{
    public double InitialTrainLoss { get; } = initialTrainLoss;

    public double InitialValidationLoss { get; } = initialValidationLoss;

    public int EpochsRun { get; set; }

    public bool StoppedEarly { get; set; }

    public bool Diverged { get; set; }

    public EpochScore Best { get; set; }
}
