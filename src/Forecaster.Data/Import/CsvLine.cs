using System.Text;

namespace Forecaster.Data.Import;

/// <summary>
/// Splits one CSV line into fields: comma-separated, fields optionally double-quoted with "" for a quote inside.
/// A record must fit on one line (a quoted line break is reported as an unterminated quote).
/// </summary>
internal static class CsvLine
{
    /// <returns>The fields, or null when a quoted field is not closed on the line.</returns>
    public static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var position = 0;
        while (true)
        {
            field.Clear();
            if (position < line.Length && line[position] == '"')
            {
                position++;
                var closed = false;
                while (position < line.Length)
                {
                    var character = line[position++];
                    if (character != '"')
                    {
                        field.Append(character);
                    }
                    else if (position < line.Length && line[position] == '"')
                    {
                        field.Append('"');
                        position++;
                    }
                    else
                    {
                        closed = true;
                        break;
                    }
                }

                if (!closed)
                {
                    return null;
                }

                // Anything between the closing quote and the next comma is kept, as most spreadsheet tools do.
                var comma = line.IndexOf(',', position);
                var end = comma < 0 ? line.Length : comma;
                field.Append(line, position, end - position);
                position = end;
            }
            else
            {
                var comma = line.IndexOf(',', position);
                var end = comma < 0 ? line.Length : comma;
                field.Append(line, position, end - position);
                position = end;
            }

            fields.Add(field.ToString());
            if (position >= line.Length)
            {
                return fields;
            }

            position++; // the comma
        }
    }
}
