namespace Forecaster.Core.Rnn.Simd;

/// <summary>A compile-time integer: lets one micro-kernel source expand into fixed-size register tiles.</summary>
internal interface ITileSize
{
    static abstract int Value { get; }
}

internal readonly struct Size1 : ITileSize
{
    public static int Value => 1;
}

internal readonly struct Size2 : ITileSize
{
    public static int Value => 2;
}

internal readonly struct Size3 : ITileSize
{
    public static int Value => 3;
}

internal readonly struct Size4 : ITileSize
{
    public static int Value => 4;
}

internal readonly struct Size5 : ITileSize
{
    public static int Value => 5;
}

internal readonly struct Size6 : ITileSize
{
    public static int Value => 6;
}
