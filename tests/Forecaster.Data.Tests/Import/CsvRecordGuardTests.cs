using System.Text;
using Forecaster.Data.Import;

namespace Forecaster.Data.Tests.Import;

public sealed class CsvRecordGuardTests
{
    private static (string Output, IReadOnlyList<RejectedLine> Rejections) Guard(string input)
    {
        using var guard = new CsvRecordGuard(new StringReader(input));
        return (guard.ReadToEnd(), guard.Rejections);
    }

    // Read() one character at a time, with a Peek() before each, must give what ReadToEnd gives.
    private static string ReadByCharacter(string input)
    {
        using var guard = new CsvRecordGuard(new StringReader(input));
        var output = new StringBuilder();
        while (guard.Peek() is var next and >= 0)
        {
            var read = guard.Read();
            Assert.Equal(next, read);
            output.Append((char)read);
        }

        Assert.Equal(-1, guard.Read());
        return output.ToString();
    }

    [Theory]
    [InlineData("")]
    [InlineData("a,1\n")]
    [InlineData("a,1\nb,2")]
    [InlineData("a,\"two\nlines\",1\r\nb,\"\"\"quoted\"\"\",2\n\n")]
    public void Records_the_parser_can_take_pass_through_unchanged(string input)
    {
        var (output, rejections) = Guard(input);

        Assert.Equal(input, output);
        Assert.Equal(input, ReadByCharacter(input));
        Assert.Empty(rejections);
    }

    [Fact]
    public void A_stray_quote_is_given_up_on_after_the_line_limit_and_later_lines_keep_their_numbers()
    {
        var lines = new List<string> { "a,1", "b,\"stray" };
        lines.AddRange(Enumerable.Range(3, 150).Select(line => $"c,{line}"));
        var input = string.Join('\n', lines) + "\n";

        var (output, rejections) = Guard(input);

        var rejected = Assert.Single(rejections);
        Assert.Equal(2, rejected.LineNumber);
        Assert.Equal(
            $"a quoted field is still open after {CsvRecordGuard.MaxRecordLines} lines (lines 2-{CsvRecordGuard.MaxRecordLines + 1})",
            rejected.Reason);
        var outputLines = output.Split('\n');
        Assert.Equal(input.Split('\n').Length, outputLines.Length);
        Assert.Equal("a,1", outputLines[0]);
        Assert.All(outputLines[1..(CsvRecordGuard.MaxRecordLines + 1)], line => Assert.Equal("", line));
        Assert.Equal(
            lines[(CsvRecordGuard.MaxRecordLines + 1)..],
            outputLines[(CsvRecordGuard.MaxRecordLines + 1)..^1]);
        Assert.Equal(output, ReadByCharacter(input));
    }

    [Fact]
    public void A_quote_still_open_at_the_end_of_the_file_rejects_its_record_and_keeps_its_lines()
    {
        var (output, rejections) = Guard("a,1\nb,\"x\ny");

        Assert.Equal("a,1\n\n", output);
        var rejected = Assert.Single(rejections);
        Assert.Equal((2L, "a quoted field is not closed before the end of the file (lines 2-3)"), (rejected.LineNumber, rejected.Reason));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void A_record_is_rejected_only_beyond_the_character_limit(int over, bool rejected)
    {
        var record = new string('9', CsvRecordGuard.MaxRecordChars + over);

        var (output, rejections) = Guard($"a,1\n{record}\nb,2\n{record}");

        Assert.Equal(rejected ? "a,1\n\nb,2\n" : $"a,1\n{record}\nb,2\n{record}", output);
        Assert.Equal(rejected ? [2L, 4L] : [], rejections.Select(line => line.LineNumber));
        Assert.All(rejections, line => Assert.Equal("record longer than 1,048,576 characters", line.Reason));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_reject_their_line_only()
    {
        var (output, rejections) = Guard($"a,1\nb,2{CsvRecordGuard.InvalidByteMarker}\nc,3\n");

        Assert.Equal("a,1\n\nc,3\n", output);
        var rejected = Assert.Single(rejections);
        Assert.Equal((2L, "line 2 is not valid UTF-8 (save the file as UTF-8)"), (rejected.LineNumber, rejected.Reason));
    }

    [Fact]
    public void Disposing_the_guard_closes_the_file_under_it()
    {
        var inner = new StringReader("a,1\n");
        var guard = new CsvRecordGuard(inner);

        guard.Dispose();

        Assert.Throws<ObjectDisposedException>(() => inner.Read());
    }

    [Fact]
    public void A_file_is_read_as_utf8_unless_its_byte_order_mark_says_otherwise_and_invalid_bytes_are_marked()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("é,1\n")]);
            using (var unicode = CsvRecordGuard.OpenUtf8(path))
            {
                Assert.Equal("é,1\n", unicode.ReadToEnd());
            }

            File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes("é,"), 0xFF, (byte)'\n']);
            using var utf8 = CsvRecordGuard.OpenUtf8(path);
            Assert.Equal($"é,{CsvRecordGuard.InvalidByteMarker}\n", utf8.ReadToEnd());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
