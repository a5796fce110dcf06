using System.Diagnostics.CodeAnalysis;

namespace Forecaster.Core.Optimization;

/// <summary>Updates a flat parameter vector from its gradient; keeps whatever state the method needs.</summary>
public interface IOptimizer
{
    [SuppressMessage(
        "Naming",
        "CA1716:Identifiers should not match keywords",
        Justification = "The team's contract names it Step; no VB consumers.")]
    void Step(Span<float> parameters, ReadOnlySpan<float> gradient);

    /// <summary>Forgets all accumulated state, as if freshly constructed.</summary>
    void Reset();
}
