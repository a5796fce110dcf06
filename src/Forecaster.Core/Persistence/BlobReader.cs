using System.Buffers.Binary;

namespace Forecaster.Core.Persistence;

/// <summary>Little-endian reads that turn running off the end into <see cref="InvalidDataException"/>.</summary>
internal ref struct BlobReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Remaining => _data.Length - _position;

    public byte ReadByte(string field) => Take(1, field)[0];

    public int ReadInt32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    public long ReadInt64(string field) => BinaryPrimitives.ReadInt64LittleEndian(Take(8, field));

    public double ReadDouble(string field) => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, field));

    public float ReadSingle(string field) => BinaryPrimitives.ReadSingleLittleEndian(Take(4, field));

    /// <summary>
    /// A count that must be non-negative and no larger than <paramref name="max"/>, so corrupt counts cannot trigger
    /// huge allocations.
    /// </summary>
    public int ReadCount(string field, int max)
    {
        var count = ReadInt32(field);
        if (count < 0 || count > max)
        {
            throw new InvalidDataException($"Model blob is corrupt: {field} is {count}, expected 0..{max}.");
        }

        return count;
    }

    private ReadOnlySpan<byte> Take(int length, string field)
    {
        if (Remaining < length)
        {
            throw new InvalidDataException($"Model blob is truncated: it ends inside field '{field}'.");
        }

        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }
}
