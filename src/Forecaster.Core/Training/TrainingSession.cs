using System.Runtime.CompilerServices;
using Forecaster.Core.Optimization;
using Forecaster.Core.Rnn;
using Forecaster.Core.Windowing;

namespace Forecaster.Core.Training;

/// <summary>
/// The epoch loop. Every buffer is allocated in the constructor, so epochs and batches allocate nothing
/// and the kernel's speed is what shows; <see cref="Parameters"/> holds the best weights after <see cref="Run"/>.
/// </summary>
internal sealed class TrainingSession
{
    private readonly TrainingSettings _settings;
    private readonly WindowBank _bank;
    private readonly RnnTrainingKernel _kernel;
    private readonly IOptimizer _optimizer;
    private readonly DeterministicRandom _random;
    private readonly float[] _parameters;
    private readonly float[] _bestParameters;
    private readonly float[] _gradient;
    private readonly float[] _batchInputs;
    private readonly float[] _batchTargets;
    private readonly int[] _trainingOrder;
    private readonly int[] _trainingEnds;
    private readonly int[] _validationEnds;
    private readonly int _patience;

    /// <param name="patience">Epochs without a better validation loss before stopping (differs for warm starts).</param>
    public TrainingSession(
        TrainingSettings settings,
        WindowBank bank,
        WindowPlan plan,
        RnnShape shape,
        ReadOnlySpan<float> initialParameters,
        int patience)
    {
        _settings = settings;
        _patience = patience;
        _bank = bank;
        _kernel = new RnnTrainingKernel(
            shape, plan.Window, settings.BatchSize, settings.Loss, (float)settings.HuberDelta, Math.Min(
                settings.TruncationLength,
                plan.Window));
        _optimizer = settings.Optimizer == OptimizerKind.Sgd
            ? new SgdOptimizer(shape.ParameterCount, (float)settings.LearningRate, (float)settings.Momentum)
            : new AdamOptimizer(shape.ParameterCount, (float)settings.LearningRate);
        // Offset from the initializer's stream so batch order does not mirror the weight draws.
        _random = new DeterministicRandom(unchecked(settings.Seed + 0x5EED));
        _parameters = initialParameters.ToArray();
        _bestParameters = initialParameters.ToArray();
        _gradient = new float[shape.ParameterCount];
        _batchInputs = new float[settings.BatchSize * bank.WindowInputLength];
        _batchTargets = new float[settings.BatchSize * shape.Horizon];
        _trainingEnds = [.. Enumerable.Range(plan.FirstTrainingEnd, plan.TrainingWindows)];
        _trainingOrder = [.. _trainingEnds];
        _validationEnds = [.. Enumerable.Range(plan.FirstValidationEnd, plan.ValidationWindows)];
    }

    public ReadOnlySpan<float> Parameters => _parameters;

    public ReadOnlySpan<int> ValidationEnds => _validationEnds;

    // Entered once per training and then loops for a long time: left to tiering, it runs as instrumented
    // tier-0/OSR code, which was measured to box 24 bytes per epoch. Fully optimized from the start it allocates nothing.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SessionOutcome Run(Action<EpochProgress>? progress, TimeProvider time, long startTimestamp, CancellationToken ct)
    {
        var initialTrain = MeanLoss(_trainingEnds, _parameters);
        var initialValidation = MeanLoss(_validationEnds, _parameters);
        var outcome = new SessionOutcome(initialTrain, initialValidation);
        var best = new EpochScore(0, initialTrain, initialValidation);
        for (var epoch = 1; epoch <= _settings.MaxEpochs; epoch++)
        {
            var trainLoss = TrainOneEpoch(ct);
            outcome.EpochsRun = epoch;
            if (!double.IsFinite(trainLoss))
            {
                outcome.Diverged = true;
                break;
            }

            var validationLoss = MeanLoss(_validationEnds, _parameters);
            if (validationLoss < best.ValidationLoss)
            {
                best = new EpochScore(epoch, trainLoss, validationLoss);
                _parameters.CopyTo(_bestParameters, 0);
            }

            progress?.Invoke(new EpochProgress(
                epoch, _settings.MaxEpochs, trainLoss, validationLoss, best.Epoch, best.ValidationLoss, time.GetElapsedTime(
                    startTimestamp)));
            if (epoch - best.Epoch >= _patience)
            {
                outcome.StoppedEarly = epoch < _settings.MaxEpochs;
                break;
            }
        }

        _bestParameters.CopyTo(_parameters, 0);
        outcome.Best = best;
        return outcome;
    }

    /// <summary>Mean loss of <paramref name="windowEnds"/> under <paramref name="parameters"/>, batch by batch.</summary>
    public double MeanLoss(ReadOnlySpan<int> windowEnds, ReadOnlySpan<float> parameters)
    {
        var sum = 0.0;
        for (var start = 0; start < windowEnds.Length; start += _settings.BatchSize)
        {
            var batch = Gather(windowEnds.Slice(start, Math.Min(_settings.BatchSize, windowEnds.Length - start)));
            sum += (double)_kernel.Loss(parameters, BatchInputs(batch), BatchTargets(batch), batch) * batch;
        }

        return sum / windowEnds.Length;
    }

    /// <summary>Scaled network outputs [windows][K] and their targets for <paramref name="windowEnds"/>.</summary>
    public void Predict(ReadOnlySpan<int> windowEnds, Span<float> outputs, Span<float> targets)
    {
        var horizon = _kernel.Shape.Horizon;
        for (var start = 0; start < windowEnds.Length; start += _settings.BatchSize)
        {
            var batch = Gather(windowEnds.Slice(start, Math.Min(_settings.BatchSize, windowEnds.Length - start)));
            _kernel.Predict(_parameters, BatchInputs(batch), batch, outputs.Slice(start * horizon, batch * horizon));
            BatchTargets(batch).CopyTo(targets.Slice(start * horizon, batch * horizon));
        }
    }

    private double TrainOneEpoch(CancellationToken ct)
    {
        _random.Shuffle(_trainingOrder);
        var sum = 0.0;
        for (var start = 0; start < _trainingOrder.Length; start += _settings.BatchSize)
        {
            ct.ThrowIfCancellationRequested();
            var batch = Gather(_trainingOrder.AsSpan(start, Math.Min(_settings.BatchSize, _trainingOrder.Length - start)));
            var loss = _kernel.LossAndGradient(_parameters, BatchInputs(batch), BatchTargets(batch), batch, _gradient);
            if (_settings.GradientClipNorm > 0)
            {
                GradientClipping.ClipByNorm(_gradient, (float)_settings.GradientClipNorm);
            }

            _optimizer.Step(_parameters, _gradient);
            sum += (double)loss * batch;
        }

        return sum / _trainingOrder.Length;
    }

    /// <summary>
    /// Gathers the windows into the batch buffers; read them back with <see cref="BatchInputs"/> and
    /// <see cref="BatchTargets"/>.
    /// </summary>
    private int Gather(ReadOnlySpan<int> windowEnds)
    {
        _bank.Gather(windowEnds, _batchInputs, _batchTargets);
        return windowEnds.Length;
    }

    private ReadOnlySpan<float> BatchInputs(int batch) => _batchInputs.AsSpan(0, batch * _bank.WindowInputLength);

    private ReadOnlySpan<float> BatchTargets(int batch) => _batchTargets.AsSpan(0, batch * _bank.Horizon);
}
