namespace Forecaster.Core.Linear;

/// <summary>
/// Sums of the direct regression's normal equations over ranges of window ends, in <see cref="LinearShape"/>'s input
/// order (shared inputs, anchors, intercept) as lower triangles. The step-independent inputs of every window are
/// written once, and their products are summed once per range, however many steps ask for them.
/// </summary>
internal sealed class NormalEquations
{
    private readonly LinearShape _shape;
    private readonly int _first;
    private readonly int _shared;
    private readonly int _features;
    private readonly double[] _rows;
    private readonly int[] _sharedIndex;
    private readonly Dictionary<(int From, int To), double[]> _sharedProducts = [];

    /// <summary>Writes the step-independent inputs (and the constant 1) of the windows ending in [first, last].</summary>
    public NormalEquations(ReadOnlySpan<double> logs, LinearShape shape, int first, int last)
    {
        _shape = shape;
        _first = first;
        _features = shape.FeatureCount;
        _shared = shape.SharedCount + 1;
        _rows = new double[(last - first + 1) * _shared];
        for (var end = first; end <= last; end++)
        {
            var row = _rows.AsSpan((end - first) * _shared, _shared);
            shape.WriteShared(logs, end, row);
            row[^1] = 1;
        }

        // The constant is the model's last input, after the anchors.
        _sharedIndex = [.. Enumerable.Range(0, _shared - 1), _features - 1];
    }

    /// <summary>Adds the windows ending in [from, to] for <paramref name="step"/> to a lower-triangle gram and moment.</summary>
    public void Accumulate(ReadOnlySpan<double> logs, int step, int from, int to, double[] gram, double[] moment)
    {
        if (to < from)
        {
            return;
        }

        var products = SharedProducts(from, to);
        for (var i = 0; i < _shared; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                gram[(_sharedIndex[i] * _features) + _sharedIndex[j]] += products[(i * _shared) + j];
            }
        }

        var anchorCount = _features - _shared;
        var firstAnchor = _shared - 1;
        Span<double> anchors = stackalloc double[anchorCount];
        for (var end = from; end <= to; end++)
        {
            var row = _rows.AsSpan((end - _first) * _shared, _shared);
            var target = logs[end + step] - logs[end];
            _shape.WriteAnchors(logs, end, step, anchors);
            for (var j = 0; j < _shared; j++)
            {
                moment[_sharedIndex[j]] += row[j] * target;
            }

            for (var a = 0; a < anchorCount; a++)
            {
                var value = anchors[a];
                var index = firstAnchor + a;
                moment[index] += value * target;
                var gramRow = gram.AsSpan(index * _features, index + 1);
                for (var j = 0; j < _shared - 1; j++)
                {
                    gramRow[j] += value * row[j];
                }

                for (var b = 0; b <= a; b++)
                {
                    gramRow[firstAnchor + b] += value * anchors[b];
                }

                // The constant's row comes after every anchor's.
                gram[((_features - 1) * _features) + index] += value;
            }
        }
    }

    /// <summary>
    /// Sum over the windows ending in [from, to] of the absolute price error of <paramref name="coefficients"/> at
    /// <paramref name="step"/>.
    /// </summary>
    public double AbsoluteErrors(ReadOnlySpan<double> logs, int step, int from, int to, ReadOnlySpan<double> coefficients)
    {
        var anchorCount = _features - _shared;
        Span<double> anchors = stackalloc double[anchorCount];
        var sum = 0.0;
        for (var end = from; end <= to; end++)
        {
            var row = _rows.AsSpan((end - _first) * _shared, _shared);
            _shape.WriteAnchors(logs, end, step, anchors);
            var forecast = logs[end];
            for (var j = 0; j < _shared; j++)
            {
                forecast += coefficients[_sharedIndex[j]] * row[j];
            }

            for (var a = 0; a < anchorCount; a++)
            {
                forecast += coefficients[_shared - 1 + a] * anchors[a];
            }

            sum += Math.Abs(Math.Exp(logs[end + step]) - Math.Exp(forecast));
        }

        return sum;
    }

    private double[] SharedProducts(int from, int to)
    {
        if (_sharedProducts.TryGetValue((from, to), out var cached))
        {
            return cached;
        }

        var products = new double[_shared * _shared];
        for (var end = from; end <= to; end++)
        {
            var row = _rows.AsSpan((end - _first) * _shared, _shared);
            for (var i = 0; i < _shared; i++)
            {
                var value = row[i];
                for (var j = 0; j <= i; j++)
                {
                    products[(i * _shared) + j] += value * row[j];
                }
            }
        }

        _sharedProducts[(from, to)] = products;
        return products;
    }
}
