using System.Text;
using System.Text.RegularExpressions;

namespace Forecaster.Data.Sources;

/// <summary>
/// The single place where a configured name becomes SQL text. Settings can name tables and columns, so a name
/// is accepted only if it is a plain identifier, and is then always emitted double-quoted (exact case).
/// </summary>
public static partial class SqlIdentifier
{
    /// <summary>PostgreSQL truncates longer identifiers silently (NAMEDATALEN - 1), which would address another object.</summary>
    public const int MaxBytes = 63;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && PlainIdentifier().IsMatch(name) && Encoding.UTF8.GetByteCount(name) <= MaxBytes;

    /// <exception cref="ArgumentException">The name is not a plain identifier of at most 63 bytes.</exception>
    public static string Quote(string name)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"'{name}' is not an allowed SQL identifier: use letters, digits, '_' or '$' (not first), at most {MaxBytes} bytes.",
                nameof(name));
        }

        // Validation already excludes '"'; doubling it anyway keeps Quote safe on its own.
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainIdentifier();
}
