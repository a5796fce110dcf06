using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Forecaster.Testing;

/// <summary>
/// A logger provider that keeps every record, at every level, with what any scope-aware provider (JSON console, OTLP)
/// would write of it: the structured values, the scopes it was logged in (with their trace and span ids) and the
/// full exception.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
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
            var scopes = new List<string>();
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

                    scopes.Add(Describe(scope));
                },
                (object?)null);
            var message = formatter(state, exception);
            var text = string.Join(' ', [logLevel.ToString(), category, message, Describe(state), .. scopes, exception?.ToString() ?? ""]);
            owner._records.Enqueue(new CapturedLog(category, eventId.Id, message, traceId, spanId, text));
        }

        private static string Describe(object? value) => value is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(' ', pairs.Select(pair => $"{pair.Key}={pair.Value}"))
            : value?.ToString() ?? "";
    }
}

/// <param name="Text">Everything a sink could write of the record: level, category, message, values, scopes, exception.</param>
public sealed record CapturedLog(string Category, int EventId, string Message, string? TraceId, string? SpanId, string Text);
