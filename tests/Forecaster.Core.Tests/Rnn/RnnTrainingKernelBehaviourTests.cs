using Forecaster.Core.Optimization;
using Forecaster.Core.Rnn;
using Xunit;

namespace Forecaster.Core.Tests.Rnn;

public sealed class RnnTrainingKernelBehaviourTests
{
    private static readonly RnnShape Shape = new(inputSize: 1, hiddenSize: 20, horizon: 4);

    [Theory]
    [InlineData(SimdWidthName.Scalar, 1)]
    [InlineData(SimdWidthName.Vector128, 4)]
    [InlineData(SimdWidthName.Vector256, 8)]
    [InlineData(SimdWidthName.Vector512, 16)]
    public void A_pinned_width_runs_vectors_of_that_many_floats(SimdWidthName width, int floats)
    {
        Assert.Equal(floats, Kernel(width, window: 4, maxBatch: 2).VectorLanes);
    }

    [Theory]
    [MemberData(nameof(SimdWidthNames.All), MemberType = typeof(SimdWidthNames))]
    public void Training_steps_allocate_nothing_after_warm_up(SimdWidthName width)
    {
        var problem = new RnnProblem(Shape, window: 16, batch: 9, seed: 1);
        var kernel = Kernel(width, 16, maxBatch: 9, truncation: 8);
        var parameters = RnnProblem.ToFloat(problem.Parameters);
        var inputs = RnnProblem.ToFloat(problem.Inputs);
        var targets = RnnProblem.ToFloat(problem.Targets);
        var gradient = new float[Shape.ParameterCount];
        var outputs = new float[targets.Length];
        var adam = new AdamOptimizer(Shape.ParameterCount);
        var sgd = new SgdOptimizer(Shape.ParameterCount, 0.01f, 0.9f);
        void Step()
        {
            kernel.LossAndGradient(parameters, inputs, targets, 9, gradient);
            GradientClipping.ClipByNorm(gradient, 0.5f);
            adam.Step(parameters, gradient);
            sgd.Step(parameters, gradient);
            kernel.Loss(parameters, inputs, targets, 9);
            kernel.Predict(parameters, inputs, 9, outputs);
        }

        // Warm-up lets tiered JIT finish, whose bookkeeping is the only allocation in sight.
        for (int n = 0; n < 200; n++)
        {
            Step();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int n = 0; n < 500; n++)
        {
            Step();
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Theory]
    [MemberData(nameof(SimdWidthNames.All), MemberType = typeof(SimdWidthNames))]
    public async Task Results_are_bitwise_identical_across_calls_batches_and_threads(SimdWidthName width)
    {
        var problem = new RnnProblem(Shape, window: 10, batch: 7, seed: 5);
        var parameters = RnnProblem.ToFloat(problem.Parameters);
        var inputs = RnnProblem.ToFloat(problem.Inputs);
        var targets = RnnProblem.ToFloat(problem.Targets);
        var kernel = Kernel(width, 10, maxBatch: 7);
        var first = Run(kernel, parameters, inputs, targets);
        // A smaller batch in between leaves different data in the kernel's buffers.
        kernel.LossAndGradient(parameters, inputs.AsSpan(0, 30), targets.AsSpan(0, 12), 3, new float[Shape.ParameterCount]);
        var again = Run(kernel, parameters, inputs, targets);
        var onOtherThreads = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(() => Run(Kernel(width, 10, maxBatch: 7), parameters, inputs, targets)))
            .ToArray();
        var fromOtherThreads = await Task.WhenAll(onOtherThreads);

        Assert.Equal(first, again);
        Assert.All(fromOtherThreads, result => Assert.Equal(first, result));
    }

    [Fact]
    public void Invalid_configuration_is_rejected_with_the_argument_named()
    {
        Assert.Equal("window", Assert.Throws<ArgumentOutOfRangeException>(() => new RnnTrainingKernel(Shape, 0, 4)).ParamName);
        Assert.Equal("maxBatch", Assert.Throws<ArgumentOutOfRangeException>(() => new RnnTrainingKernel(Shape, 8, 0)).ParamName);
        Assert.Equal(
            "truncation",
            Assert.Throws<ArgumentOutOfRangeException>(() => new RnnTrainingKernel(Shape, 8, 4, truncation: 9)).ParamName);
        Assert.Equal(
            "huberDelta",
            Assert.Throws<ArgumentOutOfRangeException>(() => new RnnTrainingKernel(Shape, 8, 4, LossKind.Huber, 0f)).ParamName);
    }

    [Fact]
    public void Wrong_batch_or_span_lengths_are_rejected_with_the_argument_named()
    {
        var kernel = new RnnTrainingKernel(Shape, 8, 4);
        var parameters = new float[Shape.ParameterCount];
        var gradient = new float[Shape.ParameterCount];
        Assert.Equal(
            "batch",
            Assert.Throws<ArgumentOutOfRangeException>(() => kernel.Predict(parameters, new float[40], 5, new float[20])).ParamName);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => kernel.Loss(parameters, new float[31], new float[16], 4)).ParamName);
        Assert.Equal("targets", Assert.Throws<ArgumentException>(() => kernel.Loss(parameters, new float[32], new float[15], 4)).ParamName);
        Assert.Equal(
            "parameters",
            Assert.Throws<ArgumentException>(() => kernel.Predict(new float[3], new float[32], 4, new float[16])).ParamName);
        Assert.Equal(
            "outputs",
            Assert.Throws<ArgumentException>(() => kernel.Predict(parameters, new float[32], 4, new float[17])).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(
            () => kernel.LossAndGradient(parameters, new float[32], new float[16], 4, new float[2])).ParamName);
    }

    [Fact]
    public void Training_with_adam_drives_the_loss_down()
    {
        var problem = new RnnProblem(Shape, window: 12, batch: 16, seed: 9);
        var kernel = new RnnTrainingKernel(Shape, 12, 16);
        var parameters = RnnProblem.ToFloat(problem.Parameters);
        var inputs = RnnProblem.ToFloat(problem.Inputs);
        var targets = RnnProblem.ToFloat(problem.Targets);
        var gradient = new float[Shape.ParameterCount];
        var adam = new AdamOptimizer(Shape.ParameterCount, learningRate: 1e-2f);
        float initial = kernel.Loss(parameters, inputs, targets, 16);
        for (int n = 0; n < 300; n++)
        {
            kernel.LossAndGradient(parameters, inputs, targets, 16, gradient);
            adam.Step(parameters, gradient);
        }

        Assert.True(kernel.Loss(parameters, inputs, targets, 16) < 0.2f * initial);
    }

    private static RnnTrainingKernel Kernel(SimdWidthName width, int window, int maxBatch, int truncation = 0) =>
        new(Shape, window, maxBatch, LossKind.MeanSquaredError, 1f, truncation, width.ToWidth());

    private static float[] Run(RnnTrainingKernel kernel, float[] parameters, float[] inputs, float[] targets)
    {
        var gradient = new float[Shape.ParameterCount];
        var outputs = new float[targets.Length];
        float loss = kernel.LossAndGradient(parameters, inputs, targets, 7, gradient);
        kernel.Predict(parameters, inputs, 7, outputs);
        return [loss, .. gradient, .. outputs];
    }
}
