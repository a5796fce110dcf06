using System.Globalization;
using System.Text;

namespace Forecaster.Data.Import;

/// <summary>
/// Sits between a file and the CSV parser (Sep) and passes on only records the parser can take safely: a record
/// longer than <see cref="MaxRecordChars"/> characters, a quoted field still open after <see cref="MaxRecordLines"/>
/// lines, or bytes that are not UTF-8 turn into as many empty lines as the record spanned (so the parser's line numbers
/// stay the file's) and into a rejection here. Memory stays bounded whatever the file holds: Sep keeps a whole record
/// in memory, and one 300 MB line would otherwise cost gigabytes. Records end where Sep ends them: at a line break
/// outside quotes, where every <c>"</c> toggles quoting (an escaped <c>""</c> toggles twice).
/// </summary>
internal sealed class CsvRecordGuard : TextReader
{
    public const int MaxRecordChars = 1 << 20;
    public const int MaxRecordLines = 100;

    /// <summary>What the decoder puts where bytes are not UTF-8 (<see cref="OpenUtf8"/>); a noncharacter, never in real text.</summary>
    public const char InvalidByteMarker = '\uFFFF';

    private readonly TextReader _inner;
    private readonly char[] _input = new char[64 * 1024];
    private readonly StringBuilder _record = new();
    private readonly List<RejectedLine> _rejections = [];
    private int _inputLength;
    private int _inputPosition;
    private string _output = "";
    private int _outputPosition;
    private long _line = 1;
    private long _recordFirstLine = 1;
    private int _recordLines = 1;
    private bool _inQuotes;
    private string? _problem;
    private bool _ended;

    public CsvRecordGuard(TextReader inner) => _inner = inner;

    /// <summary>Records rejected so far, each at its first line.</summary>
    public IReadOnlyList<RejectedLine> Rejections => _rejections;

    /// <summary>
    /// A UTF-8 reader (a byte-order mark may choose another Unicode encoding) that marks invalid bytes instead of
    /// guessing.
    /// </summary>
    public static StreamReader OpenUtf8(string path)
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
        encoding.DecoderFallback = new DecoderReplacementFallback(InvalidByteMarker.ToString());
        return new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
    }

    public override int Peek() => Fill() ? _output[_outputPosition] : -1;

    public override int Read() => Fill() ? _output[_outputPosition++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (!Fill())
        {
            return 0;
        }

        var length = Math.Min(buffer.Length, _output.Length - _outputPosition);
        _output.AsSpan(_outputPosition, length).CopyTo(buffer);
        _outputPosition += length;
        return length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Makes sure output is waiting: the next judged record (or the rest of the file at its end).</summary>
    private bool Fill()
    {
        while (_outputPosition >= _output.Length)
        {
            if (_ended)
            {
                return false;
            }

            _output = NextRecord();
            _outputPosition = 0;
        }

        return true;
    }

    private string NextRecord()
    {
        while (true)
        {
            if (_inputPosition >= _inputLength)
            {
                _inputLength = _inner.Read(_input, 0, _input.Length);
                _inputPosition = 0;
                if (_inputLength == 0)
                {
                    _ended = true;
                    if (_inQuotes)
                    {
                        Reject(string.Create(
                            CultureInfo.InvariantCulture,
                            $"a quoted field is not closed before the end of the file (lines {_recordFirstLine}-{_line})"));
                    }

                    return _record.Length > 0 || _problem is not null ? EndRecord(lineBreak: "") : "";
                }
            }

            var character = _input[_inputPosition++];
            if (character == '\n' && !_inQuotes)
            {
                return EndRecord(lineBreak: "\n");
            }

            Take(character);
            if (character == '\n')
            {
                _line++;
                _recordLines++;
                if (_recordLines > MaxRecordLines)
                {
                    // A stray quote would swallow the rest of the file: give up on this record at this line and resync.
                    Reject($"a quoted field is still open after {MaxRecordLines} lines (lines {_recordFirstLine}-{_line - 1})");
                    _inQuotes = false;
                    _line--;
                    _recordLines--;
                    return EndRecord(lineBreak: "\n");
                }
            }
        }
    }

    private void Take(char character)
    {
        if (character == '"')
        {
            _inQuotes = !_inQuotes;
        }
        else if (character == InvalidByteMarker)
        {
            Reject(string.Create(CultureInfo.InvariantCulture, $"line {_line} is not valid UTF-8 (save the file as UTF-8)"));
        }

        if (_problem is not null)
        {
            return;
        }

        if (_record.Length >= MaxRecordChars)
        {
            Reject(string.Create(CultureInfo.InvariantCulture, $"record longer than {MaxRecordChars:N0} characters"));
            return;
        }

        _record.Append(character);
    }

    private void Reject(string reason)
    {
        if (_problem is null)
        {
            _problem = reason;
            _record.Clear();
        }
    }

    /// <summary>The record as it goes to the parser: itself, or one empty line per line it spanned when rejected.</summary>
    private string EndRecord(string lineBreak)
    {
        string text;
        if (_problem is null)
        {
            text = _record.Append(lineBreak).ToString();
        }
        else
        {
            _rejections.Add(new RejectedLine(_recordFirstLine, _problem));
            text = new string('\n', _recordLines - 1) + lineBreak;
        }

        _record.Clear();
        _problem = null;
        _inQuotes = false;
        _line++;
        _recordFirstLine = _line;
        _recordLines = 1;
        return text;
    }
}
