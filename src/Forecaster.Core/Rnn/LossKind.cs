namespace Forecaster.Core.Rnn;

/// <summary>Loss averaged over batch × horizon, as PyTorch's <c>MSELoss</c>/<c>HuberLoss</c> with mean reduction.</summary>
public enum LossKind
{
    MeanSquaredError,
    Huber,
}
