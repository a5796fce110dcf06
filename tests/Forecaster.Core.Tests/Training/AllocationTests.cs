using Forecaster.Core.Tests.Support;
using Forecaster.Core.Training;
using Xunit;

namespace Forecaster.Core.Tests.Training;

public sealed class AllocationTests
{
    [Fact]
    public void Extra_epochs_allocate_nothing()
    {
        var values = TestSeries.NoisySineWithTrend(600, seed: 4);
        var settings = new TrainingSettings { HiddenSize = 8, BatchSize = 16, Patience = 1000 };
        var reported = 0;
        void Progress(EpochProgress _) => reported++;
        Action<EpochProgress> progress = Progress;

        // A 1-epoch and a 21-epoch run differ only by 20 epochs (about 25 batches each, so about 500 batches):
        // their allocations must be equal. The warm-up runs as many epochs as the measured run, so tiered JIT has
        // promoted the loop before anything is counted, and each size keeps its smallest of three measurements: a
        // runtime allocation that happens once (a tier-up under load) is not the loop's, an allocation per batch
        // shows in every repetition.
        AllocatedBy(values, settings with { MaxEpochs = 21 }, progress);
        var one = Enumerable.Range(0, 3).Min(_ => AllocatedBy(values, settings with { MaxEpochs = 1 }, progress));
        var many = Enumerable.Range(0, 3).Min(_ => AllocatedBy(values, settings with { MaxEpochs = 21 }, progress));

        Assert.Equal(21 + (3 * 1) + (3 * 21), reported);
        Assert.True(many - one < 200, $"1 epoch allocated {one} bytes, 21 epochs {many} bytes");
        Assert.True(one > 0);
    }

    private static long AllocatedBy(double[] values, TrainingSettings settings, Action<EpochProgress> progress)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        SeriesTrainer.Train(values, settings, null, progress, CancellationToken.None);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
