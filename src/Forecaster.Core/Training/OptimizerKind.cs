namespace Forecaster.Core.Training;

/// <summary>Optimizer used for training; persisted in the model file as one byte.</summary>
public enum OptimizerKind
{
    Adam = 1,
    Sgd = 2,
}
