using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace Forecaster.Data.Access;

/// <summary>Builds the retry pipeline every data-layer operation runs through.</summary>
public static class DatabaseRetry
{
    /// <summary>
    /// Exponential backoff with jitter over <see cref="TransientFailures"/>; anything else, including cancellation,
    /// passes straight through. Each attempt re-runs the whole unit of work (connection, transaction and all).
    /// </summary>
    public static ResiliencePipeline CreatePipeline(
        int maxRetryAttempts = 5,
        TimeSpan? baseDelay = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        IDatabaseFailureObserver? failures = null)
    {
        var log = logger ?? NullLogger.Instance;
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider ?? TimeProvider.System };
        return builder
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailures.IsTransient),
                MaxRetryAttempts = maxRetryAttempts,
                Delay = baseDelay ?? TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = TimeSpan.FromSeconds(10),
                OnRetry = arguments =>
                {
                    DataLog.TransientRetry(log, arguments.Outcome.Exception, arguments.AttemptNumber + 1, arguments.RetryDelay);
                    if (arguments.Outcome.Exception is { } exception)
                    {
                        failures?.Retrying(exception);
                    }

                    return default;
                },
            })
            .Build();
    }
}
