namespace Forecaster.Host.Configuration;

/// <summary>How one instance trains claimed series.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Forecaster:Workers";

    /// <summary>Series trained at once on this instance; training is CPU-bound, so one per core.</summary>
    public int DegreeOfParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>How long a claim stays ours without renewal; a crashed instance's series return after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Series claimed per query; small batches spread work evenly across instances.</summary>
    public int ClaimBatchSize { get; set; } = 1;

    /// <summary>How long a stop waits for in-flight training to notice cancellation and record it.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an idle instance looks for due series another instance marked or abandoned.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Names this instance on claims and runs; empty means host name plus process id.</summary>
    public string InstanceId { get; set; } = "";
}
