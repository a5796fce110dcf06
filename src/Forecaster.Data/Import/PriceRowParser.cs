using System.Globalization;
using System.Text.RegularExpressions;

namespace Forecaster.Data.Import;

/// <summary>A validated CSV row, ready for staging.</summary>
internal readonly record struct PriceRow(string SeriesKey, DateTime Timestamp, double Price);

/// <summary>
/// Turns the three mapped fields of a line into a <see cref="PriceRow"/>, or says why it cannot. Timestamps must
/// carry an explicit offset or Z: a bare local time names no instant, and guessing a zone silently shifts data.
/// </summary>
internal static partial class PriceRowParser
{
    public static bool TryParse(string key, string timestamp, string price, out PriceRow row, out string reason)
    {
        row = default;
        key = key.Trim();
        timestamp = timestamp.Trim();
        price = price.Trim();

        if (key.Length == 0)
        {
            reason = "empty series key";
            return false;
        }

        if (!TryParseTimestamp(timestamp, out var instant, out reason))
        {
            return false;
        }

        if (!double.TryParse(price, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            reason = $"unparseable price '{price}'";
            return false;
        }

        if (double.IsNaN(value))
        {
            reason = "price is NaN";
            return false;
        }

        if (double.IsInfinity(value))
        {
            reason = $"price '{price}' is infinite (or beyond the range of double precision)";
            return false;
        }

        row = new PriceRow(key, instant, value);
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

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            reason = $"unparseable timestamp '{text}'";
            return false;
        }

        if (!ExplicitOffset().IsMatch(text))
        {
            reason = $"timestamp '{text}' has no explicit UTC offset or Z (local times are ambiguous and rejected)";
            return false;
        }

        instant = parsed.UtcDateTime;
        reason = string.Empty;
        return true;
    }

    // The offset must follow a clock time: a bare date such as 2020-01-01 ends in "-01" but has no offset.
    [GeneratedRegex(@"\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex ExplicitOffset();
}
