using System.Buffers.Binary;
using System.IO.Hashing;
using Forecaster.Core.Pipeline;

namespace Forecaster.Core.Persistence;

/// <summary>
/// The versioned binary model format (see MODEL_FORMAT.md). Writes the current version; reads every
/// version ever written (a version 1 or 2 blob, one network, reads as <see cref="ForecastModel.FromNetwork"/>).
/// Any damage is reported as <see cref="InvalidDataException"/>, never a half-read model.
/// </summary>
public static class ModelSerializer
{
    public const ushort CurrentVersion = ModelFormatV4.Version;

    private const int HeaderLength = 10;
    private const int ChecksumLength = 4;
    private static ReadOnlySpan<byte> Magic => "FCRN"u8;

    public static byte[] Serialize(ForecastModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = new BlobWriter();
        ModelFormatV4.Write(model, body);
        var blob = new byte[HeaderLength + body.Written.Length + ChecksumLength];
        Magic.CopyTo(blob);
        BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(4), CurrentVersion);
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(6), body.Written.Length);
        body.Written.CopyTo(blob.AsSpan(HeaderLength));
        var covered = blob.AsSpan(0, blob.Length - ChecksumLength);
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(covered.Length), Crc32.HashToUInt32(covered));
        return blob;
    }

    /// <exception cref="InvalidDataException">Not a model blob, an unknown version, truncated, corrupt or inconsistent.</exception>
    public static ForecastModel Deserialize(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < HeaderLength + ChecksumLength)
        {
            throw new InvalidDataException($"Model blob is truncated: {blob.Length} bytes is shorter than an empty model.");
        }

        if (!blob[..4].SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a Forecaster model blob: the magic bytes 'FCRN' are missing.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(blob[4..]);
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(blob[6..]);
        if (bodyLength < 0 || blob.Length != HeaderLength + bodyLength + ChecksumLength)
        {
            throw new InvalidDataException(
                $"Model blob is truncated or has trailing bytes: header announces {bodyLength} body bytes, blob has " +
                $"{blob.Length - HeaderLength - ChecksumLength}.");
        }

        var covered = blob[..^ChecksumLength];
        if (Crc32.HashToUInt32(covered) != BinaryPrimitives.ReadUInt32LittleEndian(blob[^ChecksumLength..]))
        {
            throw new InvalidDataException("Model blob is corrupt: CRC-32 checksum mismatch.");
        }

        var body = new BlobReader(blob.Slice(HeaderLength, bodyLength));
        var model = ReadBody(version, ref body);
        if (body.Remaining != 0)
        {
            throw new InvalidDataException($"Model blob is corrupt: {body.Remaining} unread bytes after the last field.");
        }

        return model;
    }

    private static ForecastModel ReadBody(ushort version, ref BlobReader body)
    {
        try
        {
            return version switch
            {
                ModelFormatV1.Version => ForecastModel.FromNetwork(ModelFormatV1.Read(ref body)),
                ModelFormatV2.Version => ForecastModel.FromNetwork(ModelFormatV2.Read(ref body)),
                ModelFormatV4.SingleWeightVersion or ModelFormatV4.Version => ModelFormatV4.Read(ref body, version),
                _ => throw new InvalidDataException(
                    $"Model format version {version} is not supported (this reader knows 1..{CurrentVersion})."),
            };
        }
        catch (ArgumentException e)
        {
            // A checksum-valid blob with impossible values was written by broken or hostile code.
            throw new InvalidDataException("Model blob is inconsistent: " + e.Message, e);
        }
    }
}
