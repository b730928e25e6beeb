using Speech.Asr.Inference;

namespace Speech.Asr.Whisper.Decoding;

/// <summary>Splits tokens decoded with timestamps (<c>&lt;|0.00|&gt; text &lt;|1.60|&gt;&lt;|1.60|&gt; more &lt;|3.00|&gt;</c>)
/// into timed segments: each segment runs from a start timestamp to the next timestamp; text after
/// the last timestamp (a transcript cut off by the length limit) ends at
/// <paramref name="audioSeconds"/>.</summary>
public static class TimestampSegments
{
    public static List<TimedSegment> Split(IReadOnlyList<long> tokens, long timestampBegin, double audioSeconds)
    {
        var segments = new List<TimedSegment>();
        double? start = null; // the open segment's start; timestamps alternate start, end, start, end
        double lastEnd = 0;
        var text = new List<long>();
        foreach (long token in tokens)
        {
            if (token < timestampBegin)
            {
                start ??= lastEnd; // text without its own start timestamp continues from the last end
                text.Add(token);
                continue;
            }
            double time = (token - timestampBegin) * 0.02;
            if (start is null) { start = time; continue; }
            if (text.Count > 0) segments.Add(new TimedSegment(start.Value, time, text.ToArray()));
            text.Clear();
            lastEnd = time;
            start = null;
        }
        if (text.Count > 0) segments.Add(new TimedSegment(start ?? lastEnd, Math.Max(start ?? lastEnd, audioSeconds), text.ToArray()));
        return segments;
    }
}
