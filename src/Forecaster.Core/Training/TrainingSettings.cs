using Forecaster.Core.Features;
using Forecaster.Core.Rnn;
using Forecaster.Core.Scaling;

namespace Forecaster.Core.Training;

/// <summary>
/// Everything that shapes one training run. Defaults suit daily prices (a 2,000-point series trains in
/// about a second); every field is stored with the model so a forecast can be traced to its settings.
/// </summary>
public sealed record TrainingSettings
{
    public const int MaxWindow = 4096;
    public const int MaxHorizon = 1024;
    public const int MaxHiddenSize = 1024;
    public const int MaxBatchSize = 4096;

    /// <summary>Past steps (returns) fed to the network; a forecast needs <c>Window + 1</c> values.</summary>
    public int Window { get; init; } = 32;

    /// <summary>Smallest window a short series may shrink to before it is refused.</summary>
    public int MinWindow { get; init; } = 4;

    /// <summary>K: future observations forecast at once.</summary>
    public int Horizon { get; init; } = 5;

    public int HiddenSize { get; init; } = 32;

    public int BatchSize { get; init; } = 64;

    /// <summary>Upper bound on epochs; 0 keeps the initial weights (a naive "no change" model).</summary>
    public int MaxEpochs { get; init; } = 60;

    /// <summary>Epochs without a better validation loss before training stops and the best weights return.</summary>
    public int Patience { get; init; } = 8;

    /// <summary>
    /// Patience when training continues from the previous model. Its weights already fit all but the newest
    /// points, so a few epochs without a better validation loss mean there is nothing new to learn; this is
    /// what keeps a cycle of warm starts (one new point per series) several times cheaper than a cold one.
    /// Two since the per-series pipeline added the linear base, seasons and gate to every cycle: a warm-started network
    /// ran 3.4 epochs on average at 3 and 2.4 at 2, which kept the warm cycle of the load test within 1.5× its cost
    /// before the pipeline. Not stored in the model file: it shapes how a model was refined, not what it is.
    /// </summary>
    public int WarmStartPatience { get; init; } = 2;

    public double LearningRate { get; init; } = 1e-3;

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Used by SGD only.</summary>
    public double Momentum { get; init; } = 0.9;

    public LossKind Loss { get; init; } = LossKind.MeanSquaredError;

    /// <summary>Used by the Huber loss only, in standardized target units.</summary>
    public double HuberDelta { get; init; } = 1.0;

    /// <summary>Gradient norm cap per batch; 0 turns clipping off.</summary>
    public double GradientClipNorm { get; init; } = 1.0;

    /// <summary>Share of windows held out, chronologically last, for early stopping and intervals.</summary>
    public double ValidationFraction { get; init; } = 0.2;

    public int MinTrainingWindows { get; init; } = 32;

    public int MinValidationWindows { get; init; } = 5;

    /// <summary>
    /// BPTT truncation in steps; 0, or a length beyond the (possibly shrunk) window, backpropagates through the whole
    /// window.
    /// </summary>
    public int TruncationLength { get; init; }

    public int Seed { get; init; } = 42;

    /// <summary>Central coverage of the prediction intervals, each in (0, 1).</summary>
    public IReadOnlyList<double> IntervalLevels { get; init; } = [0.8, 0.95];

    /// <summary>Only the most recent points train the model: old regimes mislead and cost time.</summary>
    public int MaxTrainingPoints { get; init; } = 2000;

    public ScalingKind Scaling { get; init; } = ScalingKind.Auto;

    /// <summary>Standardized inputs are clipped to ±this, so one crash or bad tick cannot saturate the network.</summary>
    public double InputClip { get; init; } = 5.0;

    public IReadOnlyList<InputFeatureKind> InputFeatures { get; init; } = [InputFeatureKind.ScaledReturn];

    /// <summary>Every problem at once, so an operator fixes a configuration in one pass.</summary>
    public IReadOnlyList<SettingProblem> Validate() => SettingsValidator.Validate(this);

    /// <summary>Throws <see cref="Validation.ForecastInputException"/> listing every problem, if there is any.</summary>
    public void EnsureValid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new Validation.ForecastInputException(problems);
        }
    }

    public bool Equals(TrainingSettings? other) =>
        other is not null
        && Window == other.Window && MinWindow == other.MinWindow && Horizon == other.Horizon
        && HiddenSize == other.HiddenSize && BatchSize == other.BatchSize && MaxEpochs == other.MaxEpochs
        && Patience == other.Patience && WarmStartPatience == other.WarmStartPatience && LearningRate.Equals(
            other.LearningRate) && Optimizer == other.Optimizer
        && Momentum.Equals(other.Momentum) && Loss == other.Loss && HuberDelta.Equals(other.HuberDelta)
        && GradientClipNorm.Equals(other.GradientClipNorm) && ValidationFraction.Equals(other.ValidationFraction)
        && MinTrainingWindows == other.MinTrainingWindows && MinValidationWindows == other.MinValidationWindows
        && TruncationLength == other.TruncationLength && Seed == other.Seed
        && IntervalLevels.SequenceEqual(other.IntervalLevels) && MaxTrainingPoints == other.MaxTrainingPoints
        && Scaling == other.Scaling && InputClip.Equals(other.InputClip) && InputFeatures.SequenceEqual(other.InputFeatures);

    public override int GetHashCode() =>
        HashCode.Combine(Window, Horizon, HiddenSize, BatchSize, MaxEpochs, LearningRate, Seed, IntervalLevels.Count);
}
