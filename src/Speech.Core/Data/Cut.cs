using System.Text.Json;

namespace Speech.Core.Data;

/// <summary>One supervised span of audio: a view into a file, not a copy. One JSON line in a
/// manifest. Times are seconds.</summary>
/// <param name="Id">Unique within a manifest.</param>
/// <param name="Source">The audio file and channel.</param>
/// <param name="Start">Offset into the file, seconds.</param>
/// <param name="Duration">Length of the span, seconds.</param>
/// <param name="SampleRate">The file's native sample rate (features resample as needed).</param>
/// <param name="Extras">Free custom fields (pseudo labels, target references), explicit JSON values.</param>
public sealed record Cut(
    string Id,
    AudioSource Source,
    double Start,
    double Duration,
    int SampleRate,
    string? Text = null,
    string? Speaker = null,
    string? Language = null,
    IReadOnlyDictionary<string, JsonElement>? Extras = null)
{
    public double End => Start + Duration;

    /// <summary>A copy with one extra field set (others kept).</summary>
    public Cut WithExtra(string key, JsonElement value)
    {
        var extras = Extras is null ? new Dictionary<string, JsonElement>() : new Dictionary<string, JsonElement>(Extras);
        extras[key] = value;
        return this with { Extras = extras };
    }
}
