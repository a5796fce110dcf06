namespace Forecaster.Core.Training;

/// <summary>Reported after every epoch; a struct so reporting allocates nothing inside the training loop.</summary>
public readonly record struct EpochProgress(
    int Epoch,
    int MaxEpochs,
    double TrainLoss,
    double ValidationLoss,
    int BestEpoch,
    double BestValidationLoss,
    TimeSpan Elapsed);
