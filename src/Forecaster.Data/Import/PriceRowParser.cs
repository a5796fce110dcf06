using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Forecaster.Data.Sources;

namespace Forecaster.Data.Import;

/// <summary>A validated CSV row, ready for staging.</summary>
internal readonly record struct PriceRow(string SeriesKey, DateTime Timestamp, double Price);

/// <summary>
/// Turns the three mapped fields of a line into a <see cref="PriceRow"/>, or says why it cannot. Nothing is guessed:
/// a timestamp is a full ISO 8601 date and time with an explicit offset or Z (a bare time would take today's date, a
/// bare local time names no instant, <c>1/2/2024</c> has two readings); a price that rounds to zero or to a subnormal
/// number is refused rather than stored as something else; keys may not hold control characters (they reach
/// terminals and logs) and must fit the index. Values quoted in a reason are cut to <see cref="QuotedLength"/>.
/// </summary>
internal static partial class PriceRowParser
{
    /// <summary>A btree entry holds about 2,700 bytes; a key well below it can never make the insert fail.</summary>
    public const int MaxKeyBytes = 1000;

    public const int QuotedLength = 80;

    public static bool TryParse(string key, string timestamp, string price, out PriceRow row, out string reason)
    {
        row = default;

        // Spaces only: Trim() would also drop control characters such as U+0085, which must be seen and refused.
        key = key.Trim(' ');
        timestamp = timestamp.Trim();
        price = price.Trim();

        if (!TryValidateKey(key, out reason)
            || !TryParseTimestamp(timestamp, out var instant, out reason)
            || !TryParsePrice(price, out var value, out reason))
        {
            return false;
        }

        row = new PriceRow(key, instant, value);
        return true;
    }

    /// <summary>A value as it may appear in a message: control characters escaped, at most <see cref="QuotedLength"/> characters.</summary>
    public static string Quote(string value)
    {
        var shown = new StringBuilder("'");
        foreach (var character in value.Length > QuotedLength ? value[..QuotedLength] : value)
        {
            shown.Append(
                IsControl(character) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)character:X4}") : character.ToString());
        }

        shown.Append('\'');
        return value.Length > QuotedLength
            ? shown.Append(CultureInfo.InvariantCulture, $"… ({value.Length:N0} characters)").ToString()
            : shown.ToString();
    }

    private static bool TryValidateKey(string key, out string reason)
    {
        if (key.Length == 0)
        {
            reason = "empty series key";
            return false;
        }

        var control = key.AsSpan().IndexOfAnyInRange('\u0000', '\u001F') is >= 0 and var c0 ? c0
            : key.AsSpan().IndexOfAnyInRange('\u007F', '\u009F');
        if (control >= 0)
        {
            reason = string.Create(
                CultureInfo.InvariantCulture, $"series key {Quote(key)} contains control character " +
                    $"U+{(int)key[control]:X4} at position {control + 1}");
            return false;
        }

        if (Encoding.UTF8.GetByteCount(key) is var bytes and > MaxKeyBytes)
        {
            reason = string.Create(
                CultureInfo.InvariantCulture,
                $"series key {Quote(key)} is {bytes:N0} bytes of UTF-8; at most {MaxKeyBytes:N0}");
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool TryParseTimestamp(string text, out DateTime instant, out string reason)
    {
        instant = default;
        if (text.Length == 0)
        {
            reason = "empty timestamp";
            return false;
        }

        if (!IsoDateTime().IsMatch(text))
        {
            reason = IsoDateTimeWithoutOffset().IsMatch(text)
                ? $"timestamp {Quote(text)} has no explicit UTC offset or Z (local times are ambiguous and rejected)"
                : $"timestamp {Quote(text)} is not an ISO 8601 date and time such as 2024-01-31T16:00:00Z or 2024-01-31 17:00+01:00";
            return false;
        }

        // The shape is checked above, so the culture-invariant parser cannot pick another reading; it checks the ranges.
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            reason = $"unparseable timestamp {Quote(text)}";
            return false;
        }

        instant = parsed.UtcDateTime;
        if (!SupportedTimestamps.Contains(instant))
        {
            reason = $"timestamp {Quote(text)} is outside the supported range {SupportedTimestamps.Description}";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool TryParsePrice(string text, out double value, out string reason)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            reason = $"unparseable price {Quote(text)}";
            return false;
        }

        if (double.IsNaN(value))
        {
            reason = "price is NaN";
            return false;
        }

        if (double.IsInfinity(value))
        {
            reason = $"price {Quote(text)} is infinite (or beyond the range of double precision)";
            return false;
        }

        if ((value == 0 && NonZeroMantissa().IsMatch(text)) || double.IsSubnormal(value))
        {
            reason = $"price {Quote(text)} is too small for double precision (it would be stored as " +
                $"{value.ToString("R", CultureInfo.InvariantCulture)})";
            return false;
        }

        reason = string.Empty;
        return true;
    }

    private static bool IsControl(char character) => character is <= '\u001F' or (>= '\u007F' and <= '\u009F');

    // yyyy-MM-dd, 'T' or a space, HH:mm[:ss[.fraction]], then Z or ±hh[:mm] (RFC 3339 and PostgreSQL's own output).
    [GeneratedRegex(
        @"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,7})?)?\s?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,7})?)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTimeWithoutOffset();

    [GeneratedRegex(@"^[+-]?[0-9]*\.?[0-9]*[1-9]", RegexOptions.CultureInvariant)]
    private static partial Regex NonZeroMantissa();
}
