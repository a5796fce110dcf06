using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Forecaster.Host.Tests.Telemetry;

/// <summary>
/// A logger provider that keeps every record with the trace and span ids its scopes carry, as any scope-aware
/// provider (JSON console, OTLP) would see them.
/// </summary>
internal sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _records = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<CapturedLog> Records => _records;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            string? traceId = null;
            string? spanId = null;
            owner._scopes.ForEachScope(
                (scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                    {
                        foreach (var (key, value) in values)
                        {
                            traceId = key == "TraceId" ? value?.ToString() : traceId;
                            spanId = key == "SpanId" ? value?.ToString() : spanId;
                        }
                    }
                },
                (object?)null);
            owner._records.Enqueue(new CapturedLog(category, eventId.Id, formatter(state, exception), traceId, spanId));
        }
    }
}

internal sealed record CapturedLog(string Category, int EventId, string Message, string? TraceId, string? SpanId);
