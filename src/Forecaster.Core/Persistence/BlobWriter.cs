using System.Buffers;
using System.Buffers.Binary;

namespace Forecaster.Core.Persistence;

/// <summary>Little-endian writes into a growing buffer.</summary>
internal sealed class BlobWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void WriteByte(byte value) => Reserve(1)[0] = value;

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);

    public void WriteSingle(float value) => BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);

    private Span<byte> Reserve(int size)
    {
        var span = _buffer.GetSpan(size)[..size];
        _buffer.Advance(size);
        return span;
    }
}
