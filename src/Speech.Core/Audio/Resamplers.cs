namespace Speech.Core.Audio;

/// <summary>The resampler table. The default is soxr (high quality) when libsoxr loads, NAudio's
/// managed WDL sinc otherwise: soxr is what Python front-ends use, so features match theirs.</summary>
public static class Resamplers
{
    public static IResampler Default { get; } = SoxrResampler.IsAvailable ? new SoxrResampler(SoxrQuality.High) : new WdlSincResampler();

    public static IReadOnlyList<string> Names { get; } = ["soxr-vhq", "soxr-hq", "soxr-mq", "soxr-lq", "wdl-sinc"];

    public static IResampler ByName(string name) => name switch
    {
        "soxr-vhq" => new SoxrResampler(SoxrQuality.VeryHigh),
        "soxr-hq" => new SoxrResampler(SoxrQuality.High),
        "soxr-mq" => new SoxrResampler(SoxrQuality.Medium),
        "soxr-lq" => new SoxrResampler(SoxrQuality.Low),
        "wdl-sinc" => new WdlSincResampler(),
        _ => throw new Errors.ConfigException($"unknown resampler '{name}'; valid: {string.Join(", ", Names)}"),
    };
}
